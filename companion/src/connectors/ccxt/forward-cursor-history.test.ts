import type { ActivityRecord } from '@omnifolio/shared/schemas';
import { describe, expect, it } from 'vitest';
import { forwardCursorHistory } from './forward-cursor-history.js';

interface Row {
  id: string;
  pending?: boolean;
  skip?: boolean;
}

const activity = (row: Row): ActivityRecord => ({
  accountKey: 'spot',
  providerRef: row.id,
  type: 'deposit',
  executedAt: '2026-01-01T00:00:00.000Z',
  asset: 'BTC',
  quantity: '1',
  quoteAsset: null,
  price: null,
  fee: null,
  feeAsset: null,
  raw: row,
});

/** Oldest first, two per page, `after` = the id of the last record returned before: Coinbase v2 `order=asc&starting_after`. */
function source(rows: Row[]) {
  const asked: (string | undefined)[] = [];
  return {
    asked,
    fetchPage: async (after: string | undefined) => {
      asked.push(after);
      const start = after === undefined ? 0 : rows.findIndex((r) => r.id === after) + 1;
      const items = rows.slice(start, start + 2);
      return { items, hasMore: start + 2 < rows.length };
    },
  };
}

async function pass(rows: Row[], cursors: Map<string, string>, stopAfter?: number) {
  const { asked, fetchPage } = source(rows);
  const seen: string[] = [];
  let pages = 0;
  for await (const page of forwardCursorHistory<Row>({
    cursorKey: 'tx',
    cursors: { get: (k) => cursors.get(k) },
    fetchPage,
    idOf: (r) => r.id,
    isPending: (r) => r.pending === true,
    toActivity: (r) => (r.skip ? undefined : activity(r)),
    signal: new AbortController().signal,
  })) {
    seen.push(...page.activities.map((a) => a.providerRef));
    for (const [k, v] of Object.entries(page.cursors)) cursors.set(k, v);
    pages += 1;
    if (pages === stopAfter) break;
  }
  return { seen, asked };
}

describe('forwardCursorHistory', () => {
  it('walks every page once, skips what maps to nothing, and asks only after the last id next time', async () => {
    const rows: Row[] = [{ id: 'a' }, { id: 'b', skip: true }, { id: 'c' }, { id: 'd' }, { id: 'e' }];
    const cursors = new Map<string, string>();
    expect((await pass(rows, cursors)).seen).toEqual(['a', 'c', 'd', 'e']);
    expect(cursors.get('tx')).toBe('e');
    rows.push({ id: 'f' });
    const next = await pass(rows, cursors);
    expect(next).toEqual({ seen: ['f'], asked: ['e'] });
  });

  it('resumes an interrupted walk from the page it stopped at', async () => {
    const rows: Row[] = [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }, { id: 'e' }];
    const cursors = new Map<string, string>();
    const first = await pass(rows, cursors, 1);
    const rest = await pass(rows, cursors);
    expect([...first.seen, ...rest.seen]).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('stops before a pending record and records it, and what follows, once it settles', async () => {
    const rows: Row[] = [{ id: 'a' }, { id: 'b', pending: true }, { id: 'c' }];
    const cursors = new Map<string, string>();
    expect((await pass(rows, cursors)).seen).toEqual(['a']);
    expect((await pass(rows, cursors)).seen).toEqual([]);
    (rows[1] as Row).pending = false;
    expect((await pass(rows, cursors)).seen).toEqual(['b', 'c']);
  });
});
