import type { HoldingView, QuoteCurrency } from '@omnifolio/shared/api';
import { dec, toDecimalString } from '@omnifolio/shared/money';
import { sortHoldings } from './holdings';

/**
 * What one connection holds, for its drill-down under the connection's row: each asset with
 * this connection's quantity and the value in the same proportion of the asset's value (0.25
 * of 0.5 BTC worth 30000 is worth 15000; exact decimals, rounded only when shown). Largest
 * value first, unpriced last. Matched by connection id: two connections may share a label.
 */
export function connectionHoldings(holdings: readonly HoldingView[], connectionId: string, currency: QuoteCurrency): HoldingView[] {
  const out: HoldingView[] = [];
  for (const h of holdings) {
    const source = h.sources.find((s) => s.connectionId === connectionId);
    if (source === undefined || dec(source.quantity).isZero()) continue;
    const total = dec(h.quantity);
    // A connection that holds all of an asset keeps its value as is; division only for a share.
    const whole = dec(source.quantity).eq(total);
    const share = (v: string) => (whole || total.isZero() ? v : toDecimalString(dec(v).mul(source.quantity).div(total)));
    out.push({ ...h, quantity: source.quantity, value: h.value === null ? null : { usd: share(h.value.usd), chf: share(h.value.chf) }, sources: [source] });
  }
  return sortHoldings(out, currency);
}
