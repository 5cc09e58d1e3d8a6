// @vitest-environment happy-dom
import type { ProviderView } from '@omnifolio/shared/api';
import { act } from 'preact/test-utils';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { EnvironmentContext } from '../hooks/EnvironmentContext';
import type { Environment } from '../lib/environment';
import { AddConnectionForm } from './AddConnectionForm';

const gateway: ProviderView = {
  id: 'ibkr-cpapi',
  name: 'Interactive Brokers (Client Portal Gateway)',
  kind: 'broker',
  tested: true,
  live: false,
  credentials: [{ key: 'gatewayUrl', label: 'Gateway URL', secret: false, help: 'Leave empty for the default.', optional: true }],
  help: 'Reads your gateway.',
};
const flex: ProviderView = {
  ...gateway,
  id: 'ibkr-flex',
  name: 'Interactive Brokers (Flex Web Service)',
  credentials: [
    { key: 'token', label: 'Flex token', secret: true, help: '', optional: false },
    { key: 'timeZone', label: 'Time zone', secret: false, help: '', optional: true },
  ],
};

let container: HTMLDivElement | null = null;
afterEach(() => container?.remove());

/** Renders the form for one provider, presses "Test connection", and returns what reached the companion and what the form says. */
async function pressTest(provider: ProviderView) {
  const sent: unknown[] = [];
  const environment = {
    access: async () => ({
      client: {
        testConnection: async (body: unknown) => {
          sent.push(body);
          return { ok: true, accounts: 1, warnings: [] };
        },
      },
    }),
  } as unknown as Environment;
  container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  await act(async () => {
    root.render(
      <EnvironmentContext.Provider value={environment}>
        <AddConnectionForm providers={[provider]} hasDemo={false} onSaved={() => undefined} />
      </EnvironmentContext.Provider>,
    );
  });
  const button = container.querySelector<HTMLButtonElement>('[data-testid="test-connection"]');
  await act(async () => button?.click());
  const text = container.textContent ?? '';
  await act(async () => root.unmount());
  return { sent, text };
}

describe('AddConnectionForm with fields a provider can do without', () => {
  it('tests a connection whose only field is optional and was left empty', async () => {
    const { sent, text } = await pressTest(gateway);
    expect(text).not.toContain('Fill in');
    expect(sent).toEqual([{ providerId: 'ibkr-cpapi', label: 'Interactive Brokers (Client Portal Gateway)', credentials: { gatewayUrl: '' } }]);
  });

  it('still asks for the required ones, and only for those', async () => {
    const { sent, text } = await pressTest(flex);
    expect(text).toContain('Fill in: Flex token.');
    expect(sent).toEqual([]);
  });
});
