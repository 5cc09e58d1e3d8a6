import type { ProviderView } from '@omnifolio/shared/api';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { EnvironmentContext } from '../hooks/EnvironmentContext';
import type { Environment } from '../lib/environment';
import { AddConnectionForm } from './AddConnectionForm';

const binance: ProviderView = {
  id: 'binance',
  name: 'Binance',
  kind: 'exchange',
  tested: true,
  live: true,
  credentials: [{ key: 'apiKey', label: 'API key', secret: false, help: 'Read only.' }],
  help: 'Reads Binance.',
};
const bitstamp: ProviderView = {
  id: 'ccxt:bitstamp',
  name: 'Bitstamp',
  kind: 'exchange',
  tested: false,
  live: false,
  credentials: [{ key: 'apiKey', label: 'API key', secret: false, help: 'Read only.' }],
  help: 'Reads Bitstamp balances through ccxt’s generic support.',
};

// Rendering never calls the environment; only testing and saving do.
const render = (providers: ProviderView[]) =>
  renderToStaticMarkup(
    <EnvironmentContext.Provider value={{} as Environment}>
      <AddConnectionForm providers={providers} hasDemo={false} onSaved={() => undefined} />
    </EnvironmentContext.Provider>,
  );

describe('AddConnectionForm', () => {
  it('groups the untested exchanges apart and marks each one', () => {
    const html = render([binance, bitstamp]);
    expect(html).toContain('<option value="binance">Binance</option>');
    expect(html).toMatch(/<optgroup label="Untested exchanges \(through ccxt\)"><option value="ccxt:bitstamp">Bitstamp \(untested\)<\/option><\/optgroup>/);
    expect(html).not.toContain('data-testid="untested-provider"');
  });

  it('says what "untested" means once an untested exchange is chosen', () => {
    const html = render([bitstamp]);
    expect(html).toContain('data-testid="untested-provider"');
    expect(html).toContain('Untested: Omnifolio reaches Bitstamp through ccxt’s generic support and has not verified it against a simulator of this exchange');
  });

  it('shows no marker for a tested provider', () => {
    expect(render([binance])).not.toContain('Untested');
  });

  it('says whether a provider updates live or by sync', () => {
    expect(render([binance])).toContain('Updates live: while a dashboard or the popup is open');
    expect(render([bitstamp])).toContain('Updates by sync: on the schedule below');
    expect(render([bitstamp])).not.toContain('Updates live');
  });
});
