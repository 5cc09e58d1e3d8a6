import type { FigiSimListing } from '../../src/simulators/openfigi/openfigi-simulator.js';
import type { YahooSimListing } from '../../src/simulators/yahoo/yahoo-simulator.js';
import { createAccountsRepository } from '../../src/storage/repositories/accounts-repository.js';
import { createAssetsRepository } from '../../src/storage/repositories/assets-repository.js';
import { createTestCompanion, type TestCompanion } from './test-companion.js';

/** A fund known to a pension statement only by its ISIN: Vanguard Total World. */
export const VT_ISIN = 'US9220427424';
export const VT_FUND = `isin:${VT_ISIN}`;

/** What OpenFIGI answers for the ISIN: VT on the US composite. */
export const VT_FIGI_LISTINGS: FigiSimListing[] = [
  {
    figi: 'BBG000GM5FZ6',
    name: 'VANGUARD TOT WORLD STK ETF',
    ticker: 'VT',
    exchCode: 'US',
    compositeFIGI: 'BBG000GM5FZ6',
    securityType: 'ETP',
    marketSector: 'Equity',
    securityType2: 'Mutual Fund',
    securityDescription: 'VT',
  },
];

/** VT on NYSE Arca as Yahoo lists it, trading in UTC here so that a test's days are the listing's. */
export function vtYahooListing(closes: YahooSimListing['closes']): YahooSimListing {
  return {
    currency: 'USD',
    exchangeName: 'PCX',
    fullExchangeName: 'NYSEArca',
    instrumentType: 'ETF',
    timezone: 'UTC',
    opensAt: '00:00',
    priceHint: 2,
    closes,
  };
}

/**
 * A paired companion in UTC whose Finpension 3a account holds 10 units of the fund, deposited
 * at `depositedAt`: the records a statement import would have stored.
 */
export async function companionWithStatementFund(providerUrls: Record<string, string>, depositedAt: string): Promise<{ t: TestCompanion; token: string }> {
  const t = await createTestCompanion({ providerUrls });
  const token = await t.pair();
  const settings = await t.request('/api/settings', {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ timeZone: 'UTC' }),
  });
  if (settings.status !== 200) throw new Error(`PUT /api/settings answered ${settings.status}`);

  const { db, sqlite } = t.core.storage;
  const connection = t.core.connectionsRepo.insert({ kind: 'statement', providerId: 'finpension', label: 'Pension', secretId: null });
  const account = createAccountsRepository(db)
    .ensure(connection.id, [{ key: '3a', type: 'pension_3a', name: '3a' }])
    .get('3a');
  createAssetsRepository(db).ensure({
    id: VT_FUND,
    symbol: VT_ISIN,
    name: 'Vanguard Total World',
    assetClass: 'fund',
    identifiers: [{ scheme: 'isin', value: VT_ISIN }],
  });
  sqlite
    .prepare("INSERT INTO balances (account_id, asset_id, free, locked, total, as_of) VALUES (?, ?, '10', '0', '10', ?)")
    .run(account, VT_FUND, new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000).toISOString());
  sqlite
    .prepare("INSERT INTO activities (account_id, provider_ref, type, executed_at, asset, quantity) VALUES (?, 'd1', 'deposit', ?, ?, '10')")
    .run(account, depositedAt, VT_FUND);
  return { t, token };
}
