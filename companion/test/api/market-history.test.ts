import type { Overview } from '@omnifolio/shared/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CoinGeckoSimulator, createCoinGeckoSimulator } from '../../src/simulators/coingecko/coingecko-simulator.js';
import { OpenFigiSimulator } from '../../src/simulators/openfigi/openfigi-simulator.js';
import { YahooSimulator } from '../../src/simulators/yahoo/yahoo-simulator.js';
import { coinGeckoData } from '../support/coingecko-data.js';
import { companionWithStatementFund, VT_FUND as FUND, VT_FIGI_LISTINGS, VT_ISIN, vtYahooListing } from '../support/statement-fund.js';
import type { TestCompanion } from '../support/test-companion.js';

const DAY = 86_400_000;
const todayMs = Math.floor(Date.now() / DAY) * DAY;
const day = (n: number) => new Date(todayMs - n * DAY).toISOString().slice(0, 10);
const at = (n: number, hour: number) => new Date(todayMs - n * DAY + hour * 3_600_000).toISOString();

/*
 * A statement account holding 10 units of a fund known only by its ISIN, deposited on D−4.
 * OpenFIGI lists it as VT on the US composite; Yahoo's daily closes (USD) are
 *   D−4 100, D−3 101.5, D−2 99.25, D−1 102, and today 103.1 (the listing trades in UTC here,
 * so today's bar exists whenever the test runs). CoinGecko's rates: 1 USD = 0.9 CHF.
 * Curve (USD), by hand: D−4 1000, D−3 1015, D−2 992.5, D−1 1020, today 1031.
 * D−2 in CHF: 992.5 × 0.9 = 893.25.
 */
describe('the equity curve values a statement fund at its market closes', () => {
  let coingecko: CoinGeckoSimulator;
  let yahoo: YahooSimulator;
  let figi: OpenFigiSimulator;
  let t: TestCompanion;
  let token: string;
  const call = async (path: string) => {
    const res = await t.request(path, { headers: { authorization: `Bearer ${token}` } });
    return (await res.json()) as { points: { at: string; value: string }[] };
  };

  beforeAll(async () => {
    coingecko = createCoinGeckoSimulator({
      rateLimitPerMinute: Number.POSITIVE_INFINITY,
      history: new Map([['bitcoin', [6, 5, 4, 3, 2, 1].map((n) => ({ atMs: todayMs - (n - 1) * DAY, usd: '40000' }))]]),
      data: coinGeckoData({ usd: '46000', chf: '41400' }, { bitcoin: { usd: '46000', chf: '41400' } }),
    });
    yahoo = new YahooSimulator();
    yahoo.setListing(
      'VT',
      vtYahooListing([
        { day: day(4), price: '100' },
        { day: day(3), price: '101.5' },
        { day: day(2), price: '99.25' },
        { day: day(1), price: '102' },
        { day: day(0), price: '103.1' },
      ]),
    );
    figi = new OpenFigiSimulator();
    figi.setListings(VT_ISIN, VT_FIGI_LISTINGS);
    ({ t, token } = await companionWithStatementFund(
      { coingecko: await coingecko.start(), yahoo: await yahoo.start(), openfigi: await figi.start() },
      at(4, 10),
    ));

    await t.core.refreshPrices();
    await t.deps.history.update();
  }, 30_000);
  afterAll(async () => {
    await t.close();
    await Promise.all([coingecko.stop(), yahoo.stop(), figi.stop()]);
  });

  it('values past days at their Yahoo closes and today at the current market price', async () => {
    const usd = await call('/api/history?range=ALL&currency=USD');
    expect(usd.points.map((p) => [p.at.slice(0, 10), p.value])).toEqual([
      [day(4), '1000'],
      [day(3), '1015'],
      [day(2), '992.5'],
      [day(1), '1020'],
      [day(0), '1031'],
    ]);
    const chf = await call('/api/history?range=ALL&currency=CHF');
    expect(chf.points[2]?.value).toBe('893.25');
    expect(figi.requests.entries).toHaveLength(1);
  });

  it('names Yahoo Finance as the fund’s price source, quoted at its last session', async () => {
    const res = await t.request('/api/overview', { headers: { authorization: `Bearer ${token}` } });
    const { holdings } = (await res.json()) as Overview;
    const fund = holdings.find((h) => h.assetId === FUND);
    expect(fund?.price).toMatchObject({ source: 'Yahoo Finance', stale: false });
    expect(fund?.price?.asOf.slice(0, 10)).toBe(day(0));
  });
});
