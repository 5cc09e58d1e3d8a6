import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentView } from '@omnifolio/shared/api';
import { dec } from '@omnifolio/shared/money';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPensionStatement } from '../../src/demo/demo-pension-statement.js';
import { createTestCompanion, type TestCompanion } from '../support/test-companion.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const ETF = 'CH0237935652';
const PENSION_FUND = 'CH0429081620';

interface OverviewBody {
  pricing: { asOf: string | null };
  connections: { label: string; kind: string; demo: boolean; unpricedCount: number }[];
  holdings: { symbol: string; quantity: string; sources: { label: string }[]; value: { chf: string } | null; price: { source: string; asOf: string } | null }[];
}

/**
 * The demo portfolio includes a Finpension 3a account: Finpension has no API, so the demo
 * uploads a transaction report (demo/demo-pension-statement.ts) into the documents pipeline,
 * as a user would. Its listed ETF is found by ISIN through the demo's OpenFIGI and priced by
 * its Yahoo listing; its pension funds are listed nowhere and stay at their statement NAV.
 * A user's own first statement replaces the demo, as their first own connection does.
 */
describe('the demo’s pension account, read from a statement', () => {
  let t: TestCompanion;
  let token: string;
  const call = async <T>(path: string, init: { method?: string; body?: string } = {}) => {
    const res = await t.request(path, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
    return { status: res.status, body: (await res.json()) as T };
  };

  beforeAll(async () => {
    t = await createTestCompanion();
    token = await t.pair();
    expect((await call('/api/demo', { method: 'POST' })).status).toBe(201);
    // The other demo connections' first syncs are not needed here: stopped, so they write nothing later.
    t.core.runner.abortAll();
    await t.core.runner.idle();
    await t.core.refreshPrices();
  }, 120_000);
  afterAll(() => t.close());

  it('uploads the report as a demo document, into a statement connection of its own', async () => {
    const documents = (await call<DocumentView[]>('/api/documents')).body;
    expect(documents).toHaveLength(1);
    expect(documents[0]).toMatchObject({ source: 'demo', providerId: 'finpension', status: 'parsed', summary: { accounts: ['pillar-3a'], holdings: 4 } });
    const row = t.core.connectionsRepo.list().find((c) => c.kind === 'statement');
    expect(row).toMatchObject({ label: 'Demo · Finpension transaction report', providerId: 'finpension', demo: true });
  });

  it('prices the ETF at its Yahoo close through OpenFIGI, the pension funds at their last NAV', async () => {
    const overview = (await call<OverviewBody>('/api/overview')).body;
    expect(overview.connections.find((c) => c.kind === 'statement')).toMatchObject({ demo: true, unpricedCount: 0 });
    const held = overview.holdings.filter((h) => h.sources.some((s) => s.label === 'Demo · Finpension transaction report'));
    const bySymbol = new Map(held.map((h) => [h.symbol, h]));
    expect([...bySymbol.keys()].sort()).toEqual(['CH0189956813', ETF, PENSION_FUND, 'CHF']);
    // The ETF at the newest close Yahoo serves (today's once SIX has opened, else the day before).
    const etf = bySymbol.get(ETF)!;
    expect(etf.price?.source).toBe('Yahoo Finance');
    const quoted = t.core.storage.sqlite
      .prepare("SELECT price FROM prices WHERE asset_id = ? AND source = 'yahoo-demo' AND quote = 'chf' ORDER BY at DESC LIMIT 1")
      .get(`isin:${ETF}`) as { price: string };
    const closes = demoPensionStatement(Date.now()).listings.get('CHSPI.SW')!.closes;
    expect(closes.slice(-3).map((c) => c.price)).toContain(quoted.price);
    expect(etf.value?.chf).toBe(dec(etf.quantity).mul(quoted.price).toFixed());
    // The pension fund at the price of its newest purchase in the report (newest row first).
    const report = readFileSync(join(t.dataDir, storedPathOfDemoDocument(t)), 'utf8');
    const lastBuy = report
      .split('\n')
      .find((line) => line.includes(`;${PENSION_FUND};`))!
      .split(';');
    const fund = bySymbol.get(PENSION_FUND)!;
    expect(fund.price).toMatchObject({ source: 'statement', asOf: `${lastBuy[0]}T00:00:00.000Z` });
    expect(fund.value?.chf).toBe(dec(fund.quantity).mul(lastBuy[7]!).toFixed());
    // The total's "Prices from CoinGecko, …" is dated by CoinGecko's own prices, not by the
    // fund's NAV of its last purchase.
    const coinGeckoTimes = overview.holdings.flatMap((h) => (h.price?.source === 'CoinGecko' ? [h.price.asOf] : [])).sort();
    expect(overview.pricing.asOf).toBe(coinGeckoTimes[0] ?? null);
    expect(overview.pricing.asOf).not.toBe(fund.price?.asOf);
  });

  it('is replaced by the user’s own first statement: demo connections, document, file and prices go', async () => {
    const demoDocumentPath = join(t.dataDir, storedPathOfDemoDocument(t));
    expect(existsSync(demoDocumentPath)).toBe(true);
    const uploaded = await call<DocumentView>('/api/documents', {
      method: 'POST',
      body: JSON.stringify({
        filename: 'finpension-3a-export.csv',
        mediaType: 'text/csv',
        contentBase64: readFileSync(join(FIXTURES, 'finpension', 'finpension-3a-export.csv')).toString('base64'),
        providerId: 'finpension',
      }),
    });
    expect(uploaded.body).toMatchObject({ status: 'parsed', source: 'upload' });

    expect(t.core.connectionsRepo.list().map((c) => [c.label, c.kind, c.demo])).toEqual([['Finpension transaction report', 'statement', false]]);
    expect((await call<DocumentView[]>('/api/documents')).body.map((d) => d.filename)).toEqual(['finpension-3a-export.csv']);
    expect(existsSync(demoDocumentPath)).toBe(false);
    const sqlite = t.core.storage.sqlite;
    expect(sqlite.prepare("SELECT count(*) AS n FROM prices WHERE source = 'statement-demo'").get()).toEqual({ n: 0 });
    // The user's statement states its own prices, under the real source.
    expect((sqlite.prepare("SELECT count(*) AS n FROM prices WHERE source = 'statement'").get() as { n: number }).n).toBeGreaterThan(0);
    // The user's account is not mixed with the demo's: only the fixture's activities remain.
    const accounts = sqlite.prepare('SELECT count(*) AS n FROM accounts').get() as { n: number };
    expect(accounts.n).toBe(1);
    expect(t.core.demo.active()).toBe(false);
  });
});

function storedPathOfDemoDocument(t: TestCompanion): string {
  const row = t.core.storage.sqlite.prepare("SELECT stored_path AS path FROM documents WHERE source = 'demo'").get() as { path: string } | undefined;
  if (!row) throw new Error('The demo document is not stored.');
  return row.path;
}
