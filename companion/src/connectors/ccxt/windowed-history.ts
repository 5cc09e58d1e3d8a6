import type { ActivityRecord } from '@omnifolio/shared/schemas';
import type { ActivityPage, CursorStore } from '../types.js';

/**
 * Walks a history that an exchange answers only a bounded time window per request (both ends
 * inclusive: KuCoin `startAt`/`endAt`, 7 days for fills and 24 hours for ledgers; Bitget
 * `startTime`/`endTime`, 90 days) and pages inside a window with a token: a page number (KuCoin
 * `currentPage`) or an id cursor (Bitget `idLessThan`), newest first either way.
 *
 * The walk goes forward one closed window at a time, from `now − horizon` on the first sync (how
 * far back the exchange keeps the data) or from where the last sync stopped. The cursor
 * `<key>` = `start|end|page` names the next request (`page` empty for a window's first page);
 * `end` is fixed when a window begins and is never later than `now − settleMs`, so nothing can
 * still be added to a window being paged and its pages stay stable across an interruption. After a
 * window's last page the cursor moves to `end + 1`, so the next window neither repeats nor skips a
 * millisecond.
 *
 * A record that is not final yet (a deposit waiting for confirmations) is not recorded; it is
 * listed in `<key>:pending` (`[{ "ref", "at" }]`) and each sync first asks for the millisecond it
 * was created in again, recording it once it settles and forgetting it when it failed.
 */
export interface WindowedHistoryParameters<T> {
  cursorKey: string;
  cursors: CursorStore;
  now: number;
  windowMs: number;
  horizonMs: number;
  /** Records younger than this are left to the next sync (exchanges write their histories with a short delay). */
  settleMs: number;
  /** One page of the window [startAt, endAt]; `page` is undefined for its first page. `next` names the following page, if any. */
  fetchPage(startAt: number, endAt: number, page: string | undefined): Promise<{ items: T[]; next: string | undefined }>;
  refOf(item: T): string;
  timeOf(item: T): number;
  isPending(item: T): boolean;
  /**
   * undefined for records that never count (failed) or that another history reports; several
   * for a record that moves a coin between two of the user's accounts (one transfer per side).
   */
  toActivity(item: T): ActivityRecord | readonly ActivityRecord[] | undefined;
  signal: AbortSignal;
}

interface Pending {
  ref: string;
  at: number;
}

export async function* windowedHistory<T>(p: WindowedHistoryParameters<T>): AsyncGenerator<ActivityPage> {
  const pendingKey = `${p.cursorKey}:pending`;
  let pending = parsePending(p.cursors.get(pendingKey));
  const cursorsWith = (position: string) => ({ [p.cursorKey]: position, [pendingKey]: JSON.stringify(pending) });
  const [storedStart, storedEnd, storedPage] = (p.cursors.get(p.cursorKey) ?? '').split('|');
  let start = storedStart === undefined || storedStart === '' ? p.now - p.horizonMs : Number(storedStart);
  let end = storedEnd === undefined || storedEnd === '' ? undefined : Number(storedEnd);
  let page = storedPage === undefined || storedPage === '' ? undefined : storedPage;
  const position = () => `${start}|${end ?? ''}|${page ?? ''}`;

  if (pending.length > 0) {
    const activities: ActivityRecord[] = [];
    const stillPending: Pending[] = [];
    for (const record of pending) {
      p.signal.throwIfAborted();
      // Assumes fewer records in that one millisecond than a page holds.
      const { items } = await p.fetchPage(record.at, record.at, undefined);
      const item = items.find((candidate) => p.refOf(candidate) === record.ref);
      if (item === undefined) continue;
      if (p.isPending(item)) {
        stillPending.push(record);
        continue;
      }
      activities.push(...asList(p.toActivity(item)));
    }
    pending = stillPending;
    yield { activities, cursors: cursorsWith(position()) };
  }

  const limit = p.now - p.settleMs;
  for (;;) {
    p.signal.throwIfAborted();
    if (end === undefined) {
      if (start > limit) return;
      end = Math.min(start + p.windowMs - 1, limit);
      page = undefined;
    }
    const { items, next } = await p.fetchPage(start, end, page);
    const activities: ActivityRecord[] = [];
    for (const item of items) {
      if (p.isPending(item)) {
        const ref = p.refOf(item);
        if (!pending.some((r) => r.ref === ref)) pending = [...pending, { ref, at: p.timeOf(item) }];
        continue;
      }
      activities.push(...asList(p.toActivity(item)));
    }
    if (items.length > 0 && next !== undefined) {
      page = next;
    } else {
      start = end + 1;
      end = undefined;
      page = undefined;
    }
    yield { activities, cursors: cursorsWith(position()) };
  }
}

function asList(activity: ActivityRecord | readonly ActivityRecord[] | undefined): readonly ActivityRecord[] {
  if (activity === undefined) return [];
  return Array.isArray(activity) ? activity : [activity as ActivityRecord];
}

function parsePending(value: string | undefined): Pending[] {
  if (value === undefined || value === '') return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.filter((r): r is Pending => typeof r?.ref === 'string' && Number.isSafeInteger(r?.at)) : [];
  } catch {
    return [];
  }
}
