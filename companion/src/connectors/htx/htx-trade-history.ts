import type { ActivityRecord } from '@omnifolio/shared/schemas';
import type { ActivityPage, CursorStore } from '../types.js';

/**
 * Walks HTX's spot trades (`GET /v1/order/matchresults`), which HTX serves only in windows of at
 * most 48 hours, only within the last 120 days, newest first, paged inside a window with
 * `from` = the last record id of the previous page and `direct=next`.
 *
 * The walk goes forward in time, one window after another, from the cursor (or, on the first
 * sync, from 120 days ago) up to now. `<key>` holds `time|id`: the next window starts at `time`,
 * and records with an id at or below `id` (HTX record ids grow with time) were stored already and
 * are dropped, so overlapping windows never repeat a trade. A window is read completely before
 * its page is yielded with the cursor past it; the cursor never moves closer than `settleMs`
 * to now, so a trade that becomes visible a moment late is still found by the next sync.
 */
export interface HtxTradeHistoryParameters {
  cursorKey: string;
  cursors: CursorStore;
  now: () => number;
  pageLimit: number;
  /** How far back the first sync reads; HTX keeps 120 days (HTX_TRADE_RETENTION_MS). */
  backfillMs: number;
  /** One page of a window, newest first; `from` = the last id of the previous page. */
  fetchPage(window: { start: number; end: number }, from: number | undefined): Promise<Record<string, unknown>[]>;
  idOf(row: Record<string, unknown>): number;
  timeOf(row: Record<string, unknown>): number;
  toActivity(row: Record<string, unknown>): Promise<ActivityRecord> | ActivityRecord;
  signal: AbortSignal;
}

export const HTX_TRADE_WINDOW_MS = 48 * 3_600_000;
/** HTX keeps 120 days; the first sync starts a little inside that, so clocks a few minutes apart still agree. */
export const HTX_TRADE_RETENTION_MS = 120 * 86_400_000 - 10 * 60_000;
const SETTLE_MS = 60_000;

export async function* htxTradeHistory(p: HtxTradeHistoryParameters): AsyncGenerator<ActivityPage> {
  const [storedTime, storedId] = (p.cursors.get(p.cursorKey) ?? '').split('|');
  const now = p.now();
  const oldest = now - Math.min(p.backfillMs, HTX_TRADE_RETENTION_MS);
  let start = storedTime === undefined || storedTime === '' ? oldest : Math.max(oldest, Number(storedTime));
  let highestId = storedId === undefined || storedId === '' ? 0 : Number(storedId);

  while (start <= now) {
    p.signal.throwIfAborted();
    const end = Math.min(start + HTX_TRADE_WINDOW_MS - 1, now);
    const rows: Record<string, unknown>[] = [];
    const seen = new Set<number>();
    let from: number | undefined;
    for (;;) {
      const page = await p.fetchPage({ start, end }, from);
      const fresh = page.filter((row) => !seen.has(p.idOf(row)));
      for (const row of fresh) seen.add(p.idOf(row));
      rows.push(...fresh);
      if (page.length < p.pageLimit || fresh.length === 0) break;
      from = Math.min(...page.map(p.idOf));
    }
    const newer = rows.filter((row) => p.idOf(row) > highestId).sort((a, b) => p.idOf(a) - p.idOf(b));
    const activities: ActivityRecord[] = [];
    for (const row of newer) activities.push(await p.toActivity(row));
    highestId = Math.max(highestId, ...rows.map(p.idOf));
    const next = Math.max(start, Math.min(end + 1, now - SETTLE_MS));
    yield { activities, cursors: { [p.cursorKey]: `${next}|${highestId}` } };
    if (end >= now) return;
    start = end + 1;
  }
}
