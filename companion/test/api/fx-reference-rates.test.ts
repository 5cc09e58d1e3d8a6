import type { Overview } from '@omnifolio/shared/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTargetWorkingDay } from '../../src/pricing/providers/ecb/ecb-publication-calendar.js';
import { type CoinGeckoSimulator, createCoinGeckoSimulator } from '../../src/simulators/coingecko/coingecko-simulator.js';
import { EcbSimulator } from '../../src/simulators/ecb/ecb-simulator.js';
import { coinGeckoData } from '../support/coingecko-data.js';
import { daysAgoAt, seedFiatHoldings } from '../support/fiat-holdings.js';
import { createTestCompanion, type TestCompanion } from '../support/test-companion.js';

const at = daysAgoAt;

/*
 * Fiat through the ECB's reference rates, worked by hand. The simulated ECB publishes the real
 * rates of 28 June 2024 on every working day since (ecb-anchor-rates.json):
 *   1 EUR = 1.0705 USD = 0.9634 CHF.
 * Holdings: 1000 EUR, 500 USD, 1000 ARS (no ECB currency: CoinGecko's rates, 46 000 000 ARS,
 * 46 000 USD and 41 400 CHF per BTC, so 1 ARS = 0.001 USD = 0.0009 CHF).
 *   USD: 1000 × 1.0705 + 500 + 1000 × 0.001                              = 1571.5
 *   CHF: 1000 × 0.9634 + 500 × (0.9634 / 1.0705) + 1000 × 0.0009
 *        0.9634 / 1.0705 to 28 significant digits = 0.8999532928538066324147594582 (34 digits: …4581|971…)
 *        = 963.4 + 449.9766464269033162073797291 + 0.9                    = 1414.2766464269033162073797291
 */
describe('fiat at the ECB reference rates, and the FX date in the overview', () => {
  let ecb: EcbSimulator;
  let coingecko: CoinGeckoSimulator;
  let t: TestCompanion;
  let token: string;
  const overview = async () => (await (await t.request('/api/overview', { headers: { authorization: `Bearer ${token}` } })).json()) as Overview;

  beforeAll(async () => {
    ecb = new EcbSimulator();
    await ecb.start();
    coingecko = createCoinGeckoSimulator({
      rateLimitPerMinute: Number.POSITIVE_INFINITY,
      data: coinGeckoData(
        { usd: '46000', chf: '41400' },
        {},
        {
          eur: { name: 'Euro', unit: '€', value: '40000', type: 'fiat' },
          ars: { name: 'Argentine Peso', unit: '$', value: '46000000', type: 'fiat' },
        },
      ),
    });
    t = await createTestCompanion({ providerUrls: { coingecko: await coingecko.start(), ecb: ecb.apiUrl } });
    token = await t.pair();
    await t.request('/api/settings', {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ timeZone: 'UTC', riskFreeRate: '0.02' }),
    });
    seedFiatHoldings(t, { EUR: '1000', USD: '500', ARS: '1000' }, [{ ref: 'd1', daysAgo: 12, hour: 9, code: 'EUR', quantity: '1000' }]);
    await t.core.refreshPrices();
  });
  afterAll(async () => {
    await t?.close();
    await ecb?.stop();
    await coingecko?.stop();
  });

  it('values fiat at the ECB rates of the latest reference day and says which day', async () => {
    const o = await overview();
    expect(o.total).toEqual({ usd: '1571.5', chf: '1414.2766464269033162073797291' });
    expect(o.pricing.fx).toEqual({ source: 'ECB', asOf: ecb.latestDay(), stale: false });
    expect(o.unpriced).toEqual([]);
  });

  it('names each holding’s price source: the ECB’s reference day, or CoinGecko for a currency the ECB does not publish', async () => {
    const origins = Object.fromEntries((await overview()).holdings.map((h) => [h.symbol, h.price]));
    expect(origins.EUR).toMatchObject({ source: 'ECB', referenceDay: ecb.latestDay(), stale: false });
    expect(origins.USD).toMatchObject({ source: 'ECB', referenceDay: ecb.latestDay(), stale: false });
    expect(origins.ARS).toMatchObject({ source: 'CoinGecko', stale: false });
    expect(origins.ARS).not.toHaveProperty('referenceDay');
  });

  it('asks the ECB once (the full history, which holds the latest day) and CoinGecko only for ARS', async () => {
    expect(ecb.requests.entries.map((r) => r.path)).toEqual(['/stats/eurofxref/eurofxref-hist.xml']);
    expect(coingecko.requests.map((r) => r.path)).toEqual(['/api/v3/exchange_rates']);
    // A second refresh the same day: nothing new is due from the ECB.
    await t.core.refreshPrices();
    expect(ecb.requests.entries).toHaveLength(1);
  });

  it('values past days of the curve at that day’s reference rates, written for working days only', async () => {
    const fiatDays = t.core.storage.sqlite
      .prepare("SELECT DISTINCT at FROM prices WHERE asset_id = 'fiat:EUR' AND source = 'coingecko:daily' ORDER BY at")
      .all() as { at: string }[];
    expect(fiatDays.length).toBeGreaterThan(5);
    expect(fiatDays.every((d) => isTargetWorkingDay(d.at))).toBe(true);
    const history = (await (await t.request('/api/history?range=ALL&currency=USD', { headers: { authorization: `Bearer ${token}` } })).json()) as {
      points: { at: string; value: string }[];
    };
    // Ten days ago: the 1000 EUR deposited twelve days ago at 1.0705, and the 500 USD (no activity
    // moved them, so they were held all along) at 1; ARS has no reference-rate history, so on past
    // days it is unpriced, never zero: 1070.5 + 500 = 1570.5.
    const tenDaysAgo = history.points.find((p) => p.at.slice(0, 10) === at(10, 0).slice(0, 10));
    expect(tenDaysAgo?.value).toBe('1570.5');
  });

  // Last, as it ages the cached rates: CoinGecko down for longer than the price TTL.
  it('keeps the last known ARS rate through a CoinGecko outage, marked stale with its age, never zero', async () => {
    const anHourAgo = new Date(Date.now() - 3_600_000).toISOString();
    t.core.storage.sqlite.prepare("UPDATE fx_rates SET fetched_at = ?, at = ? WHERE source = 'coingecko:exchange_rates'").run(anHourAgo, anHourAgo);
    coingecko.injectFault({ kind: 'status', status: 503 }, 10);
    await t.core.refreshPrices();
    const o = await overview();
    const ars = o.holdings.find((h) => h.symbol === 'ARS');
    expect(ars?.price).toEqual({ source: 'CoinGecko', asOf: anHourAgo, stale: true });
    expect(ars?.value).toEqual({ usd: '1', chf: '0.9' });
    expect(o.total.usd).toBe('1571.5');
    expect(o.pricing.stale).toBe(true);
    // The ECB-priced holdings are still current.
    expect(o.holdings.find((h) => h.symbol === 'EUR')?.price?.stale).toBe(false);
  });
});
