import type { SimulatorRequest, SimulatorResponse } from '../framework/simulator-server.js';
import type { BinanceSimAccount } from './binance-sim-account.js';

/**
 * Binance's margin trade list and margin interest history, as documented:
 *
 * - `GET /sapi/v1/margin/myTrades`, "Request Weight 10(IP)"
 *   (https://developers.binance.com/docs/margin_trading/trade/Query-Margin-Account-Trade-List):
 *   `symbol` mandatory, `isIsolated` "TRUE"/"FALSE" (default FALSE), `fromId` "will get trades
 *   >= that fromId", otherwise "the trades within 24 hours are returned"; "Less than 24 hours
 *   between startTime and endTime"; `limit` default 500, max 1000. Ascending ids.
 * - `GET /sapi/v1/margin/interestHistory`, "Request Weight 1(IP)"
 *   (https://developers.binance.com/docs/margin_trading/borrow-and-repay/Get-Interest-History):
 *   `isolatedSymbol` for one isolated pair (cross margin without it), "Response in descending
 *   order", at most 30 days between `startTime` and `endTime`, 7 days by default (startTime alone:
 *   from it to now, or the last 30 days when it is further back; endTime alone: the 7 days
 *   before it), `current` from 1, `size` default 10, max 100. Body `{ rows, total }`.
 */

const DAY_MS = 86_400_000;
const INTEREST_WINDOW_MS = 30 * DAY_MS;

const error = (status: number, code: number, msg: string): SimulatorResponse => ({ status, json: { code, msg } });
const mandatory = (name: string) => error(400, -1102, `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`);

function integerParameter(query: URLSearchParams, name: string): number | undefined | 'invalid' {
  const raw = query.get(name);
  if (raw === null) return undefined;
  const value = Number(raw);
  return Number.isInteger(value) ? value : 'invalid';
}

const illegal = (name: string) => error(400, -1100, `Illegal characters found in parameter '${name}'; legal range is '^[0-9]{1,20}$'.`);

/** The isolated pairs the account has opened, as `GET /sapi/v1/margin/isolated/account` lists them. */
const isolatedPairs = (account: BinanceSimAccount) => new Set((account.isolatedMargin?.assets ?? []).map((pair) => pair.symbol));

export function marginMyTrades(request: SimulatorRequest, account: BinanceSimAccount, isListedSymbol: (symbol: string) => boolean): SimulatorResponse {
  const q = request.query;
  const symbol = q.get('symbol');
  if (symbol === null || symbol === '') return mandatory('symbol');
  if (!isListedSymbol(symbol)) return error(400, -1121, 'Invalid symbol.');
  const isIsolated = (q.get('isIsolated') ?? 'FALSE').toUpperCase();
  if (isIsolated !== 'TRUE' && isIsolated !== 'FALSE')
    return error(400, -1100, "Illegal characters found in parameter 'isIsolated'; legal range is 'TRUE, FALSE'.");
  const isolated = isIsolated === 'TRUE';
  if (isolated && !isolatedPairs(account).has(symbol)) return error(400, -11001, 'Isolated margin account does not exist.');
  if (!isolated && account.crossMargin === undefined) return error(400, -3003, 'Margin account does not exist.');
  const params = {
    limit: integerParameter(q, 'limit'),
    fromId: integerParameter(q, 'fromId'),
    startTime: integerParameter(q, 'startTime'),
    endTime: integerParameter(q, 'endTime'),
    orderId: integerParameter(q, 'orderId'),
  };
  for (const [name, value] of Object.entries(params)) if (value === 'invalid') return illegal(name);
  const { limit = 500, fromId, startTime, endTime, orderId } = params as Record<string, number | undefined>;
  if (limit < 1 || limit > 1000) return error(400, -1130, "Data sent for parameter 'limit' is not valid.");
  if (startTime !== undefined && endTime !== undefined && endTime - startTime >= DAY_MS) {
    return error(400, -1127, 'More than 24 hours between startTime and endTime.');
  }
  let trades = (account.marginTrades ?? []).filter((t) => t.symbol === symbol && t.isIsolated === isolated).sort((a, b) => a.id - b.id);
  if (orderId !== undefined) trades = trades.filter((t) => t.orderId === orderId);
  if (fromId !== undefined) trades = trades.filter((t) => t.id >= fromId);
  else {
    const to = endTime ?? (startTime === undefined ? request.now : startTime + DAY_MS);
    const from = startTime ?? to - DAY_MS;
    trades = trades.filter((t) => t.time >= from && t.time <= to);
  }
  return { status: 200, json: trades.slice(0, limit) };
}

export function marginInterestHistory(request: SimulatorRequest, account: BinanceSimAccount): SimulatorResponse {
  const q = request.query;
  const params = {
    startTime: integerParameter(q, 'startTime'),
    endTime: integerParameter(q, 'endTime'),
    current: integerParameter(q, 'current'),
    size: integerParameter(q, 'size'),
  };
  for (const [name, value] of Object.entries(params)) if (value === 'invalid') return illegal(name);
  const { startTime, endTime, current = 1, size = 10 } = params as Record<string, number | undefined>;
  if (size < 1 || size > 100) return error(400, -1130, "Data sent for parameter 'size' is not valid.");
  if (current < 1) return error(400, -1130, "Data sent for parameter 'current' is not valid.");
  let from: number;
  let to: number;
  if (startTime !== undefined && endTime !== undefined) {
    if (endTime - startTime > INTEREST_WINDOW_MS) return error(400, -1127, 'More than 30 days between startTime and endTime.');
    [from, to] = [startTime, endTime];
  } else if (startTime !== undefined) {
    to = request.now;
    from = Math.max(startTime, to - INTEREST_WINDOW_MS);
  } else {
    to = endTime ?? request.now;
    from = to - 7 * DAY_MS;
  }
  const pair = q.get('isolatedSymbol');
  if (pair !== null && !isolatedPairs(account).has(pair)) return error(400, -11001, 'Isolated margin account does not exist.');
  const asset = q.get('asset');
  const rows = (account.marginInterest ?? [])
    .filter((row) => (pair === null ? row.isolatedSymbol === undefined : row.isolatedSymbol === pair))
    .filter((row) => asset === null || row.asset === asset)
    .filter((row) => row.interestAccuredTime >= from && row.interestAccuredTime <= to)
    .sort((a, b) => b.interestAccuredTime - a.interestAccuredTime || b.txId - a.txId);
  return { status: 200, json: { rows: rows.slice((current - 1) * size, current * size), total: rows.length } };
}
