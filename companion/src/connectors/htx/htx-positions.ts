import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { PositionRecord } from '@omnifolio/shared/schemas';
import { htxAmount, htxString, htxUnreadable } from './htx-raw.js';

/**
 * Open USDT-M positions from `GET /v5/trade/position/opens`:
 * `{ "contract_code": "BTC-USDT", "position_side": "long", "direction": "buy", "margin_mode": "cross",
 *    "open_avg_price": "89250.4", "volume": "120", "lever_rate": 10, "liquidation_price": "65870.12",
 *    "margin": "1092.1524", "profit_unreal": "211.476", "mark_price": "91012.7", "margin_currency": "USDT", … }`
 * `volume` counts contracts; `contract_size` from `GET /linear-swap-api/v1/swap_contract_info` says
 * how much of the coin one contract is (BTC-USDT: 0.001 BTC), so size in base = volume × size
 * and notional = size in base × mark price, in the margin currency. In cross mode HTX may
 * report a negative liquidation price (no price liquidates the position); that is no price at all.
 */
export function htxLinearPositions(
  rows: readonly Record<string, unknown>[],
  contractSizes: ReadonlyMap<string, string>,
  accountKey: string,
  asOf: string,
): PositionRecord[] {
  const what = 'an open USDT-M position';
  return rows
    .filter((row) => !dec(htxAmount(row, 'volume', what)).isZero())
    .map((row) => {
      const code = htxString(row, 'contract_code', what);
      const size = contractSizes.get(code);
      if (size === undefined) throw htxUnreadable(`the contract size of ${code}`);
      const contracts = dec(htxAmount(row, 'volume', what)).abs();
      const sizeInBase = contracts.mul(size);
      const mark = typeof row.mark_price === 'string' && row.mark_price !== '' ? dec(row.mark_price) : undefined;
      const liquidation = typeof row.liquidation_price === 'string' && row.liquidation_price !== '' ? dec(row.liquidation_price) : undefined;
      const side = row.position_side === 'short' || (row.position_side !== 'long' && row.direction === 'sell') ? 'short' : 'long';
      return {
        accountKey,
        symbol: code,
        side,
        contracts: toDecimalString(contracts),
        sizeInBase: toDecimalString(sizeInBase),
        entryPrice: toDecimalString(htxAmount(row, 'open_avg_price', what)),
        markPrice: mark === undefined ? null : toDecimalString(mark),
        notional: mark === undefined ? null : toDecimalString(sizeInBase.mul(mark)),
        unrealizedPnl: toDecimalString(htxAmount(row, 'profit_unreal', what)),
        leverage: toDecimalString(htxAmount(row, 'lever_rate', what)),
        liquidationPrice: liquidation === undefined || !liquidation.isPositive() || liquidation.isZero() ? null : toDecimalString(liquidation),
        marginMode: row.margin_mode === 'isolated' ? 'isolated' : 'cross',
        margin: toDecimalString(htxAmount(row, 'margin', what)),
        settleAsset: htxString(row, 'margin_currency', what).toUpperCase(),
        asOf,
      } satisfies PositionRecord;
    });
}
