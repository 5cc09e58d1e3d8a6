import type { ActivityView } from '@omnifolio/shared/api';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ActivityTable } from './ActivityTable';

const base = {
  connectionId: 'c1',
  connectionLabel: 'Finpension 3a',
  accountName: 'Portfolio 1',
  documentId: 'd1',
  provisional: false,
  fee: null,
  feeSymbol: null,
} as const;

// The Finpension export's rows (test/fixtures/finpension in the companion), as the API lists them.
const buy: ActivityView = {
  ...base,
  id: 3,
  executedAt: '2023-07-11T00:00:00.000Z',
  type: 'buy',
  symbol: 'CH0189956813',
  assetId: 'isin:CH0189956813',
  quantity: '0.001',
  change: '0.001',
  quoteSymbol: 'CHF',
  price: '821.8',
  quoteChange: '-0.8218',
};
const fee: ActivityView = {
  ...base,
  id: 2,
  executedAt: '2023-10-07T00:00:00.000Z',
  type: 'fee',
  symbol: 'CHF',
  assetId: 'fiat:CHF',
  quantity: '1.32',
  change: '-1.32',
  quoteSymbol: null,
  price: null,
  quoteChange: null,
  provisional: true,
};

describe('ActivityTable', () => {
  it('shows what each activity did, signed in text: the asset and, for a trade, the quote', () => {
    const html = renderToStaticMarkup(<ActivityTable items={[fee, buy]} />);
    expect(html).toContain('<span class="loss">−1.32 CHF</span>');
    expect(html).toContain('<span class="gain">+0.001 CH0189956813</span>');
    expect(html).toContain('<span class="loss">−0.8218 CHF</span>');
    expect(html).toContain('821.8 CHF');
    expect(html).toContain('Finpension 3a');
    expect(html.indexOf('Fee')).toBeLessThan(html.indexOf('Buy'));
  });

  it('marks a row read from a provider’s page as provisional', () => {
    const html = renderToStaticMarkup(<ActivityTable items={[fee, buy]} />);
    expect(html.match(/from page/g)).toHaveLength(1);
  });

  it('a split shows its recorded quantity without a sign', () => {
    const split: ActivityView = { ...buy, id: 9, type: 'split', quantity: '4', change: null, quoteChange: null, price: null, quoteSymbol: null };
    const html = renderToStaticMarkup(<ActivityTable items={[split]} />);
    expect(html).toContain('<span class="text-muted">4 CH0189956813</span>');
    expect(html).not.toMatch(/[+−]4 /);
  });
});
