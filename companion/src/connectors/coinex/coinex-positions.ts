import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { PositionRecord } from '@omnifolio/shared/schemas';
import { coinexAmount, coinexString, coinexUnreadable } from './coinex-raw.js';

/**
 * Open futures positions from `GET /v2/futures/pending-position?market_type=FUTURES`:
 * `{ "market": "BTCUSDT", "side": "long", "margin_mode": "cross", "open_interest": "0.15", "avg_entry_price": "88420.1",
 *    "unrealized_pnl": "313.845", "leverage": "10", "margin_avbl": "1357.686", "liq_price": "72110.5", … }`
 * CoinEx's linear futures count the position in the coin itself (`open_interest` 0.15 is 0.15
 * BTC), so contracts and size in base are the same number. The position carries no mark price:
 * it comes from `GET /v2/futures/ticker`, and the notional is size × mark, in the quote currency
 * the contract settles in (`GET /v2/futures/market`). Margin is `margin_avbl`, the margin the
 * position holds. A liquidation price of 0 means none. Inverse contracts (BTCUSD) count USD, not
 * coins; the connector leaves them out before calling this (README.md says so).
 */
export interface CoinexFuturesMarket {
  contractType: string;
  quote: string;
}

export function coinexPositions(
  rows: readonly Record<string, unknown>[],
  markets: ReadonlyMap<string, CoinexFuturesMarket>,
  markPrices: ReadonlyMap<string, string>,
  accountKey: string,
  asOf: string,
): PositionRecord[] {
  const what = 'an open futures position';
  return rows
    .filter((row) => !dec(coinexAmount(row, 'open_interest', what)).isZero())
    .map((row) => {
      const market = coinexString(row, 'market', what);
      const info = markets.get(market);
      if (info === undefined || info.contractType !== 'linear') throw coinexUnreadable(`the linear contract ${market}`);
      const size = dec(coinexAmount(row, 'open_interest', what)).abs();
      const markString = markPrices.get(market);
      const mark = markString === undefined || markString === '' || dec(markString).isZero() ? undefined : dec(markString);
      const liquidation = dec(coinexAmount(row, 'liq_price', what));
      return {
        accountKey,
        symbol: market,
        side: row.side === 'short' ? 'short' : 'long',
        contracts: toDecimalString(size),
        sizeInBase: toDecimalString(size),
        entryPrice: toDecimalString(coinexAmount(row, 'avg_entry_price', what)),
        markPrice: mark === undefined ? null : toDecimalString(mark),
        notional: mark === undefined ? null : toDecimalString(size.mul(mark)),
        unrealizedPnl: toDecimalString(coinexAmount(row, 'unrealized_pnl', what)),
        leverage: toDecimalString(coinexAmount(row, 'leverage', what)),
        liquidationPrice: liquidation.isZero() || liquidation.isNegative() ? null : toDecimalString(liquidation),
        marginMode: row.margin_mode === 'isolated' ? 'isolated' : 'cross',
        margin: toDecimalString(coinexAmount(row, 'margin_avbl', what)),
        settleAsset: info.quote,
        asOf,
      } satisfies PositionRecord;
    });
}
