import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { PositionRecord } from '@omnifolio/shared/schemas';
import { kucoinAssetCode, kucoinDecimal, kucoinUnreadable } from './kucoin-raw.js';

/**
 * Open futures positions from `GET /api/v1/positions` (futures host), JSON numbers:
 * `{ "symbol": "XBTUSDTM", "currentQty": 150, "avgEntryPrice": 89120.5, "markPrice": 90323.8,
 *    "unrealisedPnl": 180.495, "liquidationPrice": 61250.1, "posMargin": 677.4285, "marginMode": "CROSS",
 *    "leverage": 20, "realLeverage": 19.8, "settleCurrency": "USDT", "isInverse": false, … }`
 * `currentQty` counts contracts, negative when short. A contract's `multiplier`
 * (`GET /api/v1/contracts/active`) is in the base coin for linear contracts (0.001 XBT for
 * XBTUSDTM), so size = contracts × multiplier and notional = size × mark price in the settlement
 * currency; for inverse contracts it is −1 (one USD), so size in the coin = contracts × 1 ÷ mark
 * price (18 places) and the notional is that size, in the coin. Margin is `posMargin`; leverage is
 * the leverage set (`leverage`), or KuCoin's `realLeverage` where the position has none.
 */

export interface KucoinContract {
  symbol: string;
  multiplier: number;
  isInverse: boolean;
}

export function kucoinPositions(data: unknown, contracts: ReadonlyMap<string, KucoinContract>, accountKey: string, asOf: string): PositionRecord[] {
  if (!Array.isArray(data)) throw kucoinUnreadable('the open positions');
  return (data as Record<string, unknown>[])
    .filter((row) => row !== null && typeof row === 'object' && row.currentQty !== 0 && row.isOpen !== false)
    .map((row) => {
      if (typeof row.symbol !== 'string' || typeof row.settleCurrency !== 'string') throw kucoinUnreadable('an open position');
      const contract = contracts.get(row.symbol);
      if (contract === undefined) throw kucoinUnreadable(`the contract size of ${row.symbol}`);
      const quantity = dec(kucoinDecimal(row.currentQty, 'a position size'));
      const count = quantity.abs();
      const mark = row.markPrice === undefined || row.markPrice === null ? undefined : dec(kucoinDecimal(row.markPrice, 'a mark price'));
      const multiplier = dec(kucoinDecimal(contract.multiplier, 'a contract multiplier')).abs();
      const inverse = contract.isInverse;
      const size = inverse ? (mark === undefined || mark.isZero() ? undefined : count.mul(multiplier).div(mark).toDecimalPlaces(18)) : count.mul(multiplier);
      const notional = size === undefined ? undefined : inverse ? size : mark === undefined ? undefined : size.mul(mark);
      const optional = (value: unknown, what: string) => (value === undefined || value === null || value === '' ? null : kucoinDecimal(value, what));
      const liquidation = optional(row.liquidationPrice, 'a liquidation price');
      const marginMode = row.marginMode === 'ISOLATED' || (row.marginMode === undefined && row.crossMode === false) ? 'isolated' : 'cross';
      return {
        accountKey,
        symbol: row.symbol,
        side: quantity.isNegative() ? 'short' : 'long',
        contracts: toDecimalString(count),
        sizeInBase: toDecimalString(size ?? count),
        entryPrice: optional(row.avgEntryPrice, 'an entry price'),
        markPrice: mark === undefined ? null : toDecimalString(mark),
        notional: notional === undefined ? null : toDecimalString(notional),
        unrealizedPnl: optional(row.unrealisedPnl, 'an unrealized PnL'),
        leverage: optional(row.leverage ?? row.realLeverage, 'a leverage'),
        // KuCoin writes 0 when a position cannot be liquidated (fully collateralized).
        liquidationPrice: liquidation === null || dec(liquidation).isZero() ? null : liquidation,
        marginMode,
        margin: optional(row.posMargin, 'a position margin'),
        settleAsset: kucoinAssetCode(row.settleCurrency),
        asOf,
      } satisfies PositionRecord;
    });
}
