import type { ActivityRecord } from '@omnifolio/shared/schemas';
import { describe, expect, it } from 'vitest';
import type { ActivityPage } from '../types.js';
import { windowedHistory } from './windowed-history.js';

interface Row {
  id: string;
  at: number;
  status: 'done' | 'pending' | 'failed';
}

const DAY = 86_400_000;
const NOW = 1_800_000_000_000;

/** An exchange that answers [startAt, endAt] newest first, two rows a page, page numbers as tokens. */
function exchange(rows: Row[]) {
  const requests: [number, number, string | undefined][] = [];
  return {
    requests,
    async fetchPage(startAt: number, endAt: number, page: string | undefined) {
      requests.push([startAt, endAt, page]);
      const n = page === undefined ? 1 : Number(page);
      const inWindow = rows.filter((r) => r.at >= startAt && r.at <= endAt).sort((a, b) => b.at - a.at);
      return { items: inWindow.slice((n - 1) * 2, n * 2), next: n * 2 < inWindow.length ? String(n + 1) : undefined };
    },
  };
}

function walk(rows: Row[], cursors: Map<string, string>, source = exchange(rows)) {
  return windowedHistory<Row>({
    cursorKey: 'k',
    cursors: { get: (key) => cursors.get(key) },
    now: NOW,
    windowMs: 7 * DAY,
    horizonMs: 30 * DAY,
    settleMs: 5_000,
    fetchPage: (s, e, p) => source.fetchPage(s, e, p),
    refOf: (r) => r.id,
    timeOf: (r) => r.at,
    isPending: (r) => r.status === 'pending',
    toActivity: (r): ActivityRecord | undefined =>
      r.status === 'failed'
        ? undefined
        : {
            accountKey: 'a',
            providerRef: r.id,
            type: 'deposit',
            executedAt: new Date(r.at).toISOString(),
            asset: 'BTC',
            quantity: '1',
            quoteAsset: null,
            price: null,
            fee: null,
            feeAsset: null,
            raw: r,
          },
    signal: new AbortController().signal,
  });
}

/** Consumes a walk like the sync runner: each page's cursors stored with it; stops after `limit` pages. */
async function consume(pages: AsyncGenerator<ActivityPage>, cursors: Map<string, string>, limit = Number.POSITIVE_INFINITY) {
  const refs: string[] = [];
  let count = 0;
  for await (const page of pages) {
    refs.push(...page.activities.map((a) => a.providerRef));
    for (const [key, value] of Object.entries(page.cursors)) cursors.set(key, value);
    count += 1;
    if (count >= limit) break;
  }
  return refs;
}

describe('windowedHistory', () => {
  it('covers the horizon in contiguous closed windows that end before the settling delay', async () => {
    const source = exchange([]);
    await consume(walk([], new Map(), source), new Map());
    const windows = source.requests.map(([s, e]) => [s, e]);
    expect(windows[0]?.[0]).toBe(NOW - 30 * DAY);
    expect(windows.at(-1)?.[1]).toBe(NOW - 5_000);
    for (const [i, [start, end]] of windows.entries()) {
      expect((end ?? 0) - (start ?? 0)).toBeLessThanOrEqual(7 * DAY - 1);
      if (i > 0) expect(start).toBe((windows[i - 1]?.[1] ?? 0) + 1);
    }
  });

  it('pages inside a window and resumes an interrupted walk at the page it stopped at, without repeats', async () => {
    const rows: Row[] = Array.from({ length: 7 }, (_, i) => ({ id: `r${i}`, at: NOW - 20 * DAY + i * 1_000, status: 'done' }));
    const all = await consume(walk(rows, new Map()), new Map());
    expect([...all].sort()).toEqual(rows.map((r) => r.id).sort());
    for (let stop = 1; stop < 8; stop += 1) {
      const cursors = new Map<string, string>();
      const first = await consume(walk(rows, cursors), cursors, stop);
      const rest = await consume(walk(rows, new Map(cursors)), cursors);
      expect([...first, ...rest].sort(), `stopped after ${stop} pages`).toEqual([...all].sort());
    }
  });

  it('keeps a pending record aside and records it once it settles; a failed one is forgotten', async () => {
    const rows: Row[] = [
      { id: 'a', at: NOW - 3 * DAY, status: 'pending' },
      { id: 'b', at: NOW - 2 * DAY, status: 'pending' },
      { id: 'c', at: NOW - DAY, status: 'done' },
    ];
    const cursors = new Map<string, string>();
    expect(await consume(walk(rows, cursors), cursors)).toEqual(['c']);
    expect(JSON.parse(cursors.get('k:pending') ?? '[]')).toEqual([
      { ref: 'a', at: NOW - 3 * DAY },
      { ref: 'b', at: NOW - 2 * DAY },
    ]);
    (rows[0] as Row).status = 'done';
    (rows[1] as Row).status = 'failed';
    expect(await consume(walk(rows, cursors), cursors)).toEqual(['a']);
    expect(cursors.get('k:pending')).toBe('[]');
  });
});
