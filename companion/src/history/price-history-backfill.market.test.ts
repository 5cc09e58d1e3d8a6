import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger.js';
import { createMarketListings } from '../pricing/market-listings.js';
import { createMarketPriceSource } from '../pricing/market-price-source.js';
import { createOpenFigiClient } from '../pricing/providers/openfigi/openfigi-client.js';
import { createYahooClient } from '../pricing/providers/yahoo/yahoo-client.js';
import { OpenFigiSimulator } from '../simulators/openfigi/openfigi-simulator.js';
import { NESTLE_ISIN, NESTLE_LISTINGS } from '../simulators/openfigi/openfigi-test-listings.js';
import { YahooSimulator } from '../simulators/yahoo/yahoo-simulator.js';
import { NESN_SW } from '../simulators/yahoo/yahoo-test-listings.js';
import { openStorage, type Storage } from '../storage/database.js';
import { createAssetsRepository } from '../storage/repositories/assets-repository.js';
import { createDailyPriceStore } from './daily-price-store.js';
import { backfillPriceHistory, type ReferenceRateHistory } from './price-history-backfill.js';

const NESTLE = `isin:${NESTLE_ISIN}`;
const log = createLogger({ level: 'silent' });

/*
 * A Nestlé holding known only by its ISIN (a statement's), in CHF. OpenFIGI lists it on SIX
 * (NESN.SW); Yahoo's closes from Mon 27 May to Mon 3 June 2024 are in yahoo-test-listings.ts.
 * Reference rates (stand-in for the ECB's): 1 CHF = 1.0917 USD every working day but Wed 29
 * May, when it is 1.1. So the USD closes are, by hand:
 *   Tue 28 May 91.8 × 1.0917 = 100.21806;  Wed 29 May 90.62 × 1.1 = 99.682;
 *   Mon 3 Jun  90.5 × 1.0917 = 98.79885.
 */
const chfRate = (day: string) => (day === '2024-05-29' ? '1.1' : '1.0917');
const weekdays = [
  '2024-05-20',
  '2024-05-21',
  '2024-05-22',
  '2024-05-23',
  '2024-05-24',
  '2024-05-27',
  '2024-05-28',
  '2024-05-29',
  '2024-05-30',
  '2024-05-31',
  '2024-06-03',
];
const referenceRates: ReferenceRateHistory = {
  status: () => ({ day: '2024-06-03', stale: false }),
  dailyDualRates: (code: string, fromDay: string, toDay: string) =>
    new Map(
      weekdays
        .filter((d) => d >= fromDay && d <= toDay)
        .map((d) => [d, code === 'CHF' ? { usd: chfRate(d), chf: '1' } : code === 'USD' ? { usd: '1', chf: '0.91' } : { usd: '0', chf: '0' }]),
    ),
};

describe('price history backfill: a fund valued at its market closes', () => {
  let t: number;
  let yahoo: YahooSimulator;
  let figi: OpenFigiSimulator;
  let storage: Storage;

  beforeEach(async () => {
    t = Date.parse('2024-06-04T06:00:00Z');
    yahoo = new YahooSimulator({ clock: { now: () => t } });
    yahoo.setListing('NESN.SW', NESN_SW);
    figi = new OpenFigiSimulator({ clock: { now: () => t } });
    figi.setListings(NESTLE_ISIN, NESTLE_LISTINGS);
    await Promise.all([yahoo.start(), figi.start()]);
    storage = openStorage(':memory:');
    createAssetsRepository(storage.db).ensure({ id: NESTLE, symbol: NESTLE_ISIN, name: 'Nestlé', assetClass: 'fund', identifiers: [] });
    storage.sqlite
      .prepare("INSERT INTO prices (asset_id, quote, source, at, price, fetched_at) VALUES (?, 'chf', 'statement', '2024-05-31', '88', '2024-06-01')")
      .run(NESTLE);
  });
  afterEach(async () => {
    storage.close();
    await Promise.all([yahoo.stop(), figi.stop()]);
  });

  const source = () => ({
    marketChartRange: () => Promise.reject(new Error('no coin is held')),
    market: createMarketPriceSource({
      providers: [createYahooClient({ baseUrl: yahoo.baseUrl, minIntervalMs: 0, now: () => t })],
      listings: createMarketListings({
        sqlite: storage.sqlite,
        openFigi: createOpenFigiClient({ baseUrl: figi.baseUrl, minIntervalMs: 0 }),
        now: () => new Date(t),
      }),
    }),
  });

  it("stores each trading day's close in CHF and in USD at that day's rate", async () => {
    const store = createDailyPriceStore(storage.sqlite, 'coingecko:daily');
    const result = await backfillPriceHistory(store, source(), [NESTLE], '2024-05-27', '2024-06-04', log, () => new Date(t), referenceRates);
    expect(result).toEqual({ fetched: [NESTLE], failed: [], limited: [] });
    const closes = store.load(NESTLE);
    expect([...closes.keys()]).toEqual(['2024-05-27', '2024-05-28', '2024-05-29', '2024-05-30', '2024-05-31', '2024-06-03']);
    expect(closes.get('2024-05-28')).toEqual({ chf: '91.8', usd: '100.21806' });
    expect(closes.get('2024-05-29')).toEqual({ chf: '90.62', usd: '99.682' });
    expect(closes.get('2024-06-03')).toEqual({ chf: '90.5', usd: '98.79885' });
  });

  it('asks only for the days not stored yet', async () => {
    const store = createDailyPriceStore(storage.sqlite, 'coingecko:daily');
    await backfillPriceHistory(store, source(), [NESTLE], '2024-05-29', '2024-06-04', log, () => new Date(t), referenceRates);
    await backfillPriceHistory(store, source(), [NESTLE], '2024-05-27', '2024-06-04', log, () => new Date(t), referenceRates);
    const requests = yahoo.requests.to('/v8/finance/chart/NESN.SW');
    expect(requests).toHaveLength(2);
    const second = new URLSearchParams(requests[1]?.rawQuery);
    // The second asks only for 27–28 May (period1 a day early, period2 two days late for time zones).
    expect(Number(second.get('period2'))).toBe(Date.parse('2024-05-30T00:00:00Z') / 1000);
    expect([...store.load(NESTLE).keys()][0]).toBe('2024-05-27');
    expect(figi.requests.entries).toHaveLength(1);
  });

  it('asks a listing that stays behind (no close since 3 June) once a day, not at every update', async () => {
    const store = createDailyPriceStore(storage.sqlite, 'coingecko:daily');
    const asked = new Map<string, string>();
    const update = () => backfillPriceHistory(store, source(), [NESTLE], '2024-05-27', '2024-06-12', log, () => new Date(t), referenceRates, asked);
    const requests = () => yahoo.requests.to('/v8/finance/chart/NESN.SW').length;
    await update();
    expect(requests()).toBe(1);
    // Yahoo has nothing after 3 June: ten days later the listing is still behind. Asked once…
    await update();
    expect(requests()).toBe(2);
    expect(asked.get(NESTLE)).toBe('2024-06-11');
    // …and not again at the next updates of the same day.
    await update();
    await update();
    expect(requests()).toBe(2);
    // The next day, once more.
    await backfillPriceHistory(store, source(), [NESTLE], '2024-05-27', '2024-06-13', log, () => new Date(t), referenceRates, asked);
    expect(requests()).toBe(3);
  });

  it("asks again for the week before each new day's close, and stores only the close Yahoo corrected", async () => {
    const store = createDailyPriceStore(storage.sqlite, 'coingecko:daily');
    await backfillPriceHistory(store, source(), [NESTLE], '2024-05-27', '2024-06-04', log, () => new Date(t), referenceRates);
    const before = store.revision();
    // Overnight Yahoo corrects Friday 31 May (89.84 → 90.04) and publishes Tuesday 4 June.
    yahoo.setListing('NESN.SW', {
      ...NESN_SW,
      closes: [...NESN_SW.closes.map((c) => (c.day === '2024-05-31' ? { ...c, price: '90.04' } : c)), { day: '2024-06-04', price: '91' }],
    });
    t = Date.parse('2024-06-05T06:00:00Z');
    await backfillPriceHistory(store, source(), [NESTLE], '2024-05-27', '2024-06-05', log, () => new Date(t), referenceRates);

    const requests = yahoo.requests.to('/v8/finance/chart/NESN.SW');
    expect(requests).toHaveLength(2);
    // One request from 29 May, a week before 4 June (period1 a day early for time zones).
    expect(Number(new URLSearchParams(requests[1]?.rawQuery).get('period1'))).toBe(Date.parse('2024-05-28T00:00:00Z') / 1000);
    const closes = store.load(NESTLE);
    // By hand: 90.04 × 1.0917 = 98.296668; 91 × 1.0917 (3 June's rate, the last) = 99.3447.
    expect(closes.get('2024-05-31')).toEqual({ chf: '90.04', usd: '98.296668' });
    expect(closes.get('2024-06-04')).toEqual({ chf: '91', usd: '99.3447' });
    expect(closes.get('2024-05-30')).toEqual({ chf: '90.12', usd: '98.384004' });
    // The closes asked again at the same price were not written: the change starts on 31 May.
    expect(store.changesSince(before)).toEqual({ earliestDay: '2024-05-31' });
  });
});
