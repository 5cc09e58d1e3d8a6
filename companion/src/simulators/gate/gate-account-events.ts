import { dec } from '@omnifolio/shared/money';
import { GATE_USER_ID } from './gate-private-stream.js';
import type { GateWireFuturesAccount, GateWirePosition, GateWireSpotAccount } from './gate-sim-account.js';

/**
 * The `result` rows Gate pushes for each change the simulator makes, in Gate's documented shapes,
 * built from the rows the REST endpoints serve so a stream and a sync read the same account.
 */

/** `spot.balances`: strings; `total` = available + freeze, with the changes since `before`. */
export function gateSpotBalanceUpdate(before: GateWireSpotAccount | undefined, after: GateWireSpotAccount, changeType: string, at: number) {
  const total = (row: GateWireSpotAccount | undefined) => dec(row?.available ?? '0').plus(row?.locked ?? '0');
  return {
    timestamp: String(Math.floor(at / 1000)),
    timestamp_ms: String(at),
    user: String(GATE_USER_ID),
    currency: after.currency,
    change: total(after).minus(total(before)).toFixed(),
    total: total(after).toFixed(),
    available: after.available,
    freeze: after.locked,
    freeze_change: dec(after.locked)
      .minus(before?.locked ?? '0')
      .toFixed(),
    change_type: changeType,
  };
}

/**
 * `futures.balances`: JSON numbers, as Gate's futures stream sends them: `balance` is the wallet's
 * `total` (without unrealised PnL or margins), `type` the book entry that moved it (dnw, pnl, fee, fund).
 */
export function gateFuturesBalanceUpdate(before: GateWireFuturesAccount | undefined, after: GateWireFuturesAccount, type: string, at: number) {
  return {
    balance: Number(after.total),
    change: Number(
      dec(after.total)
        .minus(before?.total ?? '0')
        .toFixed(),
    ),
    currency: after.currency,
    text: '-',
    time: Math.floor(at / 1000),
    time_ms: at,
    type,
    user: String(GATE_USER_ID),
  };
}

/**
 * `futures.positions`: the position as the stream names it (numbers; no mark price, value or
 * unrealised PnL: those are in the REST row only). A closed position has `size` 0.
 */
export function gateFuturesPositionUpdate(position: GateWirePosition, at: number, updateId: number) {
  return {
    contract: position.contract,
    size: position.size,
    entry_price: Number(position.entry_price),
    leverage: Number(position.leverage),
    cross_leverage_limit: Number(position.cross_leverage_limit),
    liq_price: Number(position.liq_price),
    margin: Number(position.margin),
    mode: position.mode,
    realised_pnl: Number(position.realised_pnl ?? 0),
    time: Math.floor(at / 1000),
    time_ms: at,
    update_id: updateId,
    user: String(GATE_USER_ID),
  };
}
