import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { holding } from '../lib/test-fixtures';
import { HoldingsTable } from './HoldingsTable';
import { UnpricedNote } from './UnpricedNote';

const eth = holding({ assetId: 'cg:ethereum', symbol: 'ETH', name: 'Ether', value: { usd: '3000', chf: '2700' } });
const spam = holding({
  assetId: 'evm:42161:0x5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a',
  symbol: 'VISIT-CLAIM.EXAMPLE',
  name: 'Claim',
  priceUsd: null,
  value: null,
  unlisted: true,
});
const pricedUnlisted = holding({
  assetId: 'evm:1:0x607f4c5bb672230e8672085532f7e901544a7375',
  symbol: 'RLC',
  priceUsd: '1.5',
  value: { usd: '15', chf: '13.5' },
  unlisted: true,
});
const unpricedListed = holding({ assetId: 'sym:XYZ', symbol: 'XYZ', priceUsd: null, value: null, unlisted: false });

const rowsOf = (html: string) => [...html.matchAll(/data-symbol="([^"]+)"/g)].map((m) => m[1]);

describe('unlisted tokens without a price', () => {
  it('are hidden from the holdings by default, with a count and a way to show them; priced or listed ones stay', () => {
    const html = renderToStaticMarkup(<HoldingsTable holdings={[eth, spam, pricedUnlisted, unpricedListed]} currency="USD" />);
    expect(rowsOf(html)).toEqual(['ETH', 'RLC', 'XYZ']);
    expect(html).toContain('1 unlisted token without a price is hidden (likely spam or dust).');
    expect(html).toContain('data-testid="toggle-unlisted"');
  });

  it('are counted but not named in the unpriced note', () => {
    const unpriced = [
      { assetId: spam.assetId, symbol: spam.symbol, quantity: '1000' },
      { assetId: unpricedListed.assetId, symbol: 'XYZ', quantity: '2' },
    ];
    const html = renderToStaticMarkup(<UnpricedNote unpriced={unpriced} holdings={[eth, spam, unpricedListed]} />);
    expect(html).toContain('Not in the total: 1 unpriced asset (2 XYZ).');
    expect(html).toContain('Also left out: 1 unlisted token without a price (hidden in the holdings).');
    expect(html).not.toContain('VISIT-CLAIM');
    const onlySpam = renderToStaticMarkup(<UnpricedNote unpriced={unpriced.slice(0, 1)} holdings={[spam]} />);
    expect(onlySpam).toContain('Not in the total: 1 unlisted token without a price (hidden in the holdings).');
  });
});
