import type { HoldingView, QuoteCurrency } from '@omnifolio/shared/api';
import { dec } from '@omnifolio/shared/money';
import { holdingPart } from './holding-on-platform';
import { sortHoldings } from './holdings';

/**
 * What one connection holds, for its drill-down under the connection's row: each asset with
 * this connection's quantity and its share of the asset's value (holdingPart). Largest value
 * first, unpriced last. Matched by connection id: two connections may share a label.
 */
export function connectionHoldings(holdings: readonly HoldingView[], connectionId: string, currency: QuoteCurrency): HoldingView[] {
  const out: HoldingView[] = [];
  for (const h of holdings) {
    const source = h.sources.find((s) => s.connectionId === connectionId);
    if (source === undefined || dec(source.quantity).isZero()) continue;
    out.push(holdingPart(h, source));
  }
  return sortHoldings(out, currency);
}
