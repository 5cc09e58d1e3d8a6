import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentView } from '@omnifolio/shared/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCompanion, type TestCompanion } from '../support/test-companion.js';

const FIXTURES = join(import.meta.dirname, '../fixtures');
const base64 = (dir: string, name: string) => readFileSync(join(FIXTURES, dir, name)).toString('base64');

/**
 * Tables captured from the providers' pages, through the same pipeline as statement files:
 * stored, parsed by the provider's page-table parser into the provider's statement
 * connection, and never counted twice with the statement file that has the same rows.
 */
describe('captured page tables in the documents pipeline', () => {
  let t: TestCompanion;
  let token: string;
  beforeEach(async () => {
    t = await createTestCompanion();
    token = await t.pair();
  });
  afterEach(async () => t.close());

  const upload = async (providerId: string, dir: string, name: string) => {
    const res = await t.request('/api/documents', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ filename: name, mediaType: 'text/csv', contentBase64: base64(dir, name), providerId, source: 'extension' }),
    });
    return (await res.json()) as DocumentView;
  };
  const activities = () =>
    t.core.storage.sqlite
      .prepare(
        `SELECT a.type, a.executed_at AS executedAt, a.asset, a.quantity, a.provider_ref AS providerRef FROM activities a
         JOIN accounts ac ON ac.id = a.account_id JOIN connections c ON c.id = ac.connection_id WHERE c.provider_id = ? ORDER BY a.executed_at, a.id`,
      )
      .all('finpension') as { type: string; executedAt: string; asset: string; quantity: string; providerRef: string }[];
  const EXPORT_ROWS =
    readFileSync(join(FIXTURES, 'finpension', 'finpension-3a-export.csv'), 'utf8')
      .trim()
      .split('\n').length - 1;

  it('files a page table under its provider’s statement connection, with the page-table parser named', async () => {
    const doc = await upload('frankly-zkb', 'page-tables', 'frankly-holdings.csv');
    expect(doc).toMatchObject({ status: 'parsed', providerId: 'frankly-zkb', parserId: 'frankly-page' });
    expect(doc.summary).toMatchObject({ activities: 0, holdings: 1, statementDate: '2026-11-22', accounts: ['frankly-3a'] });
    const connection = t.core.storage.sqlite.prepare("SELECT provider_id AS providerId, kind FROM connections WHERE kind = 'statement'").all();
    expect(connection).toEqual([{ providerId: 'frankly-zkb', kind: 'statement' }]);
    const balance = t.core.storage.sqlite.prepare('SELECT asset_id AS assetId, total, as_of AS asOf FROM balances').all();
    expect(balance).toEqual([{ assetId: 'isin:CH0512157782', total: '0.645', asOf: '2026-11-22T00:00:00.000Z' }]);
  });

  it('the export first, then the page: the page’s rounded rows are the export’s, and add nothing', async () => {
    await upload('finpension', 'finpension', 'finpension-3a-export.csv');
    const table = await upload('finpension', 'page-tables', 'finpension-transactions.csv');
    expect(table).toMatchObject({ status: 'parsed', parserId: 'finpension-page', summary: { activities: 3 } });
    const rows = activities();
    expect(rows).toHaveLength(EXPORT_ROWS);
    expect(rows.filter((r) => r.providerRef.startsWith('page:'))).toEqual([]);
    // The export's exact fee (1.324000), not the page's 1.32.
    expect(rows.find((r) => r.type === 'fee' && r.executedAt.startsWith('2023-10-07'))?.quantity).toBe('1.324');
  });

  it('the page first, then the export: the export’s exact records replace the page’s', async () => {
    await upload('finpension', 'page-tables', 'finpension-transactions.csv');
    expect(activities().map((r) => [r.type, r.quantity, r.providerRef.slice(0, 5)])).toEqual([
      ['buy', '0.001', 'page:'],
      ['fee', '1.32', 'page:'],
      ['interest', '0.45', 'page:'],
    ]);
    await upload('finpension', 'finpension', 'finpension-3a-export.csv');
    const rows = activities();
    expect(rows).toHaveLength(EXPORT_ROWS);
    expect(rows.filter((r) => r.providerRef.startsWith('page:'))).toEqual([]);

    // Reprocessing the page's table afterwards brings none of its copies back.
    const docs = (await (await t.request('/api/documents', { headers: { authorization: `Bearer ${token}` } })).json()) as DocumentView[];
    const page = docs.find((d) => d.parserId === 'finpension-page')!;
    await t.request(`/api/documents/${page.id}/reprocess`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(activities()).toHaveLength(EXPORT_ROWS);
  });

  it('keeps a table it cannot read, failed, with the table, row and column', async () => {
    const text = readFileSync(join(FIXTURES, 'page-tables', 'frankly-transactions.csv'), 'utf8').replace('−99.96', '−89.96');
    const res = await t.request('/api/documents', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        filename: 'frankly-transactions.csv',
        mediaType: 'text/csv',
        contentBase64: Buffer.from(text).toString('base64'),
        providerId: 'frankly-zkb',
      }),
    });
    const doc = (await res.json()) as DocumentView;
    expect(doc.status).toBe('failed');
    expect(doc.error).toMatchObject({ location: 'table "Transaktionen", row 1, column Betrag (CHF)' });
    expect(doc.error?.message).toContain('the amount -89.96 is not the units 0.645 × the price 154.9731');
  });
});
