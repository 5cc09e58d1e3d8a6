import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { PositionRecord } from '@omnifolio/shared/schemas';
import { htxAmount, htxString, htxUnreadable } from './htx-raw.js';

/**
 * Open coin-margined swap positions from `POST /swap-api/v1/swap_position_info` (read losslessly):
 * `{ "symbol": "BTC", "contract_code": "BTC-USD", "volume": 100, "cost_open": 88000, "profit_unreal": 0.00315420291464997,
 *    "lever_rate": 10, "position_margin": 0.011048216072171367, "direction": "buy", … }`
 * A contract is worth `contract_size` USD (`GET /swap-api/v1/swap_contract_info`; BTC-USD 100),
 * so the size in the coin is volume × contract size ÷ mark price (18 places), and the notional is
 * that size, in the coin the position settles in. The mark price is the last close of
 * `GET /index/market/history/swap_mark_price_kline`; the liquidation price comes with the account
 * (`swap_account_info`), per contract. Coin-margined swaps on HTX are isolated.
 */
export interface HtxInverseMarket {
  contractSize: string;
  markPrice: string | undefined;
  liquidationPrice: string | undefined;
}

export function htxInversePositions(
  rows: readonly Record<string, unknown>[],
  markets: ReadonlyMap<string, HtxInverseMarket>,
  accountKey: string,
  asOf: string,
): PositionRecord[] {
  const what = 'an open coin-margined position';
  return rows
    .filter((row) => !dec(htxAmount(row, 'volume', what)).isZero())
    .map((row) => {
      const code = htxString(row, 'contract_code', what);
      const market = markets.get(code);
      if (market === undefined) throw htxUnreadable(`the contract size of ${code}`);
      const contracts = dec(htxAmount(row, 'volume', what)).abs();
      const mark = market.markPrice === undefined || dec(market.markPrice).isZero() ? undefined : dec(market.markPrice);
      const size = mark === undefined ? undefined : contracts.mul(market.contractSize).div(mark).toDecimalPlaces(18);
      const liquidation = market.liquidationPrice === undefined ? undefined : dec(market.liquidationPrice);
      return {
        accountKey,
        symbol: code,
        side: row.direction === 'sell' ? 'short' : 'long',
        contracts: toDecimalString(contracts),
        // Without a mark price there is no size in the coin; the contract count is the best there is.
        sizeInBase: toDecimalString(size ?? contracts),
        entryPrice: toDecimalString(htxAmount(row, 'cost_open', what)),
        markPrice: mark === undefined ? null : toDecimalString(mark),
        notional: size === undefined ? null : toDecimalString(size),
        unrealizedPnl: toDecimalString(htxAmount(row, 'profit_unreal', what)),
        leverage: toDecimalString(htxAmount(row, 'lever_rate', what)),
        liquidationPrice: liquidation === undefined || !liquidation.isPositive() || liquidation.isZero() ? null : toDecimalString(liquidation),
        marginMode: 'isolated',
        margin: toDecimalString(htxAmount(row, 'position_margin', what)),
        settleAsset: htxString(row, 'symbol', what).toUpperCase(),
        asOf,
      } satisfies PositionRecord;
    });
}
