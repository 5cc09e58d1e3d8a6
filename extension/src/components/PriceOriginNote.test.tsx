import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { holding } from '../lib/test-fixtures';
import { HoldingRow } from './HoldingRow';

const row = (h: ReturnType<typeof holding>) =>
  renderToStaticMarkup(
    <table>
      <tbody>
        <HoldingRow holding={h} currency="USD" showSources={false} />
      </tbody>
    </table>,
  );

describe('a holding’s price source', () => {
  it('is named in the price’s hover text while current, with no tag', () => {
    const html = row(holding({ price: { source: 'Yahoo Finance', asOf: '2026-11-20T21:00:00.000Z', stale: false } }));
    expect(html).toContain('data-source="Yahoo Finance"');
    expect(html).toMatch(/title="Price from Yahoo Finance, as of Nov 20, 2026, \d{1,2}:\d{2}\s?[AP]M\."/);
    expect(html).not.toContain('price-stale');
  });

  it('names the ECB’s reference day for a fiat balance', () => {
    const html = row(holding({ symbol: 'EUR', price: { source: 'ECB', asOf: '2026-11-20T15:10:00.000Z', referenceDay: '2026-11-20', stale: false } }));
    expect(html).toContain('title="Price from the ECB reference rate, of 20 Nov 2026."');
  });

  it('shows a last known price as stale with its age, in the warning colour, never as zero', () => {
    const asOf = new Date(Date.now() - 3 * 3_600_000).toISOString();
    const html = row(holding({ priceUsd: '60000', price: { source: 'CoinGecko', asOf, stale: true } }));
    expect(html).toContain('$60,000.00');
    expect(html).toContain('class="text-warning"');
    expect(html).toMatch(/data-testid="price-stale"[^>]*>stale · <time[^>]*>3 hours ago<\/time>/);
    expect(html).toContain('Out of date: the source could not be reached since, so this is the last known price.');
  });

  it('says nothing about a source for an unpriced holding', () => {
    const html = row(holding({ priceUsd: null, value: null, price: null }));
    expect(html).not.toContain('holding-price');
    expect(html).not.toContain('price-stale');
    expect(html).toContain('unpriced');
  });

  it('names a statement’s NAV and a broker’s mark in words', () => {
    expect(row(holding({ price: { source: 'statement', asOf: '2026-09-30T00:00:00.000Z', stale: false } }))).toContain(
      'Price from the NAV on the latest statement',
    );
    expect(row(holding({ price: { source: 'broker', asOf: '2026-11-20T21:00:00.000Z', stale: false } }))).toContain('Price from the broker’s mark');
  });

  it('renders a holding from an older companion’s cached overview, which has no price source', () => {
    const { price: _none, ...old } = holding();
    const html = row(old);
    expect(html).toContain('$60,000.00');
    expect(html).not.toContain('title="Price from');
    expect(html).not.toContain('price-stale');
  });
});
