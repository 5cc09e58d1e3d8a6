import type { HoldingView, QuoteCurrency } from '@omnifolio/shared/api';
import { dec } from '@omnifolio/shared/money';
import { pickValue } from './format';

/** Largest value first (compared as decimals); unpriced holdings last, by symbol. */
export function sortHoldings(holdings: readonly HoldingView[], currency: QuoteCurrency): HoldingView[] {
  return [...holdings].sort((a, b) => {
    const va = pickValue(a.value, currency);
    const vb = pickValue(b.value, currency);
    if (va === null && vb === null) return a.symbol.localeCompare(b.symbol);
    if (va === null) return 1;
    if (vb === null) return -1;
    return dec(vb).comparedTo(dec(va)) || a.symbol.localeCompare(b.symbol);
  });
}
