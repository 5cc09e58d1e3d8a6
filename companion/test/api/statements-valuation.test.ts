import type { DocumentView, Overview } from '@omnifolio/shared/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCompanion, type TestCompanion } from '../support/test-companion.js';

const HEADER = 'Date;Category;"Asset Name";ISIN;"Number of Shares";"Asset Currency";"Currency Rate";"Asset Price in CHF";"Cash Flow";Balance';
const report = (rows: string[]) => Buffer.from(`\uFEFF${[HEADER, ...rows].join('\n')}\n`).toString('base64');

/**
 * Holdings from a statement, valued at the statement's NAV when no market price exists:
 * a fund known only by ISIN, cash in CHF, and the CHF→USD rate from the FX cache.
 */
describe('statement holdings in the overview', () => {
  let t: TestCompanion;
  let token: string;
  const call = async <T>(path: string, init: { method?: string; body?: unknown } = {}) => {
    const res = await t.request(path, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
      ...(init.body ? { body: JSON.stringify(init.body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as T };
  };

  beforeAll(async () => {
    t = await createTestCompanion();
    token = await t.pair();
    const now = new Date().toISOString();
    // What CoinGecko's exchange rates would have cached: 1 CHF = 1.1 USD.
    const fx = t.core.storage.sqlite.prepare('INSERT INTO fx_rates (base, quote, source, at, rate, fetched_at) VALUES (?, ?, ?, ?, ?, ?)');
    fx.run('CHF', 'USD', 'coingecko:exchange_rates', now, '1.1', now);
    fx.run('CHF', 'CHF', 'coingecko:exchange_rates', now, '1', now);
  });
  afterAll(async () => t.close());

  it('values the fund at its last NAV and the cash at par', async () => {
    const upload = await call<DocumentView>('/api/documents', {
      method: 'POST',
      body: {
        filename: 'finpension-transactions.csv',
        mediaType: 'text/csv',
        contentBase64: report([
          '2024-01-15;Buy;"CSIF (CH) Equity Switzerland Large Cap Blue ZB";CH0033782431;0.250000;CHF;1.000000;1600.000000;-400.000000;99.600000',
          '2024-01-10;Deposit;;;;CHF;1.000000;;499.600000;499.600000',
        ]),
      },
    });
    expect(upload.status).toBe(201);
    expect(upload.body.summary).toMatchObject({ holdings: 2, statementDate: '2024-01-15' });

    const identifiers = t.core.storage.sqlite.prepare("SELECT scheme, value FROM asset_identifiers WHERE asset_id = 'isin:CH0033782431'").all();
    expect(identifiers).toEqual([{ scheme: 'isin', value: 'CH0033782431' }]);

    const overview = await call<{
      total: { usd: string; chf: string };
      connections: { providerId: string; kind: string; value: { usd: string; chf: string }; unpricedCount: number }[];
    }>('/api/overview');
    const finpension = overview.body.connections.find((c) => c.providerId === 'finpension')!;
    // 99.6 CHF cash + 0.25 × 1600 CHF NAV = 499.6 CHF; × 1.1 = 549.56 USD.
    expect(finpension).toMatchObject({ kind: 'statement', unpricedCount: 0, value: { chf: '499.6', usd: '549.56' } });
    const fund = (await call<Overview>('/api/overview')).body.holdings.find((h) => h.assetId === 'isin:CH0033782431');
    expect(fund?.price).toMatchObject({ source: 'statement', stale: false });
    expect(fund?.price?.asOf.slice(0, 10)).toBe('2024-01-15');
  });

  it('does not roll holdings back when an older statement arrives later', async () => {
    const older = await call<DocumentView>('/api/documents', {
      method: 'POST',
      body: { filename: 'older.csv', mediaType: 'text/csv', contentBase64: report(['2023-06-01;Deposit;;;;CHF;1.000000;;10.000000;10.000000']) },
    });
    expect(older.body.status).toBe('parsed');
    const balances = t.core.storage.sqlite.prepare('SELECT asset_id AS assetId, total FROM balances ORDER BY asset_id').all();
    expect(balances).toEqual([
      { assetId: 'fiat:CHF', total: '99.6' },
      { assetId: 'isin:CH0033782431', total: '0.25' },
    ]);
  });
});
