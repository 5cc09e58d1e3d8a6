import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger.js';
import { createCoinGeckoClient } from '../pricing/providers/coingecko/coingecko-client.js';
import { createEcbClient } from '../pricing/providers/ecb/ecb-client.js';
import { createEcbFxHistory } from '../pricing/providers/ecb/ecb-fx-history.js';
import { type CoinGeckoSimulator, createCoinGeckoSimulator } from '../simulators/coingecko/coingecko-simulator.js';
import { EcbSimulator } from '../simulators/ecb/ecb-simulator.js';
import { openStorage, type Storage } from '../storage/database.js';
import { createDailyPriceStore } from './daily-price-store.js';
import { backfillPriceHistory } from './price-history-backfill.js';

const log = createLogger({ level: 'silent' });
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

/*
 * Tuesday 2 July 2024, evening. The simulated ECB publishes the real rates of Friday 28 June 2024
 * (1 EUR = 1.0705 USD = 0.9634 CHF) on that day and every working day after it, so
 * 1 USD = 0.9634 / 1.0705 CHF = 0.8999532928538066324147594582 (28 significant digits; 34: …4581|971…).
 * Bitcoin's USD closes: Fri 60000, Sat 61000.5, Sun 62000, Mon 63000. Each CHF close is
 * USD × that rate, exact (Python decimal, 80 digits):
 *   60000   → 53997.197571228397944885567492
 *   61000.5 → 54897.6008407286314806165343299291
 *   62000   → 55797.1041569360112097150864084
 *   63000   → 56697.0574497898178421298458666
 */
const ARBITRUM_USDC = '0xaf88d065e77c8cc2239327c5edb3a432268e5831';

/** CoinGecko's daily points for closes given by day: a day's close is stamped at the next midnight UTC. */
const points = (closes: [string, string][]) => closes.map(([day, usd]) => ({ atMs: Date.parse(`${day}T00:00:00Z`) + 86_400_000, usd }));

async function setup(options: { now?: string; bitcoin?: [string, string][] } = {}) {
  let nowMs = Date.parse(options.now ?? '2024-07-02T18:00:00Z');
  const ecb = new EcbSimulator({ clock: { now: () => nowMs } });
  await ecb.start();
  const closeAt = (day: string) => Date.parse(`${day}T00:00:00Z`) + 86_400_000;
  const coingecko: CoinGeckoSimulator = createCoinGeckoSimulator({
    rateLimitPerMinute: Number.POSITIVE_INFINITY,
    history: new Map([
      [
        'bitcoin',
        points(
          options.bitcoin ?? [
            ['2024-06-28', '60000'],
            ['2024-06-29', '61000.5'],
            ['2024-06-30', '62000'],
            ['2024-07-01', '63000'],
          ],
        ),
      ],
      [
        'usd-coin',
        [
          { atMs: closeAt('2024-06-28'), usd: '0.9999' },
          { atMs: closeAt('2024-06-29'), usd: '1.0001' },
          { atMs: closeAt('2024-06-30'), usd: '1' },
          { atMs: closeAt('2024-07-01'), usd: '0.9998' },
        ],
      ],
    ]),
    // Native USDC on Arbitrum One is the coin usd-coin, as CoinGecko lists it.
    contractCoins: { 'arbitrum-one': { [ARBITRUM_USDC]: 'usd-coin' } },
  });
  const storage: Storage = openStorage(':memory:');
  cleanups.push(
    () => ecb.stop(),
    () => coingecko.stop(),
    () => storage.close(),
  );
  const referenceRates = createEcbFxHistory({
    sqlite: storage.sqlite,
    client: createEcbClient({ baseUrl: ecb.apiUrl }),
    source: 'ecb',
    clock: () => new Date(nowMs),
    log,
  });
  await referenceRates.refresh(['EUR']);
  const store = createDailyPriceStore(storage.sqlite, 'coingecko:daily');
  const source = createCoinGeckoClient({ plan: 'public', baseUrl: await coingecko.start() });
  const setNow = (iso: string) => {
    nowMs = Date.parse(iso);
  };
  return { store, source, coingecko, referenceRates, now: () => new Date(nowMs), setNow };
}

describe('price history backfill with the ECB reference rates', () => {
  it("fetches only USD closes and converts each day to CHF at that day's ECB USD→CHF rate", async () => {
    const { store, source, coingecko, referenceRates, now } = await setup();
    const result = await backfillPriceHistory(store, source, ['cg:bitcoin'], '2024-06-28', '2024-07-02', log, now, referenceRates);
    expect(result).toEqual({ fetched: ['cg:bitcoin'], failed: [], limited: [] });
    expect(coingecko.requests.map((r) => r.query.vs_currency)).toEqual(['usd']);
    expect(Object.fromEntries(store.load('cg:bitcoin'))).toEqual({
      '2024-06-28': { usd: '60000', chf: '53997.197571228397944885567492' },
      '2024-06-29': { usd: '61000.5', chf: '54897.6008407286314806165343299291' },
      '2024-06-30': { usd: '62000', chf: '55797.1041569360112097150864084' },
      '2024-07-01': { usd: '63000', chf: '56697.0574497898178421298458666' },
    });
  });

  it('writes fiat closes on reference days only, replacing the bitcoin-implied series', async () => {
    const { store, source, coingecko, referenceRates, now } = await setup();
    // What the bitcoin-implied path wrote before: a close on every day, weekends included.
    store.write(
      ['2024-06-28', '2024-06-29', '2024-06-30', '2024-07-01'].flatMap((day) => [
        { assetId: 'fiat:EUR', quote: 'usd' as const, day, price: '1.08' },
        { assetId: 'fiat:EUR', quote: 'chf' as const, day, price: '0.97' },
      ]),
      now().toISOString(),
    );
    await backfillPriceHistory(store, source, ['fiat:EUR', 'fiat:USD'], '2024-06-29', '2024-07-02', log, now, referenceRates);
    // No request for fiat, and no bitcoin history fetched to imply it.
    expect(coingecko.requests).toEqual([]);
    // Saturday and Sunday are gone: the rebuild takes Friday's close for them.
    expect(Object.fromEntries(store.load('fiat:EUR'))).toEqual({
      '2024-06-28': { usd: '1.0705', chf: '0.9634' },
      '2024-07-01': { usd: '1.0705', chf: '0.9634' },
    });
    expect(store.load('fiat:USD').get('2024-07-01')).toEqual({ usd: '1', chf: '0.8999532928538066324147594582' });
  });

  it('gives a wallet’s token its closes by platform and contract, and leaves a contract CoinGecko does not list unpriced', async () => {
    const { store, source, coingecko, referenceRates, now } = await setup();
    const usdc = `evm:42161:${ARBITRUM_USDC}`;
    const unlisted = 'evm:1:0x00000000000000000000000000000000000000ba';
    const result = await backfillPriceHistory(store, source, [usdc, unlisted], '2024-06-28', '2024-07-02', log, now, referenceRates);
    expect(result.fetched).toEqual([usdc]);
    expect(result.failed.map((f) => f.assetId)).toEqual([unlisted]);
    // The chain's CoinGecko platform and the contract, in CoinGecko's path.
    expect(coingecko.requests.map((r) => r.path)).toEqual([
      `/api/v3/coins/arbitrum-one/contract/${ARBITRUM_USDC}/market_chart/range`,
      '/api/v3/coins/ethereum/contract/0x00000000000000000000000000000000000000ba/market_chart/range',
    ]);
    // Each CHF close is the USD close at that day's ECB rate (0.8999532928538066324147594582, above).
    expect(Object.fromEntries(store.load(usdc))).toEqual({
      '2024-06-28': { usd: '0.9999', chf: '0.89986329752452125175151798225418' },
      '2024-06-29': { usd: '1.0001', chf: '0.90004328818309201307800093414582' },
      '2024-06-30': { usd: '1', chf: '0.8999532928538066324147594582' },
      '2024-07-01': { usd: '0.9998', chf: '0.89977330219523587108827650630836' },
    });
    expect(store.load(unlisted).size).toBe(0);
  });

  it("asks again for the week before each new day's close, and stores only the close CoinGecko corrected", async () => {
    const bitcoin: [string, string][] = [
      ['2024-06-28', '60000'],
      ['2024-06-29', '61000.5'],
      ['2024-06-30', '62000'],
      ['2024-07-01', '63000'],
      ['2024-07-02', '63500'],
      ['2024-07-03', '63800'],
      ['2024-07-04', '64000'],
      ['2024-07-05', '64200'],
      ['2024-07-06', '64400'],
      ['2024-07-07', '64600'],
      ['2024-07-08', '64800'],
    ];
    const { store, source, coingecko, referenceRates, now, setNow } = await setup({ now: '2024-07-09T18:00:00Z', bitcoin });
    await backfillPriceHistory(store, source, ['cg:bitcoin'], '2024-06-28', '2024-07-09', log, now, referenceRates);
    const before = store.revision();
    // Overnight CoinGecko corrects 1 July (63000 → 63100) and 4 July (64000 → 64100), and has 9 July's close.
    const corrected = new Map<string, string>([
      ['2024-07-01', '63100'],
      ['2024-07-04', '64100'],
    ]);
    coingecko.setHistory('bitcoin', points([...bitcoin.map(([day, usd]): [string, string] => [day, corrected.get(day) ?? usd]), ['2024-07-09', '65000']]));
    setNow('2024-07-10T06:00:00Z');
    await backfillPriceHistory(store, source, ['cg:bitcoin'], '2024-06-28', '2024-07-10', log, now, referenceRates);

    // One request for the closes of 3 to 9 July (stamped at the midnights after them), daily points whatever the range.
    expect(coingecko.requests).toHaveLength(2);
    expect(coingecko.requests[1]?.query).toMatchObject({
      from: String(Date.parse('2024-07-04T00:00:00Z') / 1000),
      to: String(Date.parse('2024-07-10T00:00:00Z') / 1000),
      interval: 'daily',
    });
    const closes = store.load('cg:bitcoin');
    // CHF at the ECB's 0.8999532928538066324147594582 (above): 64100 → 57687.00607192900513778608127062,
    // 65000 → 58496.964035497431106959364783 (Python decimal).
    expect(closes.get('2024-07-04')).toEqual({ usd: '64100', chf: '57687.00607192900513778608127062' });
    expect(closes.get('2024-07-09')).toEqual({ usd: '65000', chf: '58496.964035497431106959364783' });
    expect(closes.get('2024-07-03')?.usd).toBe('63800');
    // 1 July is more than a week back: not asked again, its first close stays.
    expect(closes.get('2024-07-01')?.usd).toBe('63000');
    // The closes asked again at the same price were not written: the change starts on 4 July.
    expect(store.changesSince(before)).toEqual({ earliestDay: '2024-07-04' });
  });
});
