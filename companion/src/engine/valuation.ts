import { Decimal, dec, toDecimalString } from '@omnifolio/shared/money';

export interface HoldingInput {
  connectionId: string;
  assetId: string;
  /** free + locked, decimal string. */
  quantity: string;
}

export interface AssetInfo {
  symbol: string;
  name: string | null;
}

/** A price in both display currencies. Absent from the map means unpriced. */
export interface DualPrice {
  usd: string;
  chf: string;
}

export interface ValuedHolding {
  assetId: string;
  symbol: string;
  name: string | null;
  quantity: string;
  priceUsd: string | null;
  value: { usd: string; chf: string } | null;
  sources: { connectionId: string; quantity: string }[];
}

export interface Valuation {
  total: { usd: string; chf: string };
  byConnection: Map<string, { usd: string; chf: string; unpricedCount: number }>;
  /** Priced holdings by USD value, largest first; unpriced ones after them by symbol. */
  holdings: ValuedHolding[];
  unpriced: { assetId: string; symbol: string; quantity: string }[];
}

/**
 * Values holdings at the given prices. Pure: no I/O, no clock.
 *
 * What it does not do: it does not convert currencies (prices arrive in USD and CHF
 * already), does not net derivatives positions, and never treats a missing price as zero —
 * an unpriced holding adds nothing to any total and is listed in `unpriced` instead.
 * Values keep full precision; rounding happens only when shown.
 */
export function valueHoldings(
  holdings: readonly HoldingInput[],
  assets: ReadonlyMap<string, AssetInfo>,
  prices: ReadonlyMap<string, DualPrice>,
  connectionIds: readonly string[] = [],
): Valuation {
  let totalUsd = new Decimal(0);
  let totalChf = new Decimal(0);
  const byConnection = new Map<string, { usd: Decimal; chf: Decimal; unpricedCount: number }>();
  for (const id of connectionIds) byConnection.set(id, { usd: new Decimal(0), chf: new Decimal(0), unpricedCount: 0 });

  const byAsset = new Map<string, { quantity: Decimal; sources: Map<string, Decimal> }>();
  for (const h of holdings) {
    const qty = dec(h.quantity);
    if (qty.isZero()) continue;
    const entry = byAsset.get(h.assetId) ?? { quantity: new Decimal(0), sources: new Map() };
    entry.quantity = entry.quantity.plus(qty);
    entry.sources.set(h.connectionId, (entry.sources.get(h.connectionId) ?? new Decimal(0)).plus(qty));
    byAsset.set(h.assetId, entry);

    const conn = byConnection.get(h.connectionId) ?? { usd: new Decimal(0), chf: new Decimal(0), unpricedCount: 0 };
    const price = prices.get(h.assetId);
    if (price) {
      conn.usd = conn.usd.plus(qty.mul(price.usd));
      conn.chf = conn.chf.plus(qty.mul(price.chf));
    } else {
      conn.unpricedCount += 1;
    }
    byConnection.set(h.connectionId, conn);
  }

  const priced: (ValuedHolding & { sortKey: Decimal })[] = [];
  const unpricedHoldings: ValuedHolding[] = [];
  for (const [assetId, entry] of byAsset) {
    const info = assets.get(assetId) ?? { symbol: assetId, name: null };
    const price = prices.get(assetId);
    const sources = [...entry.sources].map(([connectionId, q]) => ({ connectionId, quantity: toDecimalString(q) }));
    if (price) {
      const usd = entry.quantity.mul(price.usd);
      const chf = entry.quantity.mul(price.chf);
      totalUsd = totalUsd.plus(usd);
      totalChf = totalChf.plus(chf);
      priced.push({
        assetId,
        symbol: info.symbol,
        name: info.name,
        quantity: toDecimalString(entry.quantity),
        priceUsd: toDecimalString(price.usd),
        value: { usd: toDecimalString(usd), chf: toDecimalString(chf) },
        sources,
        sortKey: usd,
      });
    } else {
      unpricedHoldings.push({ assetId, symbol: info.symbol, name: info.name, quantity: toDecimalString(entry.quantity), priceUsd: null, value: null, sources });
    }
  }
  priced.sort((a, b) => b.sortKey.cmp(a.sortKey) || a.symbol.localeCompare(b.symbol));
  unpricedHoldings.sort((a, b) => a.symbol.localeCompare(b.symbol));

  return {
    total: { usd: toDecimalString(totalUsd), chf: toDecimalString(totalChf) },
    byConnection: new Map(
      [...byConnection].map(([id, v]) => [id, { usd: toDecimalString(v.usd), chf: toDecimalString(v.chf), unpricedCount: v.unpricedCount }]),
    ),
    holdings: [...priced.map(({ sortKey: _sortKey, ...h }) => h), ...unpricedHoldings],
    unpriced: unpricedHoldings.map((h) => ({ assetId: h.assetId, symbol: h.symbol, quantity: h.quantity })),
  };
}
