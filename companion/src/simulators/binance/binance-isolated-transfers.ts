import { dec } from '@omnifolio/shared/money';
import type { SimulatorRequest, SimulatorResponse } from '../framework/simulator-server.js';
import type { BinanceSimAccount, BinanceWireIsolatedTransfer } from './binance-sim-account.js';

/**
 * `GET /sapi/v1/margin/transfer`, Binance's margin transfer history, as Binance documents it
 * (https://developers.binance.com/docs/margin_trading/transfer, weight 1 IP): with
 * `isolatedSymbol` the moves into (`ROLL_IN`) and out of (`ROLL_OUT`) that isolated pair, without
 * it the cross margin account's; `type` may narrow to one direction, `asset` to one coin.
 * "Response in descending order", "The max interval between startTime and endTime is 30 days",
 * "Returns data for last 7 days by default"; `current` from 1 and `size` default 10, at most 100.
 * Records older than six months are not served (the old `archived` flag's limit). The body is
 * `{ "rows": [...], "total": n }`.
 */

const DAY_MS = 86_400_000;
const WINDOW_MS = 30 * DAY_MS;
const RETENTION_MS = 180 * DAY_MS;

const error = (status: number, code: number, msg: string): SimulatorResponse => ({ status, json: { code, msg } });

function integerParameter(query: URLSearchParams, name: string): number | undefined | 'invalid' {
  const raw = query.get(name);
  if (raw === null) return undefined;
  const value = Number(raw);
  return Number.isInteger(value) ? value : 'invalid';
}

export function marginTransferHistory(request: SimulatorRequest, account: BinanceSimAccount): SimulatorResponse {
  const q = request.query;
  const params = {
    startTime: integerParameter(q, 'startTime'),
    endTime: integerParameter(q, 'endTime'),
    current: integerParameter(q, 'current'),
    size: integerParameter(q, 'size'),
  };
  for (const [name, value] of Object.entries(params)) {
    if (value === 'invalid') return error(400, -1100, `Illegal characters found in parameter '${name}'; legal range is '^[0-9]{1,20}$'.`);
  }
  const type = q.get('type');
  if (type !== null && type !== 'ROLL_IN' && type !== 'ROLL_OUT')
    return error(400, -1100, "Illegal characters found in parameter 'type'; legal range is 'ROLL_IN, ROLL_OUT'.");
  const { startTime, endTime } = params as { startTime?: number; endTime?: number };
  const current = (params.current as number | undefined) ?? 1;
  const size = (params.size as number | undefined) ?? 10;
  if (size < 1 || size > 100) return error(400, -1130, "Data sent for parameter 'size' is not valid.");
  if (current < 1) return error(400, -1130, "Data sent for parameter 'current' is not valid.");
  const to = endTime ?? (startTime === undefined ? request.now : startTime + WINDOW_MS);
  const from = startTime ?? to - (endTime === undefined ? 7 * DAY_MS : WINDOW_MS);
  if (to - from > WINDOW_MS) return error(400, -1127, 'More than 30 days between startTime and endTime.');
  const pair = q.get('isolatedSymbol');
  // Without a pair Binance answers the cross margin account's transfers, which the simulator does not script: none.
  const recorded = pair === null ? [] : (account.isolatedTransfers?.[pair] ?? []);
  const asset = q.get('asset');
  const kept = request.now - RETENTION_MS;
  const rows = recorded
    .filter((row) => (type === null || row.type === type) && (asset === null || row.asset === asset))
    .filter((row) => row.timestamp >= Math.max(from, kept) && row.timestamp <= to)
    .sort((a, b) => b.timestamp - a.timestamp || Number(b.txId) - Number(a.txId));
  return { status: 200, json: { rows: rows.slice((current - 1) * size, current * size), total: rows.length } };
}

export interface AddIsolatedTransferInput {
  /** The isolated pair, `BTCUSDT`. */
  pair: string;
  asset: string;
  amount: string;
  /** `ROLL_IN` into the pair, `ROLL_OUT` out of it. */
  type: 'ROLL_IN' | 'ROLL_OUT';
  /** The other wallet, as Binance names it: `SPOT` (default), `CROSS_MARGIN`, `ISOLATED_MARGIN`. */
  counterpart?: string;
  status?: 'CONFIRMED' | 'PENDING' | 'FAILED';
  timestamp?: number;
}

/** Records a move into or out of an isolated pair under the next `txId`. Balances are the caller's to script. */
export function addIsolatedTransfer(account: BinanceSimAccount, input: AddIsolatedTransferInput, now: number): BinanceWireIsolatedTransfer {
  const all = Object.values(account.isolatedTransfers ?? {}).flat();
  const txId = all.reduce((max, row) => Math.max(max, Number(row.txId)), 5_240_372_000) + 1;
  const counterpart = input.counterpart ?? 'SPOT';
  const transfer: BinanceWireIsolatedTransfer = {
    amount: dec(input.amount).toFixed(8),
    asset: input.asset,
    status: input.status ?? 'CONFIRMED',
    timestamp: input.timestamp ?? now,
    txId,
    type: input.type,
    transFrom: input.type === 'ROLL_IN' ? counterpart : 'ISOLATED_MARGIN',
    transTo: input.type === 'ROLL_IN' ? 'ISOLATED_MARGIN' : counterpart,
  };
  account.isolatedTransfers = { ...account.isolatedTransfers, [input.pair]: [...(account.isolatedTransfers?.[input.pair] ?? []), transfer] };
  return transfer;
}
