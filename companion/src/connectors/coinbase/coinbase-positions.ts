import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { PositionRecord } from '@omnifolio/shared/schemas';
import { amountValue, coinbaseUnreadable, isRecord } from './coinbase-raw.js';

/**
 * Open perpetual positions of an INTX portfolio, `GET /api/v3/brokerage/intx/positions/{portfolio_uuid}`:
 * `{ "symbol": "ADA-PERP-INTX", "position_side": "POSITION_SIDE_LONG", "net_size": "20",
 *    "vwap": { "value": "0.5648" }, "entry_vwap": { "value": "0.6091" }, "mark_price": { "value": "0.5657" },
 *    "unrealized_pnl": { "value": "0.018", "currency": "USDC" }, "liquidation_price": { "value": "0" },
 *    "leverage": "1", "im_notional": { "value": "11.296" }, "margin_type": "MARGIN_TYPE_CROSS", … }`
 *
 * - `net_size` is in the coin (one INTX contract is one unit of the base), negative when short;
 * - entry price is `vwap`, the price the unrealized PnL is measured from: INTX settles PnL into
 *   the collateral twice a day and moves `vwap` to the settlement price, so (mark − vwap) × size
 *   equals `unrealized_pnl`. `entry_vwap`, the price of the opening fills, stays in `raw`;
 * - notional = size × mark price (Coinbase's `position_notional` is at `vwap`);
 * - margin = `im_notional`, the initial margin the position ties up;
 * - a liquidation price of 0 means there is none (a 1× long): null;
 * - everything settles in USDC.
 */
export function coinbaseIntxPositions(body: unknown, accountKey: string, asOf: string): PositionRecord[] {
  const rows = isRecord(body) ? body.positions : undefined;
  if (!Array.isArray(rows)) throw coinbaseUnreadable('the open perpetual positions');
  return rows
    .filter((row) => isRecord(row) && typeof row.net_size === 'string' && row.net_size !== '' && !dec(row.net_size).isZero())
    .map((row): PositionRecord => {
      const r = row as Record<string, unknown>;
      const netSize = r.net_size as string;
      if (typeof r.symbol !== 'string') throw coinbaseUnreadable('an open perpetual position');
      const size = dec(netSize).abs();
      const mark = amountValue(r.mark_price);
      const liquidation = amountValue(r.liquidation_price);
      const side =
        r.position_side === 'POSITION_SIDE_SHORT' ? 'short' : r.position_side === 'POSITION_SIDE_LONG' ? 'long' : dec(netSize).isNegative() ? 'short' : 'long';
      const orNull = (value: string | undefined) => (value === undefined ? null : toDecimalString(value));
      return {
        accountKey,
        symbol: r.symbol,
        side,
        contracts: toDecimalString(size),
        sizeInBase: toDecimalString(size),
        entryPrice: orNull(amountValue(r.vwap)),
        markPrice: orNull(mark),
        notional: mark === undefined ? null : toDecimalString(size.mul(mark)),
        unrealizedPnl: orNull(amountValue(r.unrealized_pnl)),
        leverage: typeof r.leverage === 'string' && r.leverage !== '' ? toDecimalString(r.leverage) : null,
        liquidationPrice: liquidation === undefined || dec(liquidation).isZero() ? null : toDecimalString(liquidation),
        marginMode: r.margin_type === 'MARGIN_TYPE_ISOLATED' ? 'isolated' : r.margin_type === 'MARGIN_TYPE_CROSS' ? 'cross' : null,
        margin: orNull(amountValue(r.im_notional)),
        settleAsset: (isRecord(r.mark_price) && typeof r.mark_price.currency === 'string' ? r.mark_price.currency : undefined) ?? 'USDC',
        asOf,
      };
    });
}
