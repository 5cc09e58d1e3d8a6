import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { SimulatorRequest, SimulatorResponse } from '../framework/simulator-server.js';
import type { OkxSimAccount, OkxWireAssetBill } from './okx-sim-account.js';

/**
 * OKX's ledgers and Earn reads, as the simulator serves them:
 *
 * - `GET /api/v5/account/bills-archive`: the trading account's bills of the last three months,
 *   newest first, `after`/`before` are bill ids, at most 100 rows, filters `instType`, `ccy`, `type`;
 * - `GET /api/v5/asset/bills`: the funding account's bills of the last month, newest first,
 *   `after`/`before` are timestamps (ms); deposits (type 1) and withdrawals (type 2, amount plus
 *   fee) appear as OKX lists them, derived from the deposit and withdrawal histories;
 * - `GET /api/v5/finance/savings/lending-history`: Simple Earn interest, newest first, `after`/`before` ms;
 * - `GET /api/v5/finance/savings/balance`, `GET /api/v5/finance/staking-defi/orders-active`.
 */

const DAY_MS = 86_400_000;
export const ACCOUNT_BILLS_RETENTION_MS = 92 * DAY_MS;
export const ASSET_BILLS_RETENTION_MS = 30 * DAY_MS;

const okxError = (code: string, msg: string) => ({ code, msg, data: [] });
const ok = (data: unknown): SimulatorResponse => ({ status: 200, json: { code: '0', msg: '', data } });

function limitOf(request: SimulatorRequest): number | SimulatorResponse {
  const limit = request.query.has('limit') ? Number(request.query.get('limit')) : 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) return { status: 400, json: okxError('51000', 'Parameter limit error') };
  return limit;
}

/** Newest first below `after` / above `before`; with only `before`, the records nearest to it. */
function pageBy<T>(request: SimulatorRequest, rows: readonly T[], position: (row: T) => bigint): SimulatorResponse {
  const limit = limitOf(request);
  if (typeof limit !== 'number') return limit;
  const q = request.query;
  const after = q.has('after') ? BigInt(q.get('after') as string) : undefined;
  const before = q.has('before') ? BigInt(q.get('before') as string) : undefined;
  const sorted = rows
    .filter((r) => (after === undefined || position(r) < after) && (before === undefined || position(r) > before))
    .sort((a, b) => (position(b) > position(a) ? 1 : position(b) < position(a) ? -1 : 0));
  return ok(before !== undefined && after === undefined ? sorted.slice(-limit) : sorted.slice(0, limit));
}

const matches = (request: SimulatorRequest, row: Record<string, unknown>, ...fields: string[]) =>
  fields.every((field) => !request.query.has(field) || row[field] === request.query.get(field));

export function accountBillsArchive(request: SimulatorRequest, account: OkxSimAccount): SimulatorResponse {
  const rows = (account.accountBills ?? []).filter(
    (bill) => Number(bill.ts) >= request.now - ACCOUNT_BILLS_RETENTION_MS && matches(request, bill, 'instType', 'ccy', 'type', 'subType'),
  );
  return pageBy(request, rows, (bill) => BigInt(bill.billId));
}

/** Every funding-account movement the account holds, deposits and withdrawals included, as OKX bills. */
export function fundingMovements(account: OkxSimAccount): OkxWireAssetBill[] {
  const deposits = account.deposits
    .filter((d) => d.state === '1' || d.state === '2')
    .map((d): OkxWireAssetBill => ({ billId: `9${d.depId}`, ccy: d.ccy, balChg: d.amt, bal: '', type: '1', ts: d.ts, notes: '', clientId: '' }));
  const withdrawals = account.withdrawals
    .filter((w) => w.state === '2')
    .map(
      (w): OkxWireAssetBill => ({
        billId: `8${w.wdId}`,
        ccy: w.ccy,
        balChg: toDecimalString(dec(w.amt).plus(w.fee).neg()),
        bal: '',
        type: '2',
        ts: w.ts,
        notes: '',
        clientId: '',
      }),
    );
  return [...(account.assetBills ?? []), ...deposits, ...withdrawals];
}

export function assetBills(request: SimulatorRequest, account: OkxSimAccount): SimulatorResponse {
  const rows = fundingMovements(account).filter((bill) => Number(bill.ts) >= request.now - ASSET_BILLS_RETENTION_MS && matches(request, bill, 'ccy', 'type'));
  return pageBy(request, rows, (bill) => BigInt(bill.ts));
}

export function lendingHistory(request: SimulatorRequest, account: OkxSimAccount): SimulatorResponse {
  const rows = (account.lendingHistory ?? []).filter((row) => matches(request, row, 'ccy'));
  return pageBy(request, rows, (row) => BigInt(row.ts));
}

export function savingsBalance(request: SimulatorRequest, account: OkxSimAccount): SimulatorResponse {
  return ok((account.savings ?? []).filter((row) => matches(request, row, 'ccy')));
}

export function stakingOrdersActive(request: SimulatorRequest, account: OkxSimAccount): SimulatorResponse {
  return ok((account.stakingOrders ?? []).filter((row) => matches(request, row as Record<string, unknown>, 'ccy', 'productId', 'protocolType', 'state')));
}
