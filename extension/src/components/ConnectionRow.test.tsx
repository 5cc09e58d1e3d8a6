// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { createRoot } from 'react-dom/client';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { connectionHoldings } from '../lib/connection-holdings';
import { connectionSummary, holding } from '../lib/test-fixtures';
import { ConnectionBreakdown } from './ConnectionBreakdown';

const ibkr = connectionSummary({ id: 'ibkr', label: 'Demo · IBKR', providerId: 'ibkr-cpapi', kind: 'broker', value: { usd: '16870.03', chf: '15161.14' } });
const binance = connectionSummary({ id: 'binance', label: 'Binance', value: { usd: '60000', chf: '54000' } });
const source = (connectionId: string, label: string, quantity: string) => ({ connectionId, label, quantity });
const holdings = [
  holding({ assetId: 'cg:bitcoin', symbol: 'BTC', sources: [source('binance', 'Binance', '1')] }),
  holding({
    assetId: 'sym:AAPL 261218C00300000',
    symbol: 'AAPL 261218C00300000',
    quantity: '-100',
    priceUsd: '4.15',
    value: { usd: '-415', chf: '-372.9605' },
    sources: [source('ibkr', 'Demo · IBKR', '-100')],
  }),
  holding({
    assetId: 'sym:AAPL',
    symbol: 'AAPL',
    quantity: '20',
    priceUsd: '230.5',
    value: { usd: '4610', chf: '4142.9' },
    sources: [source('ibkr', 'Demo · IBKR', '20')],
  }),
  holding({
    assetId: 'fiat:CHF',
    symbol: 'CHF',
    quantity: '4566.7',
    priceUsd: '1.11',
    value: { usd: '5069.037', chf: '4566.7' },
    sources: [source('ibkr', 'Demo · IBKR', '4566.7')],
  }),
];

let container: HTMLDivElement | null = null;
afterEach(() => container?.remove());

/** Renders the breakdown in a document; `open()` unfolds every connection's list the way a click on its summary does. */
async function render(currency: 'USD' | 'CHF') {
  container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  await act(async () => root.render(<ConnectionBreakdown connections={[binance, ibkr]} holdings={holdings} currency={currency} />));
  const page = container;
  return {
    page,
    text: () => page.textContent ?? '',
    open: () =>
      act(async () => {
        for (const details of page.querySelectorAll('details')) {
          details.open = true;
          details.dispatchEvent(new Event('toggle'));
        }
      }),
  };
}

/** The rows of one connection's folded list, in order: [symbol, quantity, value] as data attributes. */
const listed = (page: ParentNode, connectionId: string) =>
  [
    ...(page
      .querySelector(`[data-testid="connection-row"][data-connection-id="${connectionId}"]`)
      ?.querySelectorAll<HTMLElement>('[data-testid="connection-holding"]') ?? []),
  ].map((row) => [row.dataset.symbol, row.dataset.quantity, row.dataset.value]);

/** Static markup in a document, to be read as elements rather than as text whose attribute order is the renderer's. */
const parsed = (html: string) => {
  const page = document.createElement('div');
  page.innerHTML = html;
  return page;
};

describe('a connection’s own holdings under its row', () => {
  it('lists every holding of that connection, folded, largest first, with its exact value in the chosen currency', async () => {
    const ui = await render('CHF');
    // Closed until asked for, and says how many it holds; the rows are built when it opens.
    const folded = ui.page.querySelector<HTMLDetailsElement>('[data-connection-id="ibkr"] details[data-testid="connection-holdings"]');
    expect(folded?.open).toBe(false);
    expect(folded?.className).toBe('connection-holdings');
    expect([...(folded?.children ?? [])].map((child) => child.outerHTML)).toEqual([
      expect.stringMatching(/^<summary [^>]*data-testid="connection-holdings-toggle"[^>]*>3 holdings<\/summary>$/),
    ]);
    expect(listed(ui.page, 'ibkr')).toEqual([]);
    await ui.open();
    expect(listed(ui.page, 'ibkr')).toEqual([
      ['CHF', '4566.7', '4566.7'],
      ['AAPL', '20', '4142.9'],
      ['AAPL 261218C00300000', '-100', '-372.9605'],
    ]);
    expect(listed(ui.page, 'binance')).toEqual([['BTC', '1', '54000']]);
    // Shown rounded (Intl puts a no-break space after the code); the written call is negative.
    expect(ui.text()).toContain('CHF\u00a04,142.90');
    expect(ui.text()).toContain('-CHF\u00a0372.96');
  });

  it('carries the connection’s exact value in the shown currency beside its rounded text', () => {
    const value = parsed(renderToStaticMarkup(<ConnectionBreakdown connections={[ibkr]} holdings={holdings} currency="USD" />)).querySelector<HTMLElement>(
      '[data-testid="connection-value"]',
    );
    expect({ ...value?.dataset }).toEqual({ testid: 'connection-value', currency: 'USD', value: '16870.03' });
    expect(value?.textContent).toBe('$16,870.03');
  });

  it('shows no list for a connection without holdings', () => {
    const html = renderToStaticMarkup(<ConnectionBreakdown connections={[ibkr]} holdings={[]} currency="USD" />);
    expect(html).not.toContain('connection-holdings');
    expect(connectionHoldings(holdings, 'nobody', 'USD')).toEqual([]);
  });
});
