import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord } from '@omnifolio/shared/schemas';
import { instantOfLocalTime } from '../../engine/local-day.js';
import { ORDER_FILL_STATUS_CANCELLED, type OrderFee, type OrderFill, TRD_SIDE } from './opend-wire.js';

/** What a fill needs to know about the market it was read under. */
export interface FutuMarket {
  name: 'HK' | 'US';
  /** What its securities trade and its fees are charged in. */
  currency: 'HKD' | 'USD';
  /** The zone OpenD writes the market's `createTime` in. */
  timeZone: string;
}

/** A Futu code as Omnifolio names it: US tickers as they are, HK codes as `00700.HK`. */
export const futuSymbol = (code: string, market: FutuMarket['name']) => (market === 'HK' ? `${code}.HK` : code);

/** The instant of a fill: its epoch timestamp when sent, else its wall-clock time in the market's zone. */
export function fillInstant(fill: OrderFill, market: FutuMarket): string {
  if (fill.createTimestamp !== undefined && Number(fill.createTimestamp) > 0) return new Date(Math.round(Number(fill.createTimestamp) * 1000)).toISOString();
  const [day, time] = fill.createTime.trim().split(/\s+/);
  if (!day || !time || !/^\d{4}-\d{2}-\d{2}$/.test(day) || !/^\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(time)) {
    throw new Error(`Futu fill ${fill.fillID} has an unreadable createTime "${fill.createTime}" (expected YYYY-MM-DD HH:MM:SS).`);
  }
  return new Date(instantOfLocalTime(day, time, market.timeZone)).toISOString();
}

/**
 * Futu fills of one account and market as Omnifolio trades, oldest first. A fill the exchange
 * cancelled is left out. Futu charges fees per order, not per fill: an order's whole fee goes on
 * its first fill read (by time, then fill id), so a partly filled order is charged once. `charged`
 * holds the orders already charged (a good-till-cancelled order can fill in two adjacent windows
 * of history); the orders charged here are added to it.
 */
export function futuFillActivities(
  accountKey: string,
  market: FutuMarket,
  fills: readonly OrderFill[],
  fees: ReadonlyMap<string, OrderFee>,
  charged: Set<string>,
): ActivityRecord[] {
  const kept = fills
    .filter((f) => String(f.status ?? '0') !== ORDER_FILL_STATUS_CANCELLED && !dec(f.qty).isZero())
    .map((fill) => ({ fill, at: fillInstant(fill, market) }))
    .sort((a, b) => a.at.localeCompare(b.at) || a.fill.fillID.localeCompare(b.fill.fillID));
  return kept.map(({ fill, at }): ActivityRecord => {
    const side = String(fill.trdSide);
    if (!Object.values(TRD_SIDE).includes(side as (typeof TRD_SIDE)[keyof typeof TRD_SIDE])) {
      throw new Error(`Futu fill ${fill.fillID} has an unknown trade side ${side} (expected 1 to 4, Trd_Common.TrdSide).`);
    }
    const buys = side === TRD_SIDE.buy || side === TRD_SIDE.buyBack;
    const order = fill.orderIDEx;
    const fee = order !== undefined && !charged.has(order) ? fees.get(order) : undefined;
    if (order !== undefined && fee !== undefined) charged.add(order);
    const feeAmount = fee?.feeAmount !== undefined && !dec(fee.feeAmount).isZero() ? toDecimalString(dec(fee.feeAmount).abs()) : null;
    return {
      accountKey,
      providerRef: `futu:${accountKey}:${fill.fillID}`,
      type: buys ? 'buy' : 'sell',
      executedAt: at,
      asset: futuSymbol(fill.code, market.name),
      quantity: toDecimalString(dec(fill.qty).abs()),
      quoteAsset: market.currency,
      price: toDecimalString(fill.price),
      fee: feeAmount,
      feeAsset: feeAmount === null ? null : market.currency,
      raw: fee === undefined ? fill : { ...fill, orderFee: fee },
    };
  });
}
