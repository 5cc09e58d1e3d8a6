import type { ActivityRecord } from '@omnifolio/shared/schemas';
import type { ActivityPage, CursorStore } from '../types.js';

/**
 * Walks a Bybit history that is served in bounded time windows (executions and the transaction
 * log: at most 7 days per request; deposits and withdrawals: 30 days), newest first inside a
 * window, paged with an opaque `cursor`. Neither shared walker fits: `since-history.ts` expects
 * the oldest records from `since` on, and `newest-first-history.ts` expects one unbounded list.
 *
 * The walk goes forward window by window, from `backfillMs` ago (Bybit keeps two years) to now:
 * - `<key>:from`: the start (ms) of the first window not yet read completely;
 * - `<key>:page`: Bybit's cursor inside that window while it is being read, so an interrupted
 *   sync resumes at the next page instead of reading the window again.
 * The last window ends now. Its cursor becomes one millisecond past its newest record, or
 * `settleMarginMs` before now when that is later (no record can appear in between once Bybit
 * has listed the newer ones), so the next sync starts where this one stopped.
 * A pending record (a deposit waiting for confirmations) is not recorded and holds `from` at
 * its time for the rest of the pass, so later syncs see it again until it settles.
 */
export interface BybitWindowedHistoryParameters<T> {
  cursorKey: string;
  cursors: CursorStore;
  now: number;
  /** Longest startTime..endTime span the endpoint accepts. */
  windowMs: number;
  /** How far back a first sync starts. */
  backfillMs: number;
  settleMarginMs: number;
  /** One page of [start, end] (inclusive), continuing from `cursor`. */
  fetchPage(window: { start: number; end: number }, cursor: string | undefined): Promise<{ rows: T[]; nextCursor: string | undefined }>;
  timeOf(row: T): number;
  isPending(row: T): boolean;
  /** undefined for rows that are not activities (failed, cancelled, not ours). */
  toActivity(row: T): ActivityRecord | undefined;
  signal: AbortSignal;
}

export async function* bybitWindowedHistory<T>(p: BybitWindowedHistoryParameters<T>): AsyncGenerator<ActivityPage> {
  const fromKey = `${p.cursorKey}:from`;
  const pageKey = `${p.cursorKey}:page`;
  const storedFrom = Number(p.cursors.get(fromKey));
  let from = Number.isSafeInteger(storedFrom) && storedFrom > 0 ? storedFrom : p.now - p.backfillMs;
  let cursor = p.cursors.get(pageKey) || undefined;
  let holdAt: number | undefined;

  for (;;) {
    const end = Math.min(from + p.windowMs, p.now);
    const last = end >= p.now;
    let newest: number | undefined;
    for (;;) {
      p.signal.throwIfAborted();
      const { rows, nextCursor } = await p.fetchPage({ start: from, end }, cursor);
      for (const row of rows) {
        const at = p.timeOf(row);
        if (newest === undefined || at > newest) newest = at;
        if (p.isPending(row) && (holdAt === undefined || at < holdAt)) holdAt = at;
      }
      const activities = rows
        .filter((row) => !p.isPending(row))
        .map((row) => p.toActivity(row))
        .filter((a): a is ActivityRecord => a !== undefined);
      if (nextCursor !== undefined && nextCursor !== '' && rows.length > 0) {
        cursor = nextCursor;
        const cursors = holdAt === undefined ? { [fromKey]: String(from), [pageKey]: cursor } : { [fromKey]: String(holdAt), [pageKey]: '' };
        yield { activities, cursors };
        continue;
      }
      cursor = undefined;
      const next = last ? Math.max(newest === undefined ? from : newest + 1, Math.min(p.now - p.settleMarginMs, end + 1), from) : end + 1;
      const committed = holdAt === undefined ? next : Math.min(next, holdAt);
      yield { activities, cursors: { [fromKey]: String(committed), [pageKey]: '' } };
      break;
    }
    if (last) return;
    from = end + 1;
  }
}
