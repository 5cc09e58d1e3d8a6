import type { ActivityRecord } from '@omnifolio/shared/schemas';
import { describe, expect, it } from 'vitest';
import type { ActivityPage } from '../types.js';
import { sinceHistory } from './since-history.js';

interface Item {
  id: string;
  ts: number;
  pending?: boolean;
}

/** An exchange that answers ccxt-style: items with ts >= since, oldest first, at most limit. */
function source(items: Item[]) {
  const calls: (number | undefined)[] = [];
  return {
    calls,
    fetchPage: async (since: number | undefined, limit: number) => {
      calls.push(since);
      return items
        .filter((i) => since === undefined || i.ts >= since)
        .sort((a, b) => a.ts - b.ts)
        .slice(0, limit);
    },
  };
}

const activity = (item: Item): ActivityRecord => ({
  accountKey: 'spot',
  providerRef: `deposit:${item.id}`,
  type: 'deposit',
  executedAt: new Date(item.ts).toISOString(),
  asset: 'BTC',
  quantity: '1',
  quoteAsset: null,
  price: null,
  fee: null,
  feeAsset: null,
  raw: item,
});

async function run(items: Item[], cursor: string | undefined, limit: number) {
  const src = source(items);
  const pages: ActivityPage[] = [];
  for await (const page of sinceHistory<Item>({
    cursorKey: 'deposits:since',
    cursor,
    limit,
    fetchPage: src.fetchPage,
    timestampOf: (i) => i.ts,
    refOf: (i) => i.id,
    isPending: (i) => i.pending === true,
    toActivity: activity,
    signal: new AbortController().signal,
  })) {
    pages.push(page);
  }
  return { pages, calls: src.calls, refs: pages.flatMap((p) => p.activities.map((a) => a.providerRef)), cursor: pages.at(-1)?.cursors['deposits:since'] };
}

describe('sinceHistory', () => {
  it('pages forward from the last timestamp, without repeating records that share it', async () => {
    const items = [1, 2, 3, 3, 3, 4, 5].map((ts, i) => ({ id: `d${i}`, ts }));
    const { refs, calls, cursor } = await run(items, undefined, 3);
    expect(refs).toEqual(['deposit:d0', 'deposit:d1', 'deposit:d2', 'deposit:d3', 'deposit:d4', 'deposit:d5', 'deposit:d6']);
    // The second page at 3 brings d3 and d4; asking at 3 again brings nothing new, so the walk steps to 4.
    expect(calls).toEqual([undefined, 3, 3, 4]);
    expect(cursor).toBe('6');
  });

  it('continues from the stored cursor and yields nothing when nothing is new', async () => {
    const items = [{ id: 'a', ts: 10 }];
    const { refs, cursor } = await run(items, '11', 100);
    expect(refs).toEqual([]);
    expect(cursor).toBe('11');
  });

  it('holds the cursor at a pending record and records it only once it settles', async () => {
    const items: Item[] = [
      { id: 'a', ts: 10 },
      { id: 'b', ts: 20, pending: true },
      { id: 'c', ts: 30 },
    ];
    const first = await run(items, undefined, 100);
    expect(first.refs).toEqual(['deposit:a', 'deposit:c']);
    expect(first.cursor).toBe('20');
    (items[1] as Item).pending = false;
    const second = await run(items, first.cursor, 100);
    expect(second.refs).toEqual(['deposit:b', 'deposit:c']);
    expect(second.cursor).toBe('31');
  });

  it('steps past a full page of one millisecond instead of asking forever', async () => {
    const items = Array.from({ length: 5 }, (_, i) => ({ id: `x${i}`, ts: 7 }));
    const { refs, calls } = await run(items, undefined, 5);
    expect(refs).toHaveLength(5);
    expect(calls).toEqual([undefined, 7, 8]);
  });

  it('stops when the signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const iterate = async () => {
      for await (const _ of sinceHistory<Item>({
        cursorKey: 'k',
        cursor: undefined,
        limit: 1,
        fetchPage: async () => [],
        timestampOf: (i) => i.ts,
        refOf: (i) => i.id,
        isPending: () => false,
        toActivity: activity,
        signal: controller.signal,
      })) {
        // nothing
      }
    };
    await expect(iterate()).rejects.toMatchObject({ name: 'AbortError' });
  });
});
