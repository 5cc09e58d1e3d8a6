import type { ActivityRecord } from '@omnifolio/shared/schemas';
import { describe, expect, it } from 'vitest';
import { newestFirstHistory } from './newest-first-history.js';

interface Row {
  id: string;
  at: bigint;
}

/** Rows at times 100, 99, …; two share time 98 so a page of 2 ends between them when asked from 99 down. */
const rows: Row[] = [
  { id: 'a', at: 100n },
  { id: 'b', at: 99n },
  { id: 'c', at: 98n },
  { id: 'd', at: 98n },
  { id: 'e', at: 97n },
];

const activity = (row: Row): ActivityRecord => ({
  accountKey: 'spot',
  providerRef: row.id,
  type: 'deposit',
  executedAt: new Date(Number(row.at)).toISOString(),
  asset: 'BTC',
  quantity: '1',
  quoteAsset: null,
  price: null,
  fee: null,
  feeAsset: null,
  raw: row,
});

async function pass(cursors: Map<string, string>, stopAfter?: number): Promise<string[]> {
  const seen: string[] = [];
  let pages = 0;
  for await (const page of newestFirstHistory<Row>({
    cursorKey: 'h',
    cursors: { get: (k) => cursors.get(k) },
    pageLimit: 2,
    key: 'time',
    signal: new AbortController().signal,
    // Strictly older than `after`, newest first: an exclusive `end` time, as OKX `after` and Coinbase `end_sequence_timestamp`.
    fetchPage: async (after) => rows.filter((r) => after === undefined || r.at < after).slice(0, 2),
    positionOf: (r) => r.at,
    refOf: (r) => r.id,
    isPending: () => false,
    toActivity: activity,
  })) {
    seen.push(...page.activities.map((a) => a.providerRef));
    for (const [k, v] of Object.entries(page.cursors)) cursors.set(k, v);
    pages += 1;
    if (pages === stopAfter) break;
  }
  return seen;
}

describe('newestFirstHistory with time positions', () => {
  it('walks every record once across pages that restart at the previous page’s oldest time', async () => {
    expect(await pass(new Map())).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('resumes an interrupted walk without repeating the records at the page boundary', async () => {
    for (const stopAfter of [1, 2, 3]) {
      const cursors = new Map<string, string>();
      const first = await pass(cursors, stopAfter);
      const rest = await pass(cursors);
      expect([...first, ...rest], `stopped after ${stopAfter} pages`).toEqual(['a', 'b', 'c', 'd', 'e']);
    }
  });
});
