import { Decimal, dec, toDecimalString } from '@omnifolio/shared/money';
import { divideRatio } from './ratio.js';

export const allocationClasses = ['crypto', 'equity', 'fund', 'cash', 'pension'] as const;
export type AllocationClass = (typeof allocationClasses)[number];

export interface AllocationItem {
  value: string;
  platform: string;
  assetClass: AllocationClass;
  /** The currency the asset is denominated in; crypto has none and is grouped as `crypto`. */
  currency: string;
}

export interface AllocationSlice {
  key: string;
  value: string;
  /** Of the priced total; null when the total is zero. */
  share: string | null;
}

export interface Allocation {
  total: string;
  byPlatform: AllocationSlice[];
  byAssetClass: AllocationSlice[];
  byCurrency: AllocationSlice[];
}

/**
 * Splits the priced portfolio three ways. Only priced holdings are passed in: an unpriced
 * one has no share to show (the dashboard lists it apart). Negative items (a margin loan)
 * reduce their group. Slices are by value, largest first.
 */
export function allocation(items: readonly AllocationItem[]): Allocation {
  let total = new Decimal(0);
  for (const i of items) total = total.plus(dec(i.value));
  const group = (keyOf: (i: AllocationItem) => string): AllocationSlice[] => {
    const sums = new Map<string, Decimal>();
    for (const i of items) sums.set(keyOf(i), (sums.get(keyOf(i)) ?? new Decimal(0)).plus(dec(i.value)));
    return [...sums]
      .sort(([ka, a], [kb, b]) => b.cmp(a) || ka.localeCompare(kb))
      .map(([key, v]) => ({ key, value: toDecimalString(v), share: divideRatio(v, total) }));
  };
  return {
    total: toDecimalString(total),
    byPlatform: group((i) => i.platform),
    byAssetClass: group((i) => i.assetClass),
    byCurrency: group((i) => i.currency),
  };
}
