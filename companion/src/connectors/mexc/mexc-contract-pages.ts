import type { ActivityRecord } from '@omnifolio/shared/schemas';
import type { ActivityPage, CursorStore } from '../types.js';
import { isRow, type MexcRow, mexcUnreadable } from './mexc-raw.js';

/**
 * Walks a futures (contract API) history that MEXC serves newest first by page number
 * (`page_num` from 1, `page_size` ≤ 100) with no time filter: funding records, transfer records.
 * Record ids grow with time, so `<key>:stop` keeps the newest id stored and a sync pages from the
 * newest until it reaches it. `newestFirstHistory` (../ccxt/) needs an "older than" cursor, which
 * these endpoints do not take; page numbers shift while new records arrive, which repeats a row
 * (dropped by id), never hides one.
 *
 * The walk is committed as one page at its end: a crash walks again from the newest, and these
 * histories grow by a few records a day. A pending record (a transfer not settled yet) keeps the
 * stop below it, so the next sync reads it again until it settles; the settled records above it
 * are then reported again under the same references (the store keeps one row per reference).
 */
export interface MexcContractPagesParameters {
  cursorKey: string;
  cursors: CursorStore;
  signal: AbortSignal;
  pageSize: number;
  /** What the records are, for errors: "the funding records". */
  what: string;
  /** The `data` of one page: `{ resultList: [...] }`. */
  fetchPage(pageNum: number, pageSize: number): Promise<unknown>;
  timeOf(row: MexcRow): number;
  isPending?(row: MexcRow): boolean;
  /** Zero, one or two activities per record (a transfer is recorded in both accounts it joins). */
  toActivities(row: MexcRow): ActivityRecord[];
}

export async function* mexcContractPages(p: MexcContractPagesParameters): AsyncGenerator<ActivityPage> {
  const stopKey = `${p.cursorKey}:stop`;
  const stored = p.cursors.get(stopKey);
  const stop = stored === undefined || stored === '' ? undefined : BigInt(stored);
  const found = new Map<string, MexcRow>();
  let top = stop;
  let lowestPending: bigint | undefined;
  for (let pageNum = 1; ; pageNum += 1) {
    p.signal.throwIfAborted();
    const list = await p.fetchPage(pageNum, p.pageSize);
    const rows = isRow(list) ? list.resultList : undefined;
    if (!Array.isArray(rows) || !rows.every((r) => isRow(r) && idOf(r) !== undefined)) throw mexcUnreadable(p.what);
    let reachedStop = false;
    for (const row of rows as MexcRow[]) {
      const id = idOf(row) as bigint;
      if (stop !== undefined && id <= stop) {
        reachedStop = true;
        continue;
      }
      if (top === undefined || id > top) top = id;
      if (p.isPending?.(row) === true) {
        if (lowestPending === undefined || id < lowestPending) lowestPending = id;
        continue;
      }
      found.set(String(id), row);
    }
    if (reachedStop || rows.length < p.pageSize) break;
  }
  const activities = [...found.values()].sort((a, b) => p.timeOf(a) - p.timeOf(b)).flatMap((row) => p.toActivities(row));
  const newStop = lowestPending !== undefined && (top === undefined || lowestPending - 1n < top) ? lowestPending - 1n : top;
  yield { activities, cursors: newStop === undefined ? {} : { [stopKey]: newStop.toString() } };
}

/** MEXC sends record ids as JSON numbers (ccxt's examples show them as strings); both are read. */
function idOf(row: MexcRow): bigint | undefined {
  if (typeof row.id === 'number' && Number.isSafeInteger(row.id)) return BigInt(row.id);
  if (typeof row.id === 'string' && /^\d+$/.test(row.id)) return BigInt(row.id);
  return undefined;
}
