import { dec, toDecimalString } from '@omnifolio/shared/money';
import { isNotNull } from 'drizzle-orm';
import { resolveAsset } from '../pricing/asset-resolver.js';
import type { CurrentPrice, PriceService } from '../pricing/price-service.js';
import type { Storage } from '../storage/database.js';
import { positions } from '../storage/schema/index.js';

/** The label of prices taken from a broker's own mark (IBKR's `markPrice`). */
export const BROKER_PRICE_SOURCE = 'broker';

interface Mark {
  price: string;
  currency: string;
  asOf: string;
}

/**
 * The newest mark a broker reported per security (`sym:AAPL` ← the AAPL position of an IBKR
 * account), with the currency it is quoted in. Brokers report a mark for every holding, so
 * a share is valued even when no market-data provider lists it (an option, an OTC line).
 */
function latestMarks(storage: Storage): Map<string, Mark> {
  const rows = storage.db
    .select({ symbol: positions.symbol, markPrice: positions.markPrice, settleAsset: positions.settleAsset, asOf: positions.asOf })
    .from(positions)
    .where(isNotNull(positions.markPrice))
    .all();
  const out = new Map<string, Mark>();
  for (const row of rows) {
    if (row.markPrice === null || row.settleAsset === null || !/^[A-Z]{3}$/.test(row.settleAsset)) continue;
    if (dec(row.markPrice).isNegative()) continue;
    const id = resolveAsset({ symbol: row.symbol, kind: 'equity' }).id;
    const seen = out.get(id);
    if (seen === undefined || seen.asOf < row.asOf) out.set(id, { price: row.markPrice, currency: row.settleAsset, asOf: row.asOf });
  }
  return out;
}

/**
 * Prices, from brokers' marks, the assets among `assetIds` that have no price in `priced`
 * or only an older one (a market price or statement NAV newer than the mark wins; a mark
 * newer than them wins, shown as `broker`); the mark is converted to USD and CHF through the cached FX rate of its currency,
 * and without that rate the asset stays unpriced rather than guessed.
 */
export function brokerMarkPrices(
  storage: Storage,
  pricing: PriceService,
  assetIds: Iterable<string>,
  priced: ReadonlyMap<string, CurrentPrice>,
): Map<string, CurrentPrice> {
  const wanted = [...new Set(assetIds)].filter((id) => id.startsWith('sym:'));
  const out = new Map<string, CurrentPrice>();
  if (wanted.length === 0) return out;
  const marks = latestMarks(storage);
  const fx = pricing.current([...new Set([...marks.values()].map((m) => `fiat:${m.currency}`))]);
  for (const id of wanted) {
    const mark = marks.get(id);
    const rate = mark === undefined ? undefined : fx.get(`fiat:${mark.currency}`);
    if (mark === undefined || rate === undefined) continue;
    const other = priced.get(id);
    if (other !== undefined && Date.parse(other.asOf) >= Date.parse(mark.asOf)) continue;
    out.set(id, {
      usd: toDecimalString(dec(mark.price).mul(rate.usd)),
      chf: toDecimalString(dec(mark.price).mul(rate.chf)),
      asOf: mark.asOf,
      stale: rate.stale,
      source: BROKER_PRICE_SOURCE,
    });
  }
  return out;
}

/** The fiat assets whose FX rates the marks of `assetIds` need, so a refresh fetches them. */
export function brokerMarkCurrencies(storage: Storage, assetIds: Iterable<string>): string[] {
  const ids = new Set(assetIds);
  const marks = latestMarks(storage);
  return [...new Set([...marks].filter(([id]) => ids.has(id)).map(([, m]) => `fiat:${m.currency}`))];
}
