import { toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord } from '@omnifolio/shared/schemas';
import type { CcxtSession } from '../ccxt/ccxt-session.js';
import { callImplicitApi } from '../ccxt/implicit-api.js';
import type { ActivityPage, ConnectorContext } from '../types.js';
import { unreadable } from './binance-raw.js';
import { fitsInWeightBudget, SAPI_UID_WEIGHT } from './binance-weight-budget.js';

/**
 * Binance Convert trades, `GET /sapi/v1/convert/tradeFlow` (weight 3000, UID):
 * `{ "list": [{ "quoteId": "f3b91c525b2644c7bc1e1cd31b6e1aa6", "orderId": 940708407462087195, "orderStatus": "SUCCESS",
 *    "fromAsset": "USDT", "fromAmount": "20", "toAsset": "BNB", "toAmount": "0.06154036", "ratio": "0.00307702",
 *    "inverseRatio": "324.99", "createTime": 1624248872184 }], "startTime": …, "endTime": …, "limit": 1000, "moreData": false }`
 *
 * Records are named by `quoteId`, a string: `orderId` is a JSON number above 2^53, which
 * `JSON.parse` (and so ccxt) rounds, so two converts could share a rounded id.
 *
 * A convert is a trade that `myTrades` never shows, so it is recorded as a buy of `toAsset` paid
 * in `fromAsset` at Binance's `inverseRatio`, and both assets join the trade-history candidates
 * (binance-candidate-symbols.ts). Binance answers at most 30 days per request. The first sync
 * reads the last 30 days, then each sync reads one older window (`convert:backfill`) until
 * January 2020, when Convert opened; later syncs also read forward from `convert:since`. When the
 * UID weight budget (shared with withdrawal history) is spent, the walk pauses until the next sync.
 */

const WINDOW_MS = 30 * 86_400_000;
/** The first sync reads the last 30 days forward; older windows come from the backfill. */
const FIRST_SYNC_WINDOWS = 1;
/**
 * Older windows read per sync. ccxt spaces Convert requests a second apart (its cost 20), so
 * this keeps a sync short; the backfill to 2020 completes over the following syncs.
 */
const BACKFILL_WINDOWS_PER_SYNC = 1;
const PAGE_LIMIT = 1_000;
const CONVERT_WEIGHT = 3_000;
const SETTLE_MARGIN_MS = 60_000;
/** Binance Convert did not exist before 2020. */
export const CONVERT_HISTORY_FLOOR_MS = Date.UTC(2020, 0, 1);

interface RawConvert {
  quoteId: string;
  orderId: number | string;
  orderStatus: string;
  fromAsset: string;
  fromAmount: string;
  toAsset: string;
  toAmount: string;
  inverseRatio: string;
  createTime: number | string;
}

function isRawConvert(value: unknown): value is RawConvert {
  if (value === null || typeof value !== 'object') return false;
  const row = value as Record<string, unknown>;
  return (
    ['quoteId', 'orderStatus', 'fromAsset', 'fromAmount', 'toAsset', 'toAmount', 'inverseRatio'].every((key) => typeof row[key] === 'string') &&
    (typeof row.orderId === 'number' || typeof row.orderId === 'string') &&
    (typeof row.createTime === 'number' || typeof row.createTime === 'string')
  );
}

export function binanceConvertActivity(row: RawConvert, accountKey: string): ActivityRecord {
  return {
    accountKey,
    providerRef: `convert:${row.quoteId}`,
    type: 'buy',
    executedAt: new Date(Number(row.createTime)).toISOString(),
    asset: row.toAsset,
    quantity: toDecimalString(row.toAmount),
    quoteAsset: row.fromAsset,
    price: toDecimalString(row.inverseRatio),
    fee: null,
    feeAsset: null,
    raw: row,
  };
}

export interface ConvertHistoryParameters {
  ctx: ConnectorContext;
  session: CcxtSession;
  accountKey: string;
  onAsset: (asset: string) => void;
}

export async function* binanceConvertHistory(parameters: ConvertHistoryParameters): AsyncGenerator<ActivityPage> {
  const { ctx, session } = parameters;
  const now = session.clock.now();
  const horizon = now - SETTLE_MARGIN_MS;
  const stored = Number(ctx.cursors.get('convert:since'));
  const firstStart = now - FIRST_SYNC_WINDOWS * WINDOW_MS;
  let start = Number.isFinite(stored) && stored > 0 ? stored : firstStart;
  let seen = new Set((ctx.cursors.get('convert:seen') ?? '').split(',').filter((id) => id !== ''));

  // Forward, from the cursor to a minute ago.
  while (start <= horizon) {
    if (!budgetLeft(parameters)) return;
    const end = Math.min(start + WINDOW_MS, horizon);
    const result = yield* convertWindow(parameters, start, end, seen);
    if (result.moreFrom === undefined) {
      start = end + 1;
      seen = new Set();
    } else {
      start = result.moreFrom;
      seen = result.seen;
    }
  }

  // Backward, from the oldest window read towards 2020, a few windows per sync.
  const storedBackfill = Number(ctx.cursors.get('convert:backfill'));
  let oldest =
    Number.isFinite(storedBackfill) && storedBackfill > 0 ? storedBackfill : Number.isFinite(stored) && stored > 0 ? Math.min(stored, firstStart) : firstStart;
  for (let windows = 0; windows < BACKFILL_WINDOWS_PER_SYNC && oldest > CONVERT_HISTORY_FLOOR_MS; windows += 1) {
    if (!budgetLeft(parameters)) return;
    const windowStart = Math.max(CONVERT_HISTORY_FLOOR_MS, oldest - WINDOW_MS);
    let from = windowStart;
    let windowSeen = new Set<string>();
    for (;;) {
      const result = yield* convertWindow(parameters, from, oldest - 1, windowSeen, windowStart);
      if (result.moreFrom === undefined) break;
      from = result.moreFrom;
      windowSeen = result.seen;
    }
    oldest = windowStart;
  }
}

function budgetLeft({ ctx, session }: ConvertHistoryParameters): boolean {
  // Convert history costs 3000 UID weight per request, from the budget withdrawal history also
  // spends; when it is used up the walk pauses and the next sync continues from the cursors.
  if (fitsInWeightBudget({ budget: SAPI_UID_WEIGHT, cost: CONVERT_WEIGHT, transport: session.transport, clock: session.clock })) return true;
  ctx.log.info('Binance Convert history paused for the weight budget; the next sync continues');
  return false;
}

/**
 * One request of a window. Forward (no `backfillStart`), its cursors are `convert:since` and
 * `convert:seen`; in the backfill, `convert:backfill` moves to `backfillStart` once the window is read.
 */
async function* convertWindow(
  { ctx, session, accountKey, onAsset }: ConvertHistoryParameters,
  start: number,
  end: number,
  seen: ReadonlySet<string>,
  backfillStart?: number,
): AsyncGenerator<ActivityPage, { moreFrom?: number; seen: Set<string> }> {
  const body = (await session.call((exchange) =>
    callImplicitApi(exchange, 'sapiGetConvertTradeFlow', { startTime: start, endTime: end, limit: PAGE_LIMIT }),
  )) as {
    list?: unknown;
    moreData?: unknown;
  } | null;
  const list = body?.list;
  if (!Array.isArray(list) || !list.every(isRawConvert)) throw unreadable('the Convert history');
  const fresh = list.filter((row) => !seen.has(row.quoteId));
  for (const row of fresh) {
    onAsset(row.fromAsset);
    onAsset(row.toAsset);
  }
  const activities = fresh.filter((row) => row.orderStatus === 'SUCCESS').map((row) => binanceConvertActivity(row, accountKey));
  if (body?.moreData !== true || list.length === 0) {
    const cursors: Record<string, string> =
      backfillStart === undefined ? { 'convert:since': String(end + 1), 'convert:seen': '' } : { 'convert:backfill': String(backfillStart) };
    yield { activities, cursors };
    return { seen: new Set() };
  }
  // More in this window: ask again from the last instant read, skipping the orders already read there.
  const last = Math.max(...list.map((row) => Number(row.createTime)));
  const atLast = list.filter((row) => Number(row.createTime) === last).map((row) => row.quoteId);
  const nextSeen = last === start ? new Set([...seen, ...atLast]) : new Set(atLast);
  yield { activities, cursors: backfillStart === undefined ? { 'convert:since': String(last), 'convert:seen': [...nextSeen].join(',') } : {} };
  ctx.log.debug({ start, last }, 'Binance Convert window continues');
  return { moreFrom: last, seen: nextSeen };
}

/**
 * Small balances converted to BNB, `GET /sapi/v1/asset/dribblet` (weight 1): Binance answers the
 * last 100 conversions. Their `fromAsset`s were held and may have been traded, so they become
 * trade-history candidates (kept in the `trades:assets` cursor).
 * `{ "total": 1, "userAssetDribblets": [{ "operateTime": 1615985535000, "totalTransferedAmount": "0.00132256",
 *    "totalServiceChargeAmount": "0.00002699", "transId": 45178372831,
 *    "userAssetDribbletDetails": [{ "transId": 4359321, "serviceChargeAmount": "0.000009", "amount": "0.0009",
 *      "operateTime": 1615985535000, "transferedAmount": "0.000441", "fromAsset": "USDT" }] }] }`
 */
export async function binanceDustAssets(session: CcxtSession): Promise<string[]> {
  const body = (await session.call((exchange) => callImplicitApi(exchange, 'sapiGetAssetDribblet', {}))) as { userAssetDribblets?: unknown } | null;
  const dribblets = body?.userAssetDribblets ?? [];
  if (!Array.isArray(dribblets)) throw unreadable('the dust conversions');
  const assets = new Set<string>();
  for (const dribblet of dribblets as { userAssetDribbletDetails?: unknown }[]) {
    const details = dribblet?.userAssetDribbletDetails;
    if (!Array.isArray(details)) throw unreadable('the dust conversions');
    for (const detail of details as { fromAsset?: unknown }[]) if (typeof detail?.fromAsset === 'string') assets.add(detail.fromAsset);
  }
  return [...assets];
}
