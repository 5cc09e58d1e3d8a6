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
import { SAPI_UID_WEIGHT, waitForWeight } from './binance-weight-budget.js';

/** Binance answers at most 90 days of deposit or withdrawal history per request. */
export const TRANSFER_WINDOW_MS = 90 * 86_400_000;
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
}

interface Classified {
  asset: string;
  activity: ActivityRecord | undefined;
  state: TransferState;
  at: number;
}

/**
 * Deposits or withdrawals since the `deposits:since` / `withdrawals:since` cursor (ms), walked
 * in windows of at most 90 days up to a minute ago, each window paged by `offset`. Without a
 * cursor the walk starts 90 days back: a full backfill of older history comes with the
 * exchanges issue (see README).
 *
 * Only settled transfers become activities. A pending one holds the cursor at its time, so
 * the next sync asks again until it settles; transfers already recorded come back as the same
 * provider references and are stored once.
 */
export async function* binanceTransferHistory({ kind, ctx, session, accountKey, onAsset }: TransferHistoryParameters): AsyncGenerator<ActivityPage> {
  const cursorKey = kind === 'deposit' ? 'deposits:since' : 'withdrawals:since';
  const now = session.clock.now();
  const horizon = now - SETTLE_MARGIN_MS;
  const stored = Number(ctx.cursors.get(cursorKey));
  let start = Number.isFinite(stored) && stored > 0 ? stored : now - TRANSFER_WINDOW_MS;
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
