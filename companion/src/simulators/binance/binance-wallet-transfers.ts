import { dec } from '@omnifolio/shared/money';
import type { SimulatorRequest, SimulatorResponse } from '../framework/simulator-server.js';
import type { BinanceSimAccount, BinanceWireWalletTransfer } from './binance-sim-account.js';

/**
 * `GET /sapi/v1/asset/transfer`, Binance's universal transfer history, as Binance answers it:
 * `type` is mandatory and must be a type Binance documents (isolated margin ones with their pair); `startTime`/`endTime` at most 30 days
 * apart, the last 7 days when neither is sent; only the last six months are kept; rows newest
 * first, paged by `current` (from 1) and `size` (default 10, at most 100); `rows` left out when
 * `total` is 0.
 */

const DAY_MS = 86_400_000;
const WINDOW_MS = 30 * DAY_MS;
const RETENTION_MS = 180 * DAY_MS;

/** The types Binance documents for the universal transfer (there is none between USDⓈ-M and COIN-M). */
export const BINANCE_TRANSFER_TYPES: ReadonlySet<string> = new Set([
  'MAIN_UMFUTURE',
  'MAIN_CMFUTURE',
  'MAIN_MARGIN',
  'UMFUTURE_MAIN',
  'UMFUTURE_MARGIN',
  'CMFUTURE_MAIN',
  'CMFUTURE_MARGIN',
  'MARGIN_MAIN',
  'MARGIN_UMFUTURE',
  'MARGIN_CMFUTURE',
  'ISOLATEDMARGIN_MARGIN',
  'MARGIN_ISOLATEDMARGIN',
  'ISOLATEDMARGIN_ISOLATEDMARGIN',
  'MAIN_FUNDING',
  'FUNDING_MAIN',
  'FUNDING_UMFUTURE',
  'UMFUTURE_FUNDING',
  'MARGIN_FUNDING',
  'FUNDING_MARGIN',
  'FUNDING_CMFUTURE',
  'CMFUTURE_FUNDING',
  'MAIN_OPTION',
  'OPTION_MAIN',
  'UMFUTURE_OPTION',
  'OPTION_UMFUTURE',
  'MARGIN_OPTION',
  'OPTION_MARGIN',
  'FUNDING_OPTION',
  'OPTION_FUNDING',
  'MAIN_PORTFOLIO_MARGIN',
  'PORTFOLIO_MARGIN_MAIN',
]);

const error = (status: number, code: number, msg: string): SimulatorResponse => ({ status, json: { code, msg } });

function integerParameter(query: URLSearchParams, name: string): number | undefined | 'invalid' {
  const raw = query.get(name);
  if (raw === null) return undefined;
  const value = Number(raw);
  return Number.isInteger(value) ? value : 'invalid';
}

export function walletTransferHistory(request: SimulatorRequest, account: BinanceSimAccount): SimulatorResponse {
  const q = request.query;
  const type = q.get('type');
  if (type === null || type === '') return error(400, -1102, "Mandatory parameter 'type' was not sent, was empty/null, or malformed.");
  if (!BINANCE_TRANSFER_TYPES.has(type))
    return error(400, -1100, `Illegal characters found in parameter 'type'; legal range is '${[...BINANCE_TRANSFER_TYPES].join(', ')}'.`);
  // Binance: "fromSymbol must be sent when type are ISOLATEDMARGIN_MARGIN and ISOLATEDMARGIN_ISOLATEDMARGIN", toSymbol likewise.
  if (type.startsWith('ISOLATEDMARGIN_') && !q.has('fromSymbol'))
    return error(400, -1102, "Mandatory parameter 'fromSymbol' was not sent, was empty/null, or malformed.");
  if (type.endsWith('_ISOLATEDMARGIN') && !q.has('toSymbol'))
    return error(400, -1102, "Mandatory parameter 'toSymbol' was not sent, was empty/null, or malformed.");
  const params = {
    startTime: integerParameter(q, 'startTime'),
    endTime: integerParameter(q, 'endTime'),
    current: integerParameter(q, 'current'),
    size: integerParameter(q, 'size'),
  };
  for (const [name, value] of Object.entries(params)) {
    if (value === 'invalid') return error(400, -1100, `Illegal characters found in parameter '${name}'; legal range is '^[0-9]{1,20}$'.`);
  }
  const { startTime, endTime } = params as { startTime?: number; endTime?: number };
  const current = (params.current as number | undefined) ?? 1;
  const size = (params.size as number | undefined) ?? 10;
  if (size < 1 || size > 100) return error(400, -1130, "Data sent for parameter 'size' is not valid.");
  if (current < 1) return error(400, -1130, "Data sent for parameter 'current' is not valid.");
  const to = endTime ?? (startTime === undefined ? request.now : startTime + WINDOW_MS);
  const from = startTime ?? to - (endTime === undefined ? 7 * DAY_MS : WINDOW_MS);
  if (to - from > WINDOW_MS) return error(400, -1127, 'More than 30 days between startTime and endTime.');
  const kept = request.now - RETENTION_MS;
  const rows = (account.walletTransfers ?? [])
    .filter((row) => row.type === type && row.timestamp >= Math.max(from, kept) && row.timestamp <= to)
    .sort((a, b) => b.timestamp - a.timestamp || Number(b.tranId) - Number(a.tranId));
  const page = rows.slice((current - 1) * size, current * size);
  return { status: 200, json: rows.length === 0 ? { total: 0 } : { total: rows.length, rows: page } };
}

export interface AddWalletTransferInput {
  type: string;
  asset: string;
  amount: string;
  status?: 'CONFIRMED' | 'PENDING' | 'FAILED';
  timestamp?: number;
}

/** Records a move between two of the account's wallets under the next `tranId`. Balances are the caller's to script. */
export function addWalletTransfer(account: BinanceSimAccount, input: AddWalletTransferInput, now: number): BinanceWireWalletTransfer {
  if (!BINANCE_TRANSFER_TYPES.has(input.type)) throw new Error(`Binance has no transfer type ${input.type}.`);
  const tranId = (account.walletTransfers ?? []).reduce((max, row) => Math.max(max, Number(row.tranId)), 11_415_955_000) + 1;
  const transfer: BinanceWireWalletTransfer = {
    asset: input.asset,
    amount: dec(input.amount).toFixed(),
    type: input.type,
    status: input.status ?? 'CONFIRMED',
    tranId,
    timestamp: input.timestamp ?? now,
  };
  account.walletTransfers = [...(account.walletTransfers ?? []), transfer];
  return transfer;
}
