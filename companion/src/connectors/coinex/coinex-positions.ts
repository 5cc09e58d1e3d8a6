import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { PositionRecord } from '@omnifolio/shared/schemas';
import { coinexAmount, coinexString, coinexUnreadable } from './coinex-raw.js';

/**
 * Open futures positions from `GET /v2/futures/pending-position?market_type=FUTURES`:
 * `{ "market": "BTCUSDT", "side": "long", "margin_mode": "cross", "open_interest": "0.15", "avg_entry_price": "88420.1",
 *    "unrealized_pnl": "313.845", "leverage": "10", "margin_avbl": "1357.686", "liq_price": "72110.5", … }`
 * The position carries no mark price: it comes from `GET /v2/futures/ticker`; the contract type
 * and currencies come from `GET /v2/futures/market` (`contract_type` linear or inverse). Margin is
 * `margin_avbl`, the margin the position holds. A liquidation price of 0 means none.
 *
 * - Linear (BTCUSDT): CoinEx counts the position in the coin itself (`open_interest` 0.15 is 0.15
 *   BTC), so contracts and size in base are the same number; the notional is size × mark in the
 *   quote currency, which the contract settles in.
 * - Inverse (BTCUSD): `open_interest` counts contracts of 1 USD each ("the value of 1 cont is 1
 *   USD", https://support.coinex.com/hc/en-us/articles/6865073204633), settled, margined and with
 *   PnL in the coin (`base_ccy`). The size in the coin is contracts × 1 USD ÷ mark price (18
 *   places, as for Gate's and HTX's inverse contracts), and the notional, in the settle coin, is
 *   that same size. Without a mark price there is no size in the coin; the contract count is kept.
 */
export interface CoinexFuturesMarket {
  contractType: string;
  base: string;
  quote: string;
}

/** What one inverse contract is worth, in its quote currency (USD). */
const INVERSE_CONTRACT_VALUE_USD = '1';

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
      if (info === undefined || (info.contractType !== 'linear' && info.contractType !== 'inverse')) throw coinexUnreadable(`the contract ${market}`);
      const inverse = info.contractType === 'inverse';
      const contracts = dec(coinexAmount(row, 'open_interest', what)).abs();
      const markString = markPrices.get(market);
      const mark = markString === undefined || markString === '' || dec(markString).isZero() ? undefined : dec(markString);
      const size = !inverse ? contracts : mark === undefined ? undefined : contracts.mul(INVERSE_CONTRACT_VALUE_USD).div(mark).toDecimalPlaces(18);
      const notional = mark === undefined || size === undefined ? undefined : inverse ? size : size.mul(mark);
      const liquidation = dec(coinexAmount(row, 'liq_price', what));
      return {
        accountKey,
        symbol: market,
        side: row.side === 'short' ? 'short' : 'long',
        contracts: toDecimalString(contracts),
        sizeInBase: toDecimalString(size ?? contracts),
        entryPrice: toDecimalString(coinexAmount(row, 'avg_entry_price', what)),
        markPrice: mark === undefined ? null : toDecimalString(mark),
        notional: notional === undefined ? null : toDecimalString(notional),
        unrealizedPnl: toDecimalString(coinexAmount(row, 'unrealized_pnl', what)),
        leverage: toDecimalString(coinexAmount(row, 'leverage', what)),
        liquidationPrice: liquidation.isZero() || liquidation.isNegative() ? null : toDecimalString(liquidation),
        marginMode: row.margin_mode === 'isolated' ? 'isolated' : 'cross',
        margin: toDecimalString(coinexAmount(row, 'margin_avbl', what)),
        settleAsset: inverse ? info.base : info.quote,
        asOf,
      } satisfies PositionRecord;
    });
}
