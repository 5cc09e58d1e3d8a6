import { UnavailableError } from '@omnifolio/shared/errors';
import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord, ActivityType } from '@omnifolio/shared/schemas';
import type { CcxtSession } from '../ccxt/ccxt-session.js';
import { callImplicitApi } from '../ccxt/implicit-api.js';
import type { ActivityPage, ConnectorContext } from '../types.js';
import type { BinanceFuturesKind } from './binance-positions.js';
import { unreadable } from './binance-raw.js';

/**
 * Futures income (funding payments, realized PnL, commissions, rebates) from
 * `GET /fapi/v1/income` (USDⓈ-M) and `GET /dapi/v1/income` (COIN-M):
 * `{ "symbol": "BTCUSDT", "incomeType": "FUNDING_FEE", "income": "-0.37500000", "asset": "USDT",
 *    "info": "FUNDING_FEE", "time": 1570608000000, "tranId": 9689322392, "tradeId": "" }`
 *
 * Binance keeps USDⓈ-M income for three months only, so the first sync reads those three months
 * (older funding is gone from the API for everyone); COIN-M keeps it longer, but a first sync
 * reads its last year only (one request; windows are at most a year, Binance's limit).
 * Rows come oldest first from `startTime` (inclusive), at most 1000 per request.
 *
 * Signs: a positive `income` flowed into the wallet, a negative one out. Funding and realized PnL
 * (and delivery settlement) keep their sign: funding paid is a negative `funding`, a realized loss
 * a negative `realized_pnl`, never a fee. Any other outflow (a commission, chiefly) is a `fee`
 * with a positive quantity; inflows of the other types are `reward`. The income type stays in the
 * provider reference (`income:usdm:REALIZED_PNL:<tranId>`) and in `raw`. `tranId` is unique per
 * income type (Binance), hence both in the reference.
 * Transfers between the user's own wallets (`TRANSFER`) are not activities of any one wallet
 * and are skipped.
 */

const INFLOW: Partial<Record<string, ActivityType>> = {
  FUNDING_FEE: 'funding',
  REALIZED_PNL: 'realized_pnl',
  COMMISSION: 'reward',
  COMMISSION_REBATE: 'reward',
  REFERRAL_KICKBACK: 'reward',
  API_REBATE: 'reward',
  WELCOME_BONUS: 'reward',
  CONTEST_REWARD: 'reward',
  INSURANCE_CLEAR: 'reward',
  DELIVERED_SETTELMENT: 'realized_pnl',
};

const PAGE_LIMIT = 1_000;
const SETTLE_MARGIN_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * No weight budget is consulted here: a sync asks for a few windows at 20–30 weight against
 * 2400 per minute for each futures API, and the `X-MBX-USED-WEIGHT-1M` header last seen may be
 * spot's (same name, other counter), which would make us wait for nothing.
 */
interface IncomeEndpoint {
  /** Longest startTime..endTime span Binance accepts. */
  windowMs: number;
  /** Where the first sync starts, relative to now or absolute. */
  firstStart: (now: number) => number;
  call: (session: CcxtSession, params: Record<string, number>) => Promise<unknown>;
}

/** COIN-M futures opened on Binance in August 2020; there is no COIN-M income before. */
export const COINM_HISTORY_FLOOR_MS = Date.UTC(2020, 7, 1);

const implicit = (session: CcxtSession, method: string, params: object) => session.call((exchange) => callImplicitApi(exchange, method, params));

const ENDPOINTS: Record<BinanceFuturesKind, IncomeEndpoint> = {
  usdm: {
    windowMs: 90 * DAY_MS,
    firstStart: (now) => now - 90 * DAY_MS,
    call: (session, params) => implicit(session, 'fapiPrivateGetIncome', params),
  },
  coinm: {
    windowMs: 365 * DAY_MS,
    // One year (one request) on a first sync: ccxt spaces dapi income requests a second apart, and
    // walking back to 2020 would hold the first sync for seconds per year of nothing.
    firstStart: (now) => Math.max(COINM_HISTORY_FLOOR_MS, now - 365 * DAY_MS),
    call: (session, params) => implicit(session, 'dapiPrivateGetIncome', params),
  },
};

interface RawIncome {
  symbol: string;
  incomeType: string;
  income: string;
  asset: string;
  time: number | string;
  tranId: number | string;
}

function isRawIncome(value: unknown): value is RawIncome {
  if (value === null || typeof value !== 'object') return false;
  const row = value as Record<string, unknown>;
  return (
    typeof row.incomeType === 'string' &&
    typeof row.income === 'string' &&
    typeof row.asset === 'string' &&
    (typeof row.time === 'number' || typeof row.time === 'string') &&
    (typeof row.tranId === 'number' || typeof row.tranId === 'string')
  );
}

export function binanceIncomeActivity(kind: BinanceFuturesKind, row: RawIncome, accountKey: string): ActivityRecord | undefined {
  const amount = dec(row.income);
  if (amount.isZero() || row.incomeType === 'TRANSFER' || row.incomeType === 'INTERNAL_TRANSFER') return undefined;
  const kindOfIncome = INFLOW[row.incomeType];
  const signed = kindOfIncome === 'funding' || kindOfIncome === 'realized_pnl';
  const type: ActivityType | undefined = signed ? kindOfIncome : amount.isNegative() ? 'fee' : kindOfIncome;
  if (type === undefined) return undefined;
  return {
    accountKey,
    providerRef: incomeRef(kind, row),
    type,
    executedAt: new Date(Number(row.time)).toISOString(),
    asset: row.asset,
    quantity: toDecimalString(signed ? amount : amount.abs()),
    quoteAsset: null,
    price: null,
    fee: null,
    feeAsset: null,
    raw: row,
  };
}

const incomeRef = (kind: BinanceFuturesKind, row: RawIncome) => `income:${kind}:${row.incomeType}:${row.tranId}`;

export interface IncomeHistoryParameters {
  kind: BinanceFuturesKind;
  ctx: ConnectorContext;
  session: CcxtSession;
  accountKey: string;
}

/**
 * Walks income from the `income:<kind>:since` cursor. A full page ends at some instant that may
 * hold more rows than the page had room for, so the next request starts at that same instant and
 * the references already read there (cursor `income:<kind>:seen`) are skipped.
 */
export async function* binanceIncomeHistory({ kind, ctx, session, accountKey }: IncomeHistoryParameters): AsyncGenerator<ActivityPage> {
  const endpoint = ENDPOINTS[kind];
  const sinceKey = `income:${kind}:since`;
  const seenKey = `income:${kind}:seen`;
  const now = session.clock.now();
  const horizon = now - SETTLE_MARGIN_MS;
  const stored = Number(ctx.cursors.get(sinceKey));
  // Binance cannot answer further back than its retention; a stored cursor older than that is moved up.
  let start = Math.max(Number.isFinite(stored) && stored > 0 ? stored : 0, endpoint.firstStart(now));
  let seen = new Set(start === stored ? (ctx.cursors.get(seenKey) ?? '').split(',').filter((ref) => ref !== '') : []);

  while (start <= horizon) {
    const end = Math.min(start + endpoint.windowMs, horizon);
    const rows = await endpoint.call(session, { startTime: start, endTime: end, limit: PAGE_LIMIT });
    if (!Array.isArray(rows) || !rows.every(isRawIncome)) throw unreadable(`the ${kind === 'usdm' ? 'USDⓈ-M' : 'COIN-M'} income history`);
    const fresh = rows.filter((row) => !(Number(row.time) === start && seen.has(incomeRef(kind, row))));
    const activities = fresh.map((row) => binanceIncomeActivity(kind, row, accountKey)).filter((a): a is ActivityRecord => a !== undefined);

    if (rows.length < PAGE_LIMIT) {
      yield { activities, cursors: { [sinceKey]: String(end + 1), [seenKey]: '' } };
      start = end + 1;
      seen = new Set();
      continue;
    }
    const last = Math.max(...rows.map((row) => Number(row.time)));
    const atLast = rows.filter((row) => Number(row.time) === last).map((row) => incomeRef(kind, row));
    const nextSeen = last === start ? new Set([...seen, ...atLast]) : new Set(atLast);
    if (last === start && fresh.length === 0) {
      throw new UnavailableError('Binance reported more than 1000 futures income records at one instant; Omnifolio cannot page through them.', {
        hints: ['Please report this: the history at that instant needs page-number paging.'],
      });
    }
    yield { activities, cursors: { [sinceKey]: String(last), [seenKey]: [...nextSeen].join(',') } };
    start = last;
    seen = nextSeen;
  }
}
