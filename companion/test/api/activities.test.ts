import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ActivityPage, ActivityView } from '@omnifolio/shared/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCompanion, type TestCompanion } from '../support/test-companion.js';

const FIXTURES = join(import.meta.dirname, '../fixtures');

/**
 * The dashboard's activity list: every stored movement newest first, paged by key, filtered by
 * connection, type or asset. Fed here by Finpension's real 3a export (26 rows) through the
 * documents pipeline, so the rows are the ones a user's upload or capture produces.
 */
describe('GET /api/activities', () => {
  let t: TestCompanion;
  let token: string;
  beforeEach(async () => {
    t = await createTestCompanion();
    token = await t.pair();
    const res = await t.request('/api/documents', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        filename: 'finpension-3a-export.csv',
        mediaType: 'text/csv',
        contentBase64: readFileSync(join(FIXTURES, 'finpension', 'finpension-3a-export.csv')).toString('base64'),
        providerId: 'finpension',
        source: 'upload',
      }),
    });
    expect(await res.json()).toMatchObject({ status: 'parsed' });
  });
  afterEach(async () => t.close());

  const get = async (query: string) => {
    const res = await t.request(`/api/activities${query}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, body: (await res.json()) as ActivityPage & { message?: string } };
  };
  const stored = () => (t.core.storage.sqlite.prepare('SELECT count(*) AS n FROM activities').get() as { n: number }).n;

  it('lists the newest first, with the statement’s own amounts and where each came from', async () => {
    const { status, body } = await get('?limit=2');
    expect(status).toBe(200);
    // The export's first two rows (newest): interest of 0.45 CHF, the 1.324 CHF administration fee.
    expect(body.items.map((a) => [a.executedAt.slice(0, 10), a.type, a.symbol, a.quantity, a.change])).toEqual([
      ['2023-11-07', 'interest', 'CHF', '0.45', '0.45'],
      ['2023-10-07', 'fee', 'CHF', '1.324', '-1.324'],
    ]);
    expect(body.items[0]).toMatchObject({
      connectionLabel: expect.any(String),
      accountName: expect.any(String),
      provisional: false,
      documentId: expect.any(String),
    });
    expect(body.next).toMatch(/^2023-10-07.*~\d+$/);
  });

  it('pages through everything by key: each activity once, none left out, in time order', async () => {
    const seen: ActivityView[] = [];
    let next: string | null = null;
    do {
      const { body }: { body: ActivityPage } = await get(`?limit=7${next ? `&before=${encodeURIComponent(next)}` : ''}`);
      seen.push(...body.items);
      next = body.next;
    } while (next !== null);
    expect(seen).toHaveLength(stored());
    expect(new Set(seen.map((a) => a.id)).size).toBe(seen.length);
    const keys = seen.map((a) => `${a.executedAt}~${String(a.id).padStart(9, '0')}`);
    expect(keys).toEqual([...keys].sort().reverse());
  });

  it('filters by type and by asset symbol, in any case', async () => {
    const buys = (await get('?type=buy&limit=200')).body.items;
    expect(buys.length).toBeGreaterThan(0);
    expect(buys.every((a) => a.type === 'buy')).toBe(true);
    // The Corporate bond fund bought on 2023-07-11: 0.001 shares at 821.80 CHF.
    const bond = (await get('?asset=ch0189956813&limit=200')).body.items;
    expect(bond.map((a) => [a.executedAt.slice(0, 10), a.type, a.change, a.price, a.quoteSymbol, a.quoteChange])).toContainEqual([
      '2023-07-11',
      'buy',
      '0.001',
      '821.8',
      'CHF',
      '-0.8218',
    ]);
    expect(bond.every((a) => a.assetId.toUpperCase().endsWith('CH0189956813'))).toBe(true);
  });

  it('a malformed cursor is a 400 that says what to pass; the list needs the token', async () => {
    const { status, body } = await get('?before=yesterday');
    expect(status).toBe(400);
    expect(JSON.stringify(body)).toContain('Pass the `next` value of the previous page.');
    const res = await t.request('/api/activities');
    expect(res.status).toBe(401);
  });
});
