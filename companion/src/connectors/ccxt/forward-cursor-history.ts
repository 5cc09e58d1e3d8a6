import type { ActivityRecord } from '@omnifolio/shared/schemas';
import type { ActivityPage, CursorStore } from '../types.js';

/**
 * Walks a history that an API serves oldest first behind an opaque "after this record" cursor
 * (Coinbase v2 `order=asc&starting_after=<transaction id>`), which neither `since-history.ts`
 * (timestamps) nor `newest-first-history.ts` (ordered positions) can express.
 *
 * The cursor `<key>` holds the id of the last record stored; each page asks for what follows it,
 * and each page's cursor is committed with its activities, so a crash resumes exactly there.
 * A pending record (a send waiting for confirmations) ends the walk before it: the cursor stays
 * on the record before it, so the next sync reads it again until it settles, and the records
 * after it wait for it rather than be skipped.
 */
export interface ForwardCursorHistoryParameters<T> {
  cursorKey: string;
  cursors: CursorStore;
  /** The records after `after` (from the first when undefined), oldest first, and whether more follow. */
  fetchPage(after: string | undefined): Promise<{ items: T[]; hasMore: boolean }>;
  idOf(item: T): string;
  isPending(item: T): boolean;
  /**
   * undefined for records that never count (failed, cancelled) or are read elsewhere; several when
   * one record moves a coin between two of the user's accounts (one transfer per side).
   */
  toActivity(item: T): ActivityRecord | readonly ActivityRecord[] | undefined;
  signal: AbortSignal;
}

export async function* forwardCursorHistory<T>(p: ForwardCursorHistoryParameters<T>): AsyncGenerator<ActivityPage> {
  const stored = p.cursors.get(p.cursorKey);
  let after = stored === undefined || stored === '' ? undefined : stored;
  for (;;) {
    p.signal.throwIfAborted();
    const { items, hasMore } = await p.fetchPage(after);
    const activities: ActivityRecord[] = [];
    let blocked = false;
    for (const item of items) {
      if (p.isPending(item)) {
        blocked = true;
        break;
      }
      activities.push(...[p.toActivity(item) ?? []].flat());
      after = p.idOf(item);
    }
    yield { activities, cursors: after === undefined ? {} : { [p.cursorKey]: after } };
    if (blocked || !hasMore || items.length === 0) return;
  }
}
