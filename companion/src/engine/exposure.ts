import { Decimal, dec, toDecimalString } from '@omnifolio/shared/money';
import { divideRatio } from './ratio.js';

export interface SpotExposureInput {
  /** What the risk is on: the underlying's symbol ("BTC"), so spot BTC and a BTC perpetual meet. */
  underlying: string;
  /** Market value in the base currency. Unpriced holdings cannot be measured and are left out by the caller. */
  value: string;
  /** Cash and stablecoins carry no market exposure in the base sense. */
  cashLike: boolean;
}

export interface DerivativeExposureInput {
  underlying: string;
  side: 'long' | 'short';
  /** |size × mark price| in the base currency. */
  notional: string;
}

export interface ExposureRow {
  underlying: string;
  spot: string;
  longNotional: string;
  shortNotional: string;
  /** spot + long − short. */
  net: string;
  /** spot + long + short: how much is at stake either way. */
  gross: string;
  netOfEquity: string | null;
  grossOfEquity: string | null;
}

export interface Exposure {
  rows: ExposureRow[];
  totalNet: string;
  totalGross: string;
  /** Gross exposure / equity: 1 is fully invested without leverage; 3 is three times equity at risk. */
  effectiveLeverage: string | null;
}

/**
 * Market exposure per underlying, spot and derivatives together: a short perpetual against
 * spot BTC nets to zero (a hedge) but still counts in gross. Shares are of equity (see
 * equity.ts); with no equity they are null. Rows are by gross exposure, largest first.
 */
export function exposure(spot: readonly SpotExposureInput[], derivatives: readonly DerivativeExposureInput[], equityValue: string): Exposure {
  const rows = new Map<string, { spot: Decimal; long: Decimal; short: Decimal }>();
  const row = (u: string) => {
    let r = rows.get(u);
    if (!r) {
      r = { spot: new Decimal(0), long: new Decimal(0), short: new Decimal(0) };
      rows.set(u, r);
    }
    return r;
  };
  for (const s of spot) if (!s.cashLike) row(s.underlying).spot = row(s.underlying).spot.plus(dec(s.value));
  for (const d of derivatives) {
    const r = row(d.underlying);
    const n = dec(d.notional).abs();
    if (d.side === 'long') r.long = r.long.plus(n);
    else r.short = r.short.plus(n);
  }
  const eq = dec(equityValue);
  const share = (v: Decimal) => (eq.gt(0) ? divideRatio(v, eq) : null);
  let totalNet = new Decimal(0);
  let totalGross = new Decimal(0);
  const out = [...rows].map(([underlying, r]) => {
    const net = r.spot.plus(r.long).minus(r.short);
    const gross = r.spot.plus(r.long).plus(r.short);
    totalNet = totalNet.plus(net);
    totalGross = totalGross.plus(gross);
    return {
      sortKey: gross,
      underlying,
      spot: toDecimalString(r.spot),
      longNotional: toDecimalString(r.long),
      shortNotional: toDecimalString(r.short),
      net: toDecimalString(net),
      gross: toDecimalString(gross),
      netOfEquity: share(net),
      grossOfEquity: share(gross),
    };
  });
  out.sort((a, b) => b.sortKey.cmp(a.sortKey) || a.underlying.localeCompare(b.underlying));
  return {
    rows: out.map(({ sortKey: _sortKey, ...r }) => r),
    totalNet: toDecimalString(totalNet),
    totalGross: toDecimalString(totalGross),
    effectiveLeverage: share(totalGross),
  };
}
