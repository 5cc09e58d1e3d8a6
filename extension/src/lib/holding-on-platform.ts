import type { HoldingView } from '@omnifolio/shared/api';
import { dec, toDecimalString } from '@omnifolio/shared/money';

/**
 * One platform's part of a holding, for the per-platform drill-down: that platform's
 * quantity, and the value in the same proportion (exact decimals: 0.25 of 0.5 BTC worth
 * 30000 is worth 15000). Null when the platform does not hold the asset.
 */
export function holdingOnPlatform(h: HoldingView, label: string): HoldingView | null {
  const source = h.sources.find((s) => s.label === label);
  if (!source) return null;
  const total = dec(h.quantity);
  const share = (v: string) => (total.isZero() ? v : toDecimalString(dec(v).mul(source.quantity).div(total)));
  return { ...h, quantity: source.quantity, value: h.value === null ? null : { usd: share(h.value.usd), chf: share(h.value.chf) }, sources: [source] };
}
