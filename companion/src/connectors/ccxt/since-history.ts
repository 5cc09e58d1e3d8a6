import type { ActivityRecord } from '@omnifolio/shared/schemas';
import type { ActivityPage } from '../types.js';

export interface SinceHistoryParameters<T> {
  /** Cursor key holding the next `since` (ms): `trades:since`, `deposits:since`. */
  cursorKey: string;
  cursor: string | undefined;
  limit: number;
  fetchPage(since: number | undefined, limit: number): Promise<T[]>;
  timestampOf(item: T): number | undefined;
  /** A stable identity, to drop what an inclusive `since` returns again. */
  refOf(item: T): string | undefined;
  /** Not final yet (a deposit waiting for confirmations): not recorded, and the cursor stays before it. */
  isPending(item: T): boolean;
  toActivity(item: T): ActivityRecord | undefined;
  signal: AbortSignal;
}

/**
 * Walks a history forward by timestamp, the way ccxt's `since`/`limit` paginate: each page
 * starts at the last timestamp seen (inclusive, because several records can share a
 * millisecond and a page can end between them), and records already seen in this run are
 * dropped. The cursor committed with a page is where the next run must start:
 * - after the last page, one millisecond past the newest record;
 * - never past a pending record, so that it is fetched again until it settles.
 *
 * Assumes the exchange returns the oldest records from `since` on, which is ccxt's
 * pagination contract; exchanges that answer "newest N" need their own walker.
 */
export async function* sinceHistory<T>(parameters: SinceHistoryParameters<T>): AsyncGenerator<ActivityPage> {
  const { cursorKey, limit } = parameters;
  const parsed = parameters.cursor === undefined ? undefined : Number(parameters.cursor);
  let since = parsed !== undefined && Number.isFinite(parsed) ? parsed : undefined;
  const seen = new Set<string>();
  let holdAt: number | undefined;

  for (;;) {
    parameters.signal.throwIfAborted();
    const page = await parameters.fetchPage(since, limit);
    const fresh = page.filter((item) => {
      const ref = parameters.refOf(item);
      if (ref === undefined) return true;
      if (seen.has(ref)) return false;
      seen.add(ref);
      return true;
    });
    let newest = since;
    for (const item of page) {
      const ts = parameters.timestampOf(item);
      if (ts !== undefined && (newest === undefined || ts > newest)) newest = ts;
    }
    for (const item of fresh) {
      const ts = parameters.timestampOf(item);
      if (parameters.isPending(item) && ts !== undefined) holdAt = holdAt === undefined ? ts : Math.min(holdAt, ts);
    }
    const activities = fresh
      .filter((item) => !parameters.isPending(item))
      .map((item) => parameters.toActivity(item))
      .filter((a): a is ActivityRecord => a !== undefined);

    const full = page.length >= limit;
    let next: number | undefined;
    if (full && newest !== undefined) {
      // A full page of one millisecond would repeat forever; step past it.
      next = fresh.length === 0 ? newest + 1 : newest;
    } else if (newest !== undefined) {
      next = page.length === 0 ? newest : newest + 1;
    }
    const cursorValue = next === undefined ? holdAt : holdAt === undefined ? next : Math.min(next, holdAt);
    yield { activities, cursors: cursorValue === undefined ? {} : { [cursorKey]: String(cursorValue) } };
    if (!full || next === undefined) return;
    since = next;
  }
}
