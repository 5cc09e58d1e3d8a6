import type { HoldingView, QuoteCurrency } from '@omnifolio/shared/api';
import { dec } from '@omnifolio/shared/money';
import { pickValue } from './format';

/**
 * Largest value first (compared as decimals); unpriced holdings last, by symbol. Each value
 * is parsed once, not once per comparison: the popup sorts on every opening.
 */
export function sortHoldings(holdings: readonly HoldingView[], currency: QuoteCurrency): HoldingView[] {
  const keyed = holdings.map((h) => {
    const value = pickValue(h.value, currency);
    return { h, value: value === null ? null : dec(value) };
  });
  keyed.sort((a, b) => {
    if (a.value === null && b.value === null) return a.h.symbol.localeCompare(b.h.symbol);
    if (a.value === null) return 1;
    if (b.value === null) return -1;
    return b.value.comparedTo(a.value) || a.h.symbol.localeCompare(b.h.symbol);
  });
  return keyed.map((k) => k.h);
}
