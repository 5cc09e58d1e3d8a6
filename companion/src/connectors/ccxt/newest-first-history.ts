import type { ActivityRecord } from '@omnifolio/shared/schemas';
import type { ActivityPage, CursorStore } from '../types.js';

/**
 * Walks a history that an exchange serves newest first with an `after` cursor ("records older
 * than this id or time": OKX `after`, many others alike), which `since-history.ts` cannot:
 * asking "since T" there returns the newest page after T and skips whatever lies between.
 *
 * Each sync walks from the newest record down until it reaches what an earlier sync stored:
 * - `<key>:stop`: the position (id or time) of the newest record stored; the walk ends at it;
 * - `<key>:walk`: `top|after|pending` while a walk is under way, so a crash resumes where it
 *   stopped instead of starting over. `top` becomes the new stop when the walk ends.
 * A pending record (a deposit waiting for confirmations) is not recorded and keeps the stop below
 * it, so later syncs see it again until it settles.
 *
 * Positions are compared as bigints (OKX bill ids exceed 2^53). With `key: 'time'` several records
 * can share a millisecond: the next page asks from the last time + 1 and drops what the previous
 * page already returned; a record created in the very millisecond of the stored stop would be missed.
 */
export interface NewestFirstHistoryParameters<T> {
  cursorKey: string;
  cursors: CursorStore;
  pageLimit: number;
  key: 'id' | 'time';
  /** One page, newest first, strictly older than `after` (all when undefined). */
  fetchPage(after: bigint | undefined): Promise<T[]>;
  positionOf(item: T): bigint;
  refOf(item: T): string;
  isPending(item: T): boolean;
  /** undefined for records that never count (failed, cancelled); several for a record that moves a coin between two of the user's accounts (one transfer per side). */
  toActivity(item: T): ActivityRecord | readonly ActivityRecord[] | undefined;
  signal: AbortSignal;
}

export async function* newestFirstHistory<T>(p: NewestFirstHistoryParameters<T>): AsyncGenerator<ActivityPage> {
  const stopKey = `${p.cursorKey}:stop`;
  const walkKey = `${p.cursorKey}:walk`;
  const storedStop = p.cursors.get(stopKey);
  const stop = storedStop === undefined || storedStop === '' ? undefined : BigInt(storedStop);
  const [walkTop, walkAfter, walkPending, walkRefs] = (p.cursors.get(walkKey) ?? '').split('|');
  let top = walkTop === undefined || walkTop === '' ? undefined : BigInt(walkTop);
  let after = walkAfter === undefined || walkAfter === '' ? undefined : BigInt(walkAfter);
  let minPending = walkPending === undefined || walkPending === '' ? undefined : BigInt(walkPending);
  // With `key: 'time'` the next page starts at the previous page's oldest time again; the refs
  // seen there travel in the walk cursor (4th field) so a resumed walk drops them too.
  let previousRefs = new Set<string>(walkRefs === undefined || walkRefs === '' ? [] : walkRefs.split(',').map(decodeURIComponent));

  for (;;) {
    p.signal.throwIfAborted();
    const page = await p.fetchPage(after);
    const newer = page.filter((item) => (stop === undefined || p.positionOf(item) > stop) && !previousRefs.has(p.refOf(item)));
    const reachedStop = page.length < p.pageLimit || newer.length < page.filter((item) => !previousRefs.has(p.refOf(item))).length;
    for (const item of page) {
      const position = p.positionOf(item);
      if (top === undefined || position > top) top = position;
    }
    for (const item of newer) {
      if (!p.isPending(item)) continue;
      const position = p.positionOf(item);
      if (minPending === undefined || position < minPending) minPending = position;
    }
    const activities = newer.filter((item) => !p.isPending(item)).flatMap((item) => p.toActivity(item) ?? []);

    const oldest = page.reduce<bigint | undefined>((min, item) => (min === undefined || p.positionOf(item) < min ? p.positionOf(item) : min), undefined);
    if (reachedStop || oldest === undefined) {
      const settledTop = minPending === undefined ? top : minPending - 1n;
      const nextStop = settledTop === undefined ? stop : stop === undefined || settledTop > stop ? settledTop : stop;
      yield { activities, cursors: { ...(nextStop === undefined ? {} : { [stopKey]: nextStop.toString() }), [walkKey]: '' } };
      return;
    }
    const nextAfter = p.key === 'time' ? oldest + 1n : oldest;
    // A full page of one millisecond cannot be paged by time; step below it rather than loop.
    after = p.key === 'time' && after !== undefined && nextAfter >= after ? oldest : nextAfter;
    previousRefs = p.key === 'time' ? new Set(page.map(p.refOf)) : new Set();
    // Only the records at the oldest time can come back on a page that asks below oldest + 1.
    const refs =
      p.key === 'time'
        ? page
            .filter((item) => p.positionOf(item) === oldest)
            .map((item) => encodeURIComponent(p.refOf(item)))
            .join(',')
        : '';
    yield { activities, cursors: { [walkKey]: `${top}|${after}|${minPending ?? ''}${refs === '' ? '' : `|${refs}`}` } };
  }
}
