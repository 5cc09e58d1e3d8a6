import type { ActivityRecord } from '@omnifolio/shared/schemas';
import type { Transaction } from 'ccxt';
import type { CcxtSession } from '../ccxt/ccxt-session.js';
import type { ActivityPage, ConnectorContext } from '../types.js';
import {
  binanceApplyTimeMs,
  binanceDepositActivity,
  binanceWithdrawalActivity,
  depositState,
  type TransferState,
  withdrawalState,
} from './binance-activity.js';
import { isRawDeposit, isRawWithdrawal, unreadable, withoutCcxtAnnotation } from './binance-raw.js';
import { fitsInWeightBudget, SAPI_UID_WEIGHT, waitForWeight } from './binance-weight-budget.js';

/** Binance answers at most 90 days of deposit or withdrawal history per request. */
export const TRANSFER_WINDOW_MS = 90 * 86_400_000;
/**
 * How far back the backfill goes: Binance opened on 14 July 2017, and no API tells when an
 * account was created, so every account is read back to then (about 38 windows of 90 days).
 */
export const BINANCE_HISTORY_FLOOR_MS = Date.UTC(2017, 6, 14);
/** Records per request; Binance's maximum. */
const PAGE_LIMIT = 1_000;
/**
 * We read up to one minute ago only: if our clock runs ahead of Binance's, a record Binance
 * creates "now" carries a time we would already have passed. The last minute is read next time.
 */
const SETTLE_MARGIN_MS = 60_000;
/** Weight of one withdraw-history request, UID-weighted (Binance: 18 000 of 180 000 per minute). */
const WITHDRAW_HISTORY_WEIGHT = 18_000;

export type TransferKind = 'deposit' | 'withdrawal';

export interface TransferHistoryParameters {
  kind: TransferKind;
  ctx: ConnectorContext;
  session: CcxtSession;
  accountKey: string;
  /** Receives each coin seen, so trade discovery can include it. */
  onAsset: (asset: string) => void;
  /** Where a first sync's forward walk starts (90 days back); the backfill continues below it. */
  firstStart: number;
}

interface Classified {
  asset: string;
  activity: ActivityRecord | undefined;
  state: TransferState;
  at: number;
}

/**
 * Deposits or withdrawals in two walks, both in windows of at most 90 days, each window paged by
 * `offset`:
 *
 * - forward, from the `deposits:since` / `withdrawals:since` cursor (ms) up to a minute ago;
 *   without a cursor from 90 days back;
 * - backward (the backfill), from the `<kind>:backfill` cursor (the start of the oldest window
 *   read) down to Binance's opening (BINANCE_HISTORY_FLOOR_MS), one window at a time, as far
 *   as the weight budget allows without waiting. Deposits cost 1 weight per window, so the
 *   first sync reads all of them; withdrawals cost 18 000 UID weight, eight windows a minute, so
 *   their backfill covers two years per sync and finishes over the next few syncs instead of
 *   holding the first one for five minutes.
 *
 * Only settled transfers become activities. A pending one holds the cursor at its time, so
 * the next sync asks again until it settles; transfers already recorded come back as the same
 * provider references and are stored once.
 */
export async function* binanceTransferHistory(parameters: TransferHistoryParameters): AsyncGenerator<ActivityPage> {
  const storedSince = Number(parameters.ctx.cursors.get(parameters.kind === 'deposit' ? 'deposits:since' : 'withdrawals:since'));
  yield* forwardWalk(parameters, Number.isFinite(storedSince) && storedSince > 0 ? undefined : parameters.firstStart);
}

/**
 * The backward walk alone, run after the forward one (which sets `<kind>:since`). Stops without
 * waiting when the weight budget is spent; the next sync continues from `<kind>:backfill`.
 */
export async function* binanceTransferBackfill(parameters: TransferHistoryParameters): AsyncGenerator<ActivityPage> {
  const { kind, ctx, session } = parameters;
  const backfillKey = kind === 'deposit' ? 'deposits:backfill' : 'withdrawals:backfill';
  const storedBackfill = Number(ctx.cursors.get(backfillKey));
  // Without a backfill cursor: on a first sync the forward walk began at `firstStart`; a
  // connection synced before the backfill existed re-reads from its `since` down (stored once),
  // so nothing is skipped.
  const storedSince = Number(ctx.cursors.get(kind === 'deposit' ? 'deposits:since' : 'withdrawals:since'));
  const forwardBegan = Number.isFinite(storedSince) && storedSince > 0 ? Math.min(storedSince, parameters.firstStart) : parameters.firstStart;
  let oldest = Number.isFinite(storedBackfill) && storedBackfill > 0 ? storedBackfill : forwardBegan;
  while (oldest > BINANCE_HISTORY_FLOOR_MS) {
    if (
      kind === 'withdrawal' &&
      !fitsInWeightBudget({ budget: SAPI_UID_WEIGHT, cost: WITHDRAW_HISTORY_WEIGHT, transport: session.transport, clock: session.clock })
    ) {
      ctx.log.info({ kind, backfilledTo: new Date(oldest).toISOString() }, 'Binance withdrawal backfill paused for the weight budget; the next sync continues');
      return;
    }
    const start = Math.max(BINANCE_HISTORY_FLOOR_MS, oldest - TRANSFER_WINDOW_MS);
    const complete = yield* backfillWindow(parameters, start, oldest - 1, backfillKey);
    if (!complete) return;
    oldest = start;
  }
}

/**
 * One older window, page by page; the backfill cursor moves once the window is read. Returns
 * false when the weight budget ran out mid-window (the next sync reads the window again).
 * Transfers this old are settled or void; nothing here is pending.
 */
async function* backfillWindow(
  { kind, session, accountKey, onAsset }: TransferHistoryParameters,
  start: number,
  end: number,
  backfillKey: string,
): AsyncGenerator<ActivityPage, boolean> {
  for (let offset = 0; ; offset += PAGE_LIMIT) {
    if (
      offset > 0 &&
      kind === 'withdrawal' &&
      !fitsInWeightBudget({ budget: SAPI_UID_WEIGHT, cost: WITHDRAW_HISTORY_WEIGHT, transport: session.transport, clock: session.clock })
    ) {
      return false;
    }
    const rows = await session.call((exchange) =>
      kind === 'deposit'
        ? exchange.fetchDeposits(undefined, start, PAGE_LIMIT, { endTime: end, offset })
        : exchange.fetchWithdrawals(undefined, start, PAGE_LIMIT, { endTime: end, offset }),
    );
    const activities: ActivityRecord[] = [];
    for (const { asset, activity } of rows.map((row) => classify(kind, row, accountKey))) {
      onAsset(asset);
      if (activity !== undefined) activities.push(activity);
    }
    const lastPage = rows.length < PAGE_LIMIT;
    yield { activities, cursors: lastPage ? { [backfillKey]: String(start) } : {} };
    if (lastPage) return true;
  }
}

async function* forwardWalk(
  { kind, ctx, session, accountKey, onAsset }: TransferHistoryParameters,
  firstStart: number | undefined,
): AsyncGenerator<ActivityPage> {
  const cursorKey = kind === 'deposit' ? 'deposits:since' : 'withdrawals:since';
  const now = session.clock.now();
  const horizon = now - SETTLE_MARGIN_MS;
  const stored = Number(ctx.cursors.get(cursorKey));
  let start = firstStart ?? stored;
  let holdAt: number | undefined;

  while (start <= horizon) {
    const end = Math.min(start + TRANSFER_WINDOW_MS, horizon);
    for (let offset = 0; ; offset += PAGE_LIMIT) {
      if (kind === 'withdrawal') {
        await waitForWeight({
          budget: SAPI_UID_WEIGHT,
          cost: WITHDRAW_HISTORY_WEIGHT,
          transport: session.transport,
          clock: session.clock,
          signal: ctx.signal,
          log: ctx.log,
        });
      }
      const rows = await session.call((exchange) =>
        kind === 'deposit'
          ? exchange.fetchDeposits(undefined, start, PAGE_LIMIT, { endTime: end, offset })
          : exchange.fetchWithdrawals(undefined, start, PAGE_LIMIT, { endTime: end, offset }),
      );
      ctx.log.debug({ kind, startTime: start, endTime: end, offset, records: rows.length }, 'Binance transfer history page');
      const classified = rows.map((row) => classify(kind, row, accountKey));
      const activities: ActivityRecord[] = [];
      for (const { asset, activity, state, at } of classified) {
        onAsset(asset);
        if (state === 'pending') holdAt = holdAt === undefined ? at : Math.min(holdAt, at);
        if (activity !== undefined) activities.push(activity);
      }
      const lastPageOfWindow = rows.length < PAGE_LIMIT;
      const next = end + 1;
      const cursor = holdAt === undefined ? next : Math.min(next, holdAt);
      // The cursor moves only once the whole window is read: offsets within a newest-first
      // window shift as new records arrive, so they are no place to resume from.
      yield { activities, cursors: lastPageOfWindow ? { [cursorKey]: String(cursor) } : {} };
      if (lastPageOfWindow) break;
    }
    start = end + 1;
  }
}

function classify(kind: TransferKind, row: Transaction, accountKey: string): Classified {
  const raw = withoutCcxtAnnotation(row.info);
  if (kind === 'deposit') {
    if (!isRawDeposit(raw)) throw unreadable('a deposit record');
    const state = depositState(raw.status);
    return { asset: raw.coin, state, at: Number(raw.insertTime), activity: state === 'settled' ? binanceDepositActivity(raw, accountKey) : undefined };
  }
  if (!isRawWithdrawal(raw)) throw unreadable('a withdrawal record');
  const state = withdrawalState(raw.status);
  return {
    asset: raw.coin,
    state,
    at: binanceApplyTimeMs(raw.applyTime),
    activity: state === 'settled' ? binanceWithdrawalActivity(raw, accountKey) : undefined,
  };
}
