import type { ActivityRecord } from '@omnifolio/shared/schemas';
import type { ActivityPage, CursorStore } from '../types.js';

/**
 * Walks HTX's deposits or withdrawals (`GET /v1/query/deposit-withdraw`) forward by id: `from` is
 * the first id wanted and `direct=prev` returns ids from there upwards, at most a page.
 *
 * `<key>` holds `from|high|pending`: where the next sync starts, the highest id already seen,
 * and the ids seen while still pending (a deposit waiting for confirmations). The next sync
 * starts at the lowest pending id (or past the highest seen), reports a pending record once it
 * settles, and drops every other id at or below `high`, so nothing is reported twice and a
 * record that settles late is never lost.
 */
export interface HtxTransferHistoryParameters {
  cursorKey: string;
  cursors: CursorStore;
  pageLimit: number;
  /** Records with id ≥ `from`, ascending, at most a page. */
  fetchPage(from: number): Promise<Record<string, unknown>[]>;
  idOf(row: Record<string, unknown>): number;
  stateOf(row: Record<string, unknown>): 'settled' | 'pending' | 'void';
  toActivity(row: Record<string, unknown>): ActivityRecord | undefined;
  signal: AbortSignal;
}

export async function* htxTransferHistory(p: HtxTransferHistoryParameters): AsyncGenerator<ActivityPage> {
  const [storedFrom, storedHigh, storedPending] = (p.cursors.get(p.cursorKey) ?? '').split('|');
  let from = storedFrom === undefined || storedFrom === '' ? 1 : Number(storedFrom);
  let high = storedHigh === undefined || storedHigh === '' ? 0 : Number(storedHigh);
  const pending = new Set(
    (storedPending ?? '')
      .split(',')
      .filter((id) => id !== '')
      .map(Number),
  );

  for (;;) {
    p.signal.throwIfAborted();
    const page = (await p.fetchPage(from)).filter((row) => p.idOf(row) >= from).sort((a, b) => p.idOf(a) - p.idOf(b));
    const activities: ActivityRecord[] = [];
    for (const row of page) {
      const id = p.idOf(row);
      const known = id <= high && !pending.has(id);
      if (known) continue;
      const state = p.stateOf(row);
      if (state === 'pending') {
        pending.add(id);
      } else {
        pending.delete(id);
        const activity = state === 'settled' ? p.toActivity(row) : undefined;
        if (activity !== undefined) activities.push(activity);
      }
      high = Math.max(high, id);
    }
    const last = page.at(-1);
    const full = page.length >= p.pageLimit && last !== undefined;
    if (full) from = p.idOf(last) + 1;
    const restart = full ? from : Math.min(high + 1, ...pending);
    yield { activities, cursors: { [p.cursorKey]: `${restart}|${high}|${[...pending].sort((a, b) => a - b).join(',')}` } };
    if (!full) return;
  }
}
