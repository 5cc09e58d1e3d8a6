// @vitest-environment happy-dom
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { EnvironmentContext } from '../hooks/EnvironmentContext';
import { actSettled } from '../lib/act-settled.test-support';
import type { Environment } from '../lib/environment';
import { SettingsSection } from './SettingsSection';

let container: HTMLDivElement | null = null;
afterEach(() => container?.remove());

/** Renders the section against a companion holding `stored`; returns what it sends and what it remembers. */
async function render(stored: { baseCurrency: string; timeZone: string; riskFreeRate: string }) {
  const sent: unknown[] = [];
  const remembered: string[] = [];
  const environment = {
    access: async () => ({
      client: {
        settings: async () => stored,
        updateSettings: async (changes: Record<string, string>) => {
          sent.push(changes);
          return { ...stored, ...changes };
        },
      },
    }),
    preferences: { setCurrency: async (c: string) => void remembered.push(c) },
    subscribe: () => () => undefined,
  } as unknown as Environment;
  container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  await actSettled(() => {
    root.render(
      <EnvironmentContext.Provider value={environment}>
        <SettingsSection />
      </EnvironmentContext.Provider>,
    );
  });
  const field = <T extends HTMLElement>(id: string) => container?.querySelector<T>(`[data-testid="${id}"]`) as T;
  /** Sets a controlled field the way typing does, so React sees the change. */
  const set = async (id: string, value: string) => {
    const element = field<HTMLInputElement | HTMLSelectElement>(id);
    const prototype = element instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
    await actSettled(() => {
      Object.getOwnPropertyDescriptor(prototype, 'value')?.set?.call(element, value);
      element.dispatchEvent(new Event(element instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
    });
  };
  const save = () => actSettled(() => field<HTMLButtonElement>('save-settings').click());
  return { sent, remembered, field, set, save, unmount: () => actSettled(() => root.unmount()) };
}

describe('currency and measurement settings', () => {
  it('shows the stored settings, the risk-free rate as a percentage', async () => {
    const ui = await render({ baseCurrency: 'CHF', timeZone: 'Europe/Zurich', riskFreeRate: '0.0125' });
    expect(ui.field<HTMLSelectElement>('base-currency').value).toBe('CHF');
    expect(ui.field<HTMLInputElement>('time-zone').value).toBe('Europe/Zurich');
    expect(ui.field<HTMLInputElement>('risk-free-rate').value).toBe('1.25');
    expect(ui.field<HTMLSelectElement>('base-currency').textContent).toContain('EUR · Euro');
    await ui.unmount();
  });

  it('saves EUR with the rate as an exact ratio, and opens the dashboard in EUR from then on', async () => {
    const ui = await render({ baseCurrency: 'USD', timeZone: 'UTC', riskFreeRate: '0.02' });
    await ui.set('base-currency', 'EUR');
    await ui.set('risk-free-rate', '1.1');
    await ui.save();
    expect(ui.sent).toEqual([{ baseCurrency: 'EUR', timeZone: 'UTC', riskFreeRate: '0.011' }]);
    expect(ui.remembered).toEqual(['EUR']);
    expect(ui.field('settings-saved').textContent).toContain('Values in EUR appear once the companion has its ECB rates');
    await ui.unmount();
  });

  it('will not send a risk-free rate that is not a number, and says what it should be', async () => {
    const ui = await render({ baseCurrency: 'USD', timeZone: 'UTC', riskFreeRate: '0.02' });
    await ui.set('risk-free-rate', 'two');
    expect(ui.field<HTMLButtonElement>('save-settings').disabled).toBe(true);
    expect(container?.textContent).toContain('The risk-free rate is a percentage such as 2 or 1.25.');
    expect(ui.sent).toEqual([]);
    await ui.unmount();
  });
});
