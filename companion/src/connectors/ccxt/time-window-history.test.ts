import type { ActivityRecord } from '@omnifolio/shared/schemas';
import { describe, expect, it } from 'vitest';
import type { ActivityPage } from '../types.js';
import { timeWindowHistory } from './time-window-history.js';

interface Row {
  id: string;
  at: number;
  pending?: boolean;
}

const activity = (row: Row): ActivityRecord => ({
  accountKey: 'spot',
  providerRef: row.id,
  type: 'deposit',
  executedAt: new Date(row.at).toISOString(),
  asset: 'BTC',
  quantity: '1',
  quoteAsset: null,
  price: null,
  fee: null,
  feeAsset: null,
  raw: row,
});

async function walk(rows: Row[], cursors: Map<string, string>, options: { endMs: number; floorMs?: number; stopAfter?: number }) {
  const asked: [number, number][] = [];
  const pages: ActivityPage[] = [];
  for await (const page of timeWindowHistory<Row>({
    cursorKey: 'deposits',
    cursors: { get: (k) => cursors.get(k) },
    earliestMs: 0,
    floorMs: options.floorMs,
    endMs: options.endMs,
    windowMs: 10,
    signal: new AbortController().signal,
    fetchWindow: async (from, to) => {
      asked.push([from, to]);
      // Like an exchange: whatever lies in the range, newest first, plus a stray row outside it.
      return [...rows.filter((r) => r.at >= from && r.at <= to).sort((a, b) => b.at - a.at), { id: 'stray', at: to + 5 }];
    },
    timestampOf: (r) => r.at,
    isPending: (r) => r.pending === true,
    toActivity: (r) => (r.id.startsWith('void') ? undefined : activity(r)),
  })) {
    pages.push(page);
    for (const [k, v] of Object.entries(page.cursors)) cursors.set(k, v);
    if (options.stopAfter !== undefined && pages.length >= options.stopAfter) break;
  }
  return { asked, refs: pages.flatMap((p) => p.activities.map((a) => a.providerRef)), pages };
}

describe('timeWindowHistory', () => {
  it('walks inclusive windows forward to the end, oldest first, one page per window with the next start as cursor', async () => {
    const rows = [
      { id: 'a', at: 0 },
      { id: 'b', at: 9 },
      { id: 'c', at: 10 },
      { id: 'void-d', at: 15 },
      { id: 'e', at: 24 },
    ];
    const cursors = new Map<string, string>();
    const { asked, refs, pages } = await walk(rows, cursors, { endMs: 24 });
    expect(asked).toEqual([
      [0, 9],
      [10, 19],
      [20, 24],
    ]);
    expect(refs).toEqual(['a', 'b', 'c', 'e']);
    expect(pages.map((p) => p.cursors)).toEqual([{ 'deposits:from': '10' }, { 'deposits:from': '20' }, { 'deposits:from': '25' }]);
    // Nothing new and no time passed: no request at all.
    expect((await walk(rows, cursors, { endMs: 24 })).asked).toEqual([]);
    rows.push({ id: 'f', at: 25 });
    expect((await walk(rows, cursors, { endMs: 30 })).refs).toEqual(['f']);
  });

  it('resumes after a crash at the first window not committed', async () => {
    const rows = [
      { id: 'a', at: 1 },
      { id: 'b', at: 12 },
      { id: 'c', at: 22 },
    ];
    const cursors = new Map<string, string>();
    expect((await walk(rows, cursors, { endMs: 29, stopAfter: 1 })).refs).toEqual(['a']);
    const resumed = await walk(rows, cursors, { endMs: 29 });
    expect(resumed.asked[0]).toEqual([10, 19]);
    expect(resumed.refs).toEqual(['b', 'c']);
  });

  it('keeps the cursor at a pending record until it settles, then reports it', async () => {
    const pending = { id: 'p', at: 13, pending: true };
    const rows: Row[] = [{ id: 'a', at: 2 }, pending, { id: 'c', at: 25 }];
    const cursors = new Map<string, string>();
    expect((await walk(rows, cursors, { endMs: 29 })).refs).toEqual(['a', 'c']);
    expect(cursors.get('deposits:from')).toBe('13');
    pending.pending = false;
    const again = await walk(rows, cursors, { endMs: 29 });
    expect(again.asked[0]).toEqual([13, 22]);
    // The settled record, and what followed it once more (same reference; the store keeps one).
    expect(again.refs).toEqual(['p', 'c']);
  });

  it('never asks before the floor, even from an older cursor', async () => {
    const cursors = new Map([['deposits:from', '3']]);
    expect((await walk([], cursors, { endMs: 40, floorMs: 20 })).asked).toEqual([
      [20, 29],
      [30, 39],
      [40, 40],
    ]);
  });
});
