import type { DualValue, HoldingView } from '@omnifolio/shared/api';
import { dec, toDecimalString } from '@omnifolio/shared/money';

type HoldingSource = HoldingView['sources'][number];

/**
 * One source's part of a holding: that source's quantity, and the value in the same
 * proportion in every currency the value carries (exact decimals: 0.25 of 0.5 BTC worth 30000
 * is worth 15000). A source that holds all of it keeps the value as is: division only for a share.
 */
export function holdingPart(h: HoldingView, source: HoldingSource): HoldingView {
  const total = dec(h.quantity);
  const whole = dec(source.quantity).eq(total);
  const share = (v: string) => (whole || total.isZero() ? v : toDecimalString(dec(v).mul(source.quantity).div(total)));
  const value: DualValue | null =
    h.value === null ? null : { usd: share(h.value.usd), chf: share(h.value.chf), ...(h.value.base !== undefined ? { base: share(h.value.base) } : {}) };
  return { ...h, quantity: source.quantity, value, sources: [source] };
}

/** One platform's part of a holding, for the per-platform drill-down; null when the platform does not hold the asset. */
export function holdingOnPlatform(h: HoldingView, label: string): HoldingView | null {
  const source = h.sources.find((s) => s.label === label);
  return source ? holdingPart(h, source) : null;
}
