import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { PositionRecord } from '@omnifolio/shared/schemas';
import { type BitgetRow, bitgetAmount, bitgetRows, bitgetText, bitgetUnreadable } from './bitget-raw.js';

/**
 * Open futures positions from `GET /api/v2/mix/position/all-position?productType=…`:
 * `{ "symbol": "BTCUSDT", "marginCoin": "USDT", "holdSide": "long", "total": "0.2", "openPriceAvg": "88950.4",
 *    "markPrice": "90200.1", "unrealizedPL": "249.94", "leverage": "10", "liquidationPrice": "72110.55",
 *    "marginMode": "crossed", "marginSize": "1804.002", … }`
 * Bitget counts positions in the base coin for every product type (one contract is one coin), so
 * contracts = size in base = `total`. The notional is in the settlement coin: size × mark price for
 * USDT- and USDC-margined contracts, the size itself for coin-margined (inverse) ones.
 */
export function bitgetPositions(data: unknown, inverse: boolean, accountKey: string, asOf: string): PositionRecord[] {
  const what = 'the open positions';
  return bitgetRows(data, what)
    .filter((row) => !bitgetAmount(row, 'total', what).isZero())
    .map((row: BitgetRow) => {
      const size = bitgetAmount(row, 'total', what).abs();
      const mark = row.markPrice === '' || row.markPrice === undefined ? undefined : bitgetAmount(row, 'markPrice', what);
      const notional = inverse ? size : mark === undefined ? undefined : size.mul(mark);
      const optional = (key: string) => (row[key] === undefined || row[key] === '' ? null : toDecimalString(bitgetAmount(row, key, what)));
      const liquidation = optional('liquidationPrice');
      const side = bitgetText(row, 'holdSide', what);
      if (side !== 'long' && side !== 'short') throw bitgetUnreadable(`the side of ${String(row.symbol)}`);
      return {
        accountKey,
        symbol: bitgetText(row, 'symbol', what),
        side,
        contracts: toDecimalString(size),
        sizeInBase: toDecimalString(size),
        entryPrice: optional('openPriceAvg'),
        markPrice: mark === undefined ? null : toDecimalString(mark),
        notional: notional === undefined ? null : toDecimalString(notional),
        unrealizedPnl: optional('unrealizedPL'),
        leverage: optional('leverage'),
        // Bitget writes 0 (or a negative number) when a position cannot be liquidated.
        liquidationPrice: liquidation === null || !dec(liquidation).isPositive() || dec(liquidation).isZero() ? null : liquidation,
        marginMode: row.marginMode === 'isolated' ? 'isolated' : 'cross',
        margin: optional('marginSize'),
        settleAsset: bitgetText(row, 'marginCoin', what),
        asOf,
      } satisfies PositionRecord;
    });
}
