import { type Decimal, dec } from '@omnifolio/shared/money';
import type { LedgerActivity } from '../engine/activity-deltas.js';
import type { LotTrade } from '../engine/fifo-lots.js';
import { localDayOf } from '../engine/local-day.js';
import type { BaseCurrencyConversion } from './base-currency-conversion.js';
import type { PriceLookup } from './performance-series.js';

/**
 * Buys and sells as FIFO trades in the base currency: the price in the pair's quote (USDT,
 * BTC, CHF) times that quote's close on the day; a fee in the coin traded shrinks the lot,
 * a fee in anything else is valued at its close. A trade whose quote or fee has no price
 * that day cannot be put in the base currency and is counted apart, not guessed.
 */
export function lotTradesOf(
  activities: readonly LedgerActivity[],
  prices: PriceLookup,
  conversion: Pick<BaseCurrencyConversion, 'price'>,
  timeZone: string,
): { trades: LotTrade[]; unvalued: number } {
  const trades: LotTrade[] = [];
  let unvalued = 0;
  // A quote or fee asset's price in the base currency, per day: a whale's 260,000 trades are
  // quoted in a handful of assets over a few thousand days, so each is looked up, converted
  // and parsed once, not once per trade.
  const valued = new Map<string, Decimal | null>();
  const priceOf = (assetId: string, day: string): Decimal | null => {
    const key = `${assetId}|${day}`;
    let price = valued.get(key);
    if (price === undefined) {
      const close = prices.on(assetId, day);
      const converted = close ? conversion.price(close, day) : null;
      price = converted === null ? null : dec(converted);
      valued.set(key, price);
    }
    return price;
  };
  for (const a of activities) {
    if ((a.type !== 'buy' && a.type !== 'sell') || a.price === null || a.quoteAssetId === null) continue;
    const day = localDayOf(a.executedAt, timeZone);
    const quotePrice = priceOf(a.quoteAssetId, day);
    if (quotePrice === null) {
      unvalued += 1;
      continue;
    }
    const trade: LotTrade = {
      id: String(a.id),
      assetId: a.assetId,
      side: a.type,
      executedAt: a.executedAt,
      quantity: dec(a.quantity).abs(),
      unitPrice: dec(a.price).mul(quotePrice),
    };
    if (a.fee !== null && !dec(a.fee).isZero()) {
      const feeAsset = a.feeAssetId ?? a.quoteAssetId;
      if (feeAsset === a.assetId) trade.feeQuantity = dec(a.fee).abs();
      else {
        const feePrice = priceOf(feeAsset, day);
        if (feePrice === null) {
          unvalued += 1;
          continue;
        }
        trade.feeInCost = dec(a.fee).abs().mul(feePrice);
      }
    }
    trades.push(trade);
  }
  return { trades, unvalued };
}
