import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CoinGeckoSimulator, createCoinGeckoSimulator } from '../../src/simulators/coingecko/coingecko-simulator.js';
import { OpenFigiSimulator } from '../../src/simulators/openfigi/openfigi-simulator.js';
import { YahooSimulator } from '../../src/simulators/yahoo/yahoo-simulator.js';
import { coinGeckoData } from '../support/coingecko-data.js';
import { companionWithStatementFund, VT_FIGI_LISTINGS, VT_ISIN, vtYahooListing } from '../support/statement-fund.js';
import type { TestCompanion } from '../support/test-companion.js';

const DAY = 86_400_000;
const todayMs = Math.floor(Date.now() / DAY) * DAY;
const day = (n: number) => new Date(todayMs - n * DAY).toISOString().slice(0, 10);
/** Closes by days ago. */
const closes = (list: [n: number, price: string][]) => list.map(([n, price]) => ({ day: day(n), price }));

/*
 * 10 units of a fund, deposited on D−10, listed as VT. Yahoo first has its closes only up to
 * D−6 (100, 101, 102, 103, 104 USD): the days after are valued at D−6's close, 1040. A later
 * update finds the rest (D−5 110, D−4 111, D−3 112, D−2 113, D−1 114) and must carry them to
 * the days they belong to, though no activity is new: by hand 1100, 1110, 1120, 1130, 1140.
 */
const PUBLISHED_FIRST: [number, string][] = [
  [10, '100'],
  [9, '101'],
  [8, '102'],
  [7, '103'],
  [6, '104'],
];
const PUBLISHED_LATE: [number, string][] = [
  [5, '110'],
  [4, '111'],
  [3, '112'],
  [2, '113'],
  [1, '114'],
];

describe('closes that arrive late reach the days they belong to', () => {
  let coingecko: CoinGeckoSimulator;
  let yahoo: YahooSimulator;
  let figi: OpenFigiSimulator;
  let t: TestCompanion;
  let token: string;
  /** The past days of the curve in USD, [day, value]. */
  const curve = async () => {
    const res = await t.request('/api/history?range=ALL&currency=USD', { headers: { authorization: `Bearer ${token}` } });
    const { points } = (await res.json()) as { points: { at: string; value: string }[] };
    return points.filter((p) => p.at.slice(0, 10) < day(0)).map((p) => [p.at.slice(0, 10), p.value]);
  };

  beforeAll(async () => {
    coingecko = createCoinGeckoSimulator({
      rateLimitPerMinute: Number.POSITIVE_INFINITY,
      history: new Map([['bitcoin', Array.from({ length: 12 }, (_, i) => ({ atMs: todayMs - (10 - i) * DAY, usd: '40000' }))]]),
      data: coinGeckoData({ usd: '46000', chf: '41400' }, { bitcoin: { usd: '46000', chf: '41400' } }),
    });
    yahoo = new YahooSimulator();
    yahoo.setListing('VT', vtYahooListing(closes(PUBLISHED_FIRST)));
    figi = new OpenFigiSimulator();
    figi.setListings(VT_ISIN, VT_FIGI_LISTINGS);
    ({ t, token } = await companionWithStatementFund(
      { coingecko: await coingecko.start(), yahoo: await yahoo.start(), openfigi: await figi.start() },
      new Date(todayMs - 10 * DAY + 10 * 3_600_000).toISOString(),
    ));
    // Prices, then the daily snapshots (refreshPrices brings them up to date).
    await t.core.refreshPrices();
  }, 30_000);
  afterAll(async () => {
    await t.close();
    await Promise.all([coingecko.stop(), yahoo.stop(), figi.stop()]);
  });

  it('recomputes from the first late close, without a new activity', async () => {
    const published = [
      [day(10), '1000'],
      [day(9), '1010'],
      [day(8), '1020'],
      [day(7), '1030'],
      [day(6), '1040'],
    ];
    expect(await curve()).toEqual([...published, [day(5), '1040'], [day(4), '1040'], [day(3), '1040'], [day(2), '1040'], [day(1), '1040']]);
    yahoo.setListing('VT', vtYahooListing(closes([...PUBLISHED_FIRST, ...PUBLISHED_LATE])));
    // The next update (the scheduler's next tick) asks again, as the stored closes are days behind.
    expect(await t.deps.history.update()).toMatchObject({ full: false, fromDay: day(5) });
    expect(await curve()).toEqual([...published, [day(5), '1100'], [day(4), '1110'], [day(3), '1120'], [day(2), '1130'], [day(1), '1140']]);
  });
});
