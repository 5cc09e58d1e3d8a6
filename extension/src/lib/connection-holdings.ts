import type { HoldingView, QuoteCurrency } from '@omnifolio/shared/api';
import { dec } from '@omnifolio/shared/money';
import { holdingPart } from './holding-on-platform';
import { sortHoldings } from './holdings';

type HoldingSource = HoldingView['sources'][number];

/** This connection's part of a holding, or undefined when it holds none of it. */
function sourceOf(h: HoldingView, connectionId: string): HoldingSource | undefined {
  const source = h.sources.find((s) => s.connectionId === connectionId);
  return source === undefined || dec(source.quantity).isZero() ? undefined : source;
}

/**
 * How many of the portfolio's holdings one connection has a part of: what its folded list
 * says before it is opened, without working out each part's value.
 */
export function connectionHoldingCount(holdings: readonly HoldingView[], connectionId: string): number {
  let count = 0;
  for (const h of holdings) if (sourceOf(h, connectionId) !== undefined) count++;
  return count;
}

/**
 * What one connection holds, for its drill-down under the connection's row: each asset with
 * this connection's quantity and its share of the asset's value (holdingPart). Largest value
 * first, unpriced last. Matched by connection id: two connections may share a label.
 */
export function connectionHoldings(holdings: readonly HoldingView[], connectionId: string, currency: QuoteCurrency): HoldingView[] {
  const out: HoldingView[] = [];
  for (const h of holdings) {
    const source = sourceOf(h, connectionId);
    if (source !== undefined) out.push(holdingPart(h, source));
  }
  return sortHoldings(out, currency);
}
