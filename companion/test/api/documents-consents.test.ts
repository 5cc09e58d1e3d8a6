import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConsentView, DocumentView } from '@omnifolio/shared/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCompanion, type TestCompanion } from '../support/test-companion.js';

const fixture = (p: string) => readFileSync(join(import.meta.dirname, '../fixtures', p));

/**
 * The routes the extension's capture calls: documents in (base64 JSON), their status out,
 * reprocessing without duplicates, and consents with their audit trail.
 */
describe('documents and consents routes', () => {
  let t: TestCompanion;
  let token: string;
  const call = async <T = unknown>(path: string, init: { method?: string; body?: unknown } = {}) => {
    const res = await t.request(path, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
      ...(init.body ? { body: JSON.stringify(init.body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  };
  const upload = (filename: string, bytes: Buffer, extra: Record<string, unknown> = {}) =>
    call<DocumentView>('/api/documents', { method: 'POST', body: { filename, mediaType: 'text/csv', contentBase64: bytes.toString('base64'), ...extra } });
  const countActivities = () => (t.core.storage.sqlite.prepare('SELECT count(*) AS n FROM activities').get() as { n: number }).n;

  beforeAll(async () => {
    t = await createTestCompanion();
    token = await t.pair();
  });
  afterAll(async () => t.close());

  it('refuses documents without a token', async () => {
    const res = await t.request('/api/documents');
    expect(res.status).toBe(401);
  });

  let first: DocumentView;
  it('stores the original before parsing and answers 201 with what the parser produced', async () => {
    const bytes = fixture('finpension/finpension-3a-export.csv');
    const res = await upload('finpension-3a-export.csv', bytes, {
      source: 'extension',
      providerId: 'finpension',
      origin: 'https://app.finpension.ch/en/portfolio/transactions',
    });
    expect(res.status).toBe(201);
    first = res.body;
    const sha = createHash('sha256').update(bytes).digest('hex');
    expect(first).toMatchObject({
      sha256: sha,
      status: 'parsed',
      parserId: 'finpension',
      providerId: 'finpension',
      source: 'extension',
      duplicate: false,
      error: null,
    });
    // 26 data rows in the fixture, newest dated 2023-11-07.
    expect(first.summary).toEqual({ activities: 26, holdings: 1, statementDate: '2023-11-07', accounts: ['pillar-3a'] });
    const stored = join(t.dataDir, 'documents', sha.slice(0, 2), sha);
    expect(existsSync(stored)).toBe(true);
    expect(readFileSync(stored).equals(bytes)).toBe(true);
    expect(countActivities()).toBe(26);
  });

  it('files the records under a statement connection with a 3a account and the cash balance', async () => {
    const connections = (await call<{ id: string; kind: string; providerId: string }[]>('/api/connections')).body;
    const statement = connections.filter((c) => c.providerId === 'finpension');
    expect(statement).toHaveLength(1);
    const account = t.core.storage.sqlite.prepare("SELECT type, base_currency AS currency FROM accounts WHERE account_key = 'pillar-3a'").get();
    expect(account).toEqual({ type: 'pension_3a', currency: 'CHF' });
    const balances = t.core.storage.sqlite.prepare('SELECT asset_id AS assetId, total FROM balances').all();
    // The newest row's Balance column.
    expect(balances).toEqual([{ assetId: 'fiat:CHF', total: '200.988502' }]);
    const docIds = t.core.storage.sqlite.prepare('SELECT DISTINCT document_id AS d FROM activities').all();
    expect(docIds).toEqual([{ d: first.id }]);
  });

  it('answers 200 with duplicate: true for the same bytes, storing nothing new', async () => {
    const res = await upload('renamed.csv', fixture('finpension/finpension-3a-export.csv'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: first.id, duplicate: true, filename: 'finpension-3a-export.csv' });
    expect((await call<DocumentView[]>('/api/documents')).body).toHaveLength(1);
    expect(countActivities()).toBe(26);
  });

  it('reprocesses a document, replacing its records rather than adding to them', async () => {
    const res = await call<DocumentView>(`/api/documents/${first.id}/reprocess`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('parsed');
    expect(countActivities()).toBe(26);
  });

  it('keeps a file no parser recognizes, marked unrecognized with the reason, newest first in the list', async () => {
    const res = await upload('notes.csv', Buffer.from('hello,world\n1,2\n'));
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('unrecognized');
    expect(res.body.error?.message).toMatch(/No parser recognized notes\.csv/);
    const list = (await call<DocumentView[]>('/api/documents')).body;
    expect(list.map((d) => d.filename)).toEqual(['notes.csv', 'finpension-3a-export.csv']);
    expect(list[0]!.error?.hints.length).toBeGreaterThan(0);
    expect((await call<DocumentView>(`/api/documents/${res.body.id}`)).body.status).toBe('unrecognized');
  });

  it('marks a truncated report failed, naming the row or line, and keeps it', async () => {
    const text = fixture('finpension/finpension-3a-export.csv').toString('utf8');
    // Cut after "ISIN;" of row 5: date, category, name, ISIN and an empty fifth cell.
    const cutAtField = await upload('finpension-cut.csv', Buffer.from(text.slice(0, text.indexOf('-0.002000;CHF'))), { providerId: 'finpension' });
    expect(cutAtField.status).toBe(201);
    expect(cutAtField.body.status).toBe('failed');
    expect(cutAtField.body.error).toMatchObject({ location: 'row 5' });
    expect(cutAtField.body.error?.message).toMatch(/row 5: the row has 5 of 10 columns; the file looks cut off/);
    // Cut inside a quoted fund name on line 5: the quote never closes.
    const cutInQuote = await upload('finpension-cut2.csv', Buffer.from(text.slice(0, text.indexOf('2023-07-11;Sell') + 20)), { providerId: 'finpension' });
    expect(cutInQuote.body.status).toBe('failed');
    expect(cutInQuote.body.error).toMatchObject({ location: 'line 5' });
    expect(cutInQuote.body.error?.message).toMatch(/not valid CSV/);
  });

  it('answers 404 for an unknown document and 400 for bad base64', async () => {
    expect((await call('/api/documents/nope')).status).toBe(404);
    const res = await call<{ code: string; message: string }>('/api/documents', {
      method: 'POST',
      body: { filename: 'x.csv', mediaType: 'text/csv', contentBase64: 'not base64!' },
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/base64/);
  });

  it('records, lists and revokes consents with an audit trail', async () => {
    const textSha256 = createHash('sha256').update('Omnifolio will read your SwissBorg statements.').digest('hex');
    const created = await call<ConsentView>('/api/consents', { method: 'POST', body: { providerId: 'swissborg', textSha256 } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ providerId: 'swissborg', textSha256, revokedAt: null });
    const again = await call<ConsentView>('/api/consents', { method: 'POST', body: { providerId: 'swissborg', textSha256 } });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(created.body.id);
    expect((await call<ConsentView[]>('/api/consents?providerId=swissborg')).body).toHaveLength(1);
    expect((await call<ConsentView[]>('/api/consents?providerId=frankly')).body).toEqual([]);
    const revoked = await call<ConsentView>(`/api/consents/${created.body.id}`, { method: 'DELETE' });
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    const events = t.core.storage.sqlite.prepare("SELECT event, subject FROM audit_log WHERE event LIKE 'consent.%' ORDER BY id").all();
    expect(events).toEqual([
      { event: 'consent.granted', subject: 'swissborg' },
      { event: 'consent.revoked', subject: 'swissborg' },
    ]);
    const bad = await call('/api/consents', { method: 'POST', body: { providerId: 'swissborg', textSha256: 'abc' } });
    expect(bad.status).toBe(400);
    expect((await call('/api/consents/unknown', { method: 'DELETE' })).status).toBe(404);
  });

  it('saves a CSV template and parses files of its layout with it', async () => {
    const created = await call<{ id: string; providerId: string }>('/api/csv-templates', {
      method: 'POST',
      body: {
        name: 'Savings account',
        mapping: { delimiter: ';', columns: { date: 'Datum', quantity: 'Betrag' }, dateFormat: 'DD.MM.YYYY', accountType: 'bank', currency: 'CHF' },
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.providerId).toBe(`csv-template:${created.body.id}`);
    expect((await call<unknown[]>('/api/csv-templates')).body).toHaveLength(1);
    const res = await upload('sparkonto.csv', Buffer.from('Datum;Text;Betrag\n31.01.2024;Zins;12.40\n'));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'parsed', parserId: created.body.providerId, summary: { activities: 1, accounts: ['main'] } });
    const bad = await call('/api/csv-templates', { method: 'POST', body: { name: 'x', mapping: { columns: { date: 'D' } } } });
    expect(bad.status).toBe(400);
  });

  it('refuses a file over 25 MiB with 413, storing nothing, and keeps serving', async () => {
    const before = (await call<DocumentView[]>('/api/documents')).body.length;
    const res = await call<{ code: string; message: string }>('/api/documents', {
      method: 'POST',
      body: { filename: 'huge.pdf', mediaType: 'application/pdf', contentBase64: Buffer.alloc(25 * 1024 * 1024 + 1, 0x41).toString('base64') },
    });
    expect(res.status).toBe(413);
    expect(res.body.message).toMatch(/huge\.pdf is 25\.0 MiB; statements up to 25 MiB are accepted/);
    expect((await call<DocumentView[]>('/api/documents')).body).toHaveLength(before);
  });
});
