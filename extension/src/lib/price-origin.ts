import type { PriceOrigin } from '@omnifolio/shared/api';
import { formatReferenceDay, formatTimestamp } from './format';

/** How each price source is named to a person. */
const SOURCE_NAMES: Record<string, string> = {
  CoinGecko: 'CoinGecko',
  ECB: 'the ECB reference rate',
  'Yahoo Finance': 'Yahoo Finance',
  statement: 'the NAV on the latest statement',
  broker: 'the broker’s mark',
};

/**
 * The hover text of a holding's price: where it comes from and as of when, and, when it is
 * out of date, that it is the last known price rather than a current one.
 * "Price from Yahoo Finance, quoted Nov 21, 2026, 5:30 PM."
 */
export function describePriceOrigin(origin: PriceOrigin): string {
  const source = SOURCE_NAMES[origin.source] ?? origin.source;
  const when = origin.referenceDay !== undefined ? `of ${formatReferenceDay(origin.referenceDay)}` : `as of ${formatTimestamp(origin.asOf)}`;
  const base = `Price from ${source}, ${when}.`;
  return origin.stale ? `${base} Out of date: the source could not be reached since, so this is the last known price.` : base;
}
