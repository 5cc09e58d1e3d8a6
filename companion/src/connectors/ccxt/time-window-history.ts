import type { ActivityRecord } from '@omnifolio/shared/schemas';
import type { ActivityPage, CursorStore } from '../types.js';

/**
 * Walks a history that an exchange serves only inside bounded time windows ("from/to must not
 * be more than 30 days apart": Gate, Bybit 7 days, MEXC 7/90 days), which neither
 * `since-history.ts` (it assumes "oldest from since on", unbounded) nor
 * `newest-first-history.ts` (one unbounded newest-first stream) can page.
 *
 * The walk goes forward, window after window, from `<key>:from` (or `earliestMs` on the first
 * sync) to `endMs`, the last moment that is complete at the exchange. Each window is fetched
 * whole (`fetchWindow` pages inside it however the endpoint pages) and yielded as one page whose
 * cursor is the start of the next window, so a crash resumes at the first window not committed
 * and nothing is read twice. Windows are inclusive at both ends: [from, to], next from = to + 1.
 *
 * A pending record (a deposit waiting for confirmations) is not recorded and keeps the cursor at
 * its time, so later syncs fetch it again until it settles; the settled records after it in that
 * stretch are then reported again under the same references (the store keeps one row per
 * reference).
 */
export interface TimeWindowHistoryParameters<T> {
  /** Cursor key prefix: `deposits` stores `deposits:from`. */
  cursorKey: string;
  cursors: CursorStore;
  /** Where the first sync starts (ms). */
  earliestMs: number;
  /**
   * The oldest moment the endpoint still answers (MEXC: 90 days back), if it forgets. A stored
   * cursor older than this (a deposit pending for months, a connection not synced for a season)
   * resumes here: what lies before is gone from the API for everyone.
   */
  floorMs?: number;
  /** The last complete moment at the exchange (ms, inclusive); windows never reach past it. */
  endMs: number;
  /** The widest window the endpoint accepts, in ms, both ends included. */
  windowMs: number;
  /** Every record with from ≤ time ≤ to, in any order. */
  fetchWindow(fromMs: number, toMs: number): Promise<T[]>;
  timestampOf(item: T): number;
  isPending(item: T): boolean;
  /** undefined for records that never count (failed, cancelled); several when one record moves two things (a fill's loss and its rebate). */
  toActivity(item: T): ActivityRecord | readonly ActivityRecord[] | undefined;
  signal: AbortSignal;
}

export async function* timeWindowHistory<T>(p: TimeWindowHistoryParameters<T>): AsyncGenerator<ActivityPage> {
  const fromKey = `${p.cursorKey}:from`;
  const stored = Number(p.cursors.get(fromKey) ?? Number.NaN);
  let from = Math.max(Number.isFinite(stored) ? stored : p.earliestMs, p.floorMs ?? Number.NEGATIVE_INFINITY);
  let holdAt: number | undefined;

  while (from <= p.endMs) {
    p.signal.throwIfAborted();
    const to = Math.min(from + p.windowMs - 1, p.endMs);
    const rows = await p.fetchWindow(from, to);
    const inWindow = rows.filter((row) => {
      const at = p.timestampOf(row);
      return at >= from && at <= to;
    });
    for (const row of inWindow) {
      if (!p.isPending(row)) continue;
      const at = p.timestampOf(row);
      holdAt = holdAt === undefined ? at : Math.min(holdAt, at);
    }
    const activities = inWindow
      .filter((row) => !p.isPending(row))
      .sort((a, b) => p.timestampOf(a) - p.timestampOf(b))
      .flatMap((row) => p.toActivity(row) ?? []);
    const next = holdAt ?? to + 1;
    yield { activities, cursors: { [fromKey]: String(next) } };
    from = to + 1;
  }
}
