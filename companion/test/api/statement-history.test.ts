import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CoinGeckoSimulator, createCoinGeckoSimulator } from '../../src/simulators/coingecko/coingecko-simulator.js';
import { coinGeckoData } from '../support/coingecko-data.js';
import { createTestCompanion, type TestCompanion } from '../support/test-companion.js';

const DAY = 86_400_000;
const todayMs = Math.floor(Date.now() / DAY) * DAY;
const day = (n: number) => new Date(todayMs - n * DAY).toISOString().slice(0, 10);
const HEADER = 'Date;Category;"Asset Name";ISIN;"Number of Shares";"Asset Currency";"Currency Rate";"Asset Price in CHF";"Cash Flow";Balance';

/*
 * A Finpension 3a report: 499.6 CHF deposited on D−6, 0.25 units of a fund bought on D−3 for
 * 400 CHF. The report writes the fund by its ISIN; its holding is the asset `isin:CH0033782431`.
 * The fund has no market listing here, so its past days take the price of its purchase
 * (history/stated-price-history.ts). Walking back from today, D−6 … D−4 hold the cash alone:
 * 499.6 CHF and nothing unpriced. (When the purchase was read as another asset than the holding,
 * undoing it gave the cash back while the fund stayed: the fund counted twice before it was
 * bought.) From D−3 on: 99.6 CHF cash and 0.25 units at 1,600 CHF, the same 499.6 CHF.
 */
describe('the curve of a statement account walks back through its fund purchases', () => {
  let coingecko: CoinGeckoSimulator;
  let t: TestCompanion;
  let token: string;

  beforeAll(async () => {
    coingecko = createCoinGeckoSimulator({
      rateLimitPerMinute: Number.POSITIVE_INFINITY,
      history: new Map([['bitcoin', [9, 8, 7, 6, 5, 4, 3, 2, 1].map((n) => ({ atMs: todayMs - (n - 1) * DAY, usd: '40000' }))]]),
      data: coinGeckoData({ usd: '40000', chf: '36000' }, { bitcoin: { usd: '40000', chf: '36000' } }),
    });
    t = await createTestCompanion({ providerUrls: { coingecko: await coingecko.start() } });
    token = await t.pair();
    const request = (path: string, method: string, body: unknown) =>
      t.request(path, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await request('/api/settings', 'PUT', { timeZone: 'UTC' })).status).toBe(200);
    const rows = [
      `${day(3)};Buy;"CSIF (CH) Equity Switzerland Large Cap Blue ZB";CH0033782431;0.250000;CHF;1.000000;1600.000000;-400.000000;99.600000`,
      `${day(6)};Deposit;;;;CHF;1.000000;;499.600000;499.600000`,
    ];
    const upload = await request('/api/documents', 'POST', {
      filename: 'finpension-transactions.csv',
      mediaType: 'text/csv',
      contentBase64: Buffer.from(`\uFEFF${[HEADER, ...rows].join('\n')}\n`).toString('base64'),
    });
    expect(upload.status).toBe(201);
    await t.core.refreshPrices();
    await t.deps.history.update();
  }, 30_000);
  afterAll(async () => {
    await t.close();
    await coingecko.stop();
  });

  it('holds the cash alone before the purchase, and the fund at its purchase price from it on', () => {
    const rows = t.core.storage.sqlite
      .prepare(
        "SELECT substr(at, 1, 10) AS day, value_chf AS chf, unpriced_count AS unpriced FROM snapshots WHERE scope = 'total' AND kind = 'daily' ORDER BY at",
      )
      .all() as { day: string; chf: string; unpriced: string }[];
    const byDay = new Map(rows.map((r) => [r.day, r]));
    for (const n of [6, 5, 4]) expect(byDay.get(day(n)), day(n)).toEqual({ day: day(n), chf: '499.6', unpriced: '0' });
    // From the purchase: 99.6 CHF cash and the fund at the price it was bought at (no close exists).
    for (const n of [3, 2, 1]) expect(byDay.get(day(n)), day(n)).toEqual({ day: day(n), chf: '499.6', unpriced: '0' });
  });
});
