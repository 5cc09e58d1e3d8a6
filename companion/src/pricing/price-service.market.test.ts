import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger.js';
import { brokerMarkPrices } from '../portfolio/broker-marks.js';
import { type CoinGeckoSimulator, createCoinGeckoSimulator } from '../simulators/coingecko/coingecko-simulator.js';
import { OpenFigiSimulator } from '../simulators/openfigi/openfigi-simulator.js';
import { NESTLE_ISIN, NESTLE_LISTINGS } from '../simulators/openfigi/openfigi-test-listings.js';
import { YahooSimulator } from '../simulators/yahoo/yahoo-simulator.js';
import { AAPL, NESN_SW } from '../simulators/yahoo/yahoo-test-listings.js';
import { openStorage, type Storage } from '../storage/database.js';
import { createAccountsRepository } from '../storage/repositories/accounts-repository.js';
import { createAssetsRepository } from '../storage/repositories/assets-repository.js';
import { createConnectionsRepository } from '../storage/repositories/connections-repository.js';
import { createFxRatesRepository } from '../storage/repositories/fx-rates-repository.js';
import { createPositionsRepository } from '../storage/repositories/positions-repository.js';
import { createPricesRepository } from '../storage/repositories/prices-repository.js';
import { createMarketListings } from './market-listings.js';
import { createMarketPriceSource } from './market-price-source.js';
import { createPriceService } from './price-service.js';
import { createCoinGeckoClient } from './providers/coingecko/coingecko-client.js';
import { createOpenFigiClient } from './providers/openfigi/openfigi-client.js';
import { createYahooClient } from './providers/yahoo/yahoo-client.js';

const NESTLE = `isin:${NESTLE_ISIN}`;

describe('price service: shares and funds through OpenFIGI and Yahoo Finance', () => {
  let coingecko: CoinGeckoSimulator;
  let yahoo: YahooSimulator;
  let figi: OpenFigiSimulator;
  let storage: Storage;
  let t: number;

  const make = () => {
    const listings = createMarketListings({
      sqlite: storage.sqlite,
      openFigi: createOpenFigiClient({ baseUrl: figi.baseUrl, minIntervalMs: 0, now: () => t }),
      now: () => new Date(t),
    });
    return createPriceService({
      prices: createPricesRepository(storage.db),
      fxRates: createFxRatesRepository(storage.db),
      source: createCoinGeckoClient({ plan: 'public', baseUrl: coingecko.baseUrl }),
      sourceName: 'coingecko',
      market: createMarketPriceSource({ providers: [createYahooClient({ baseUrl: yahoo.baseUrl, minIntervalMs: 0, now: () => t })], listings }),
      ttlMs: 60_000,
      clock: () => new Date(t),
      log: createLogger({ level: 'silent' }),
    });
  };

  beforeEach(async () => {
    // Monday 3 June 2024, 20:30 UTC: Zurich has closed, New York trades.
    t = Date.parse('2024-06-03T20:30:00Z');
    coingecko = createCoinGeckoSimulator({ rateLimitPerMinute: Number.POSITIVE_INFINITY });
    yahoo = new YahooSimulator({ clock: { now: () => t } });
    yahoo.setListing('NESN.SW', NESN_SW);
    yahoo.setListing('AAPL', AAPL);
    yahoo.setListing('SOL', { ...AAPL, closes: [{ day: '2024-06-03', price: '22.5' }] });
    figi = new OpenFigiSimulator({ clock: { now: () => t } });
    figi.setListings(NESTLE_ISIN, NESTLE_LISTINGS);
    await Promise.all([coingecko.start(), yahoo.start(), figi.start()]);
    storage = openStorage(':memory:');
    const assets = createAssetsRepository(storage.db);
    assets.ensure({ id: 'sym:AAPL', symbol: 'AAPL', name: 'Apple', assetClass: 'equity', identifiers: [] });
    assets.ensure({ id: NESTLE, symbol: NESTLE_ISIN, name: 'Nestlé', assetClass: 'equity', identifiers: [{ scheme: 'isin', value: NESTLE_ISIN }] });
    // An unresolved crypto symbol: SOL the coin is not the ticker SOL.
    assets.ensure({ id: 'sym:SOL', symbol: 'SOL', name: null, assetClass: 'crypto', identifiers: [] });
    // The statement priced the Nestlé holding in CHF, so the SIX listing values it.
    createPricesRepository(storage.db).upsert([
      { assetId: NESTLE, quote: 'chf', source: 'statement', at: '2024-05-31', price: '88', fetchedAt: '2024-06-01T08:00:00.000Z' },
    ]);
  });
  afterEach(async () => {
    storage.close();
    await Promise.all([coingecko.stop(), yahoo.stop(), figi.stop()]);
  });

  it("passes CoinGecko's history limit to the backfill as the client learns it", () => {
    const client = createCoinGeckoClient({ plan: 'public', baseUrl: coingecko.baseUrl });
    const learned = { marketChartRange: client.marketChartRange, historyDays: null as number | null };
    const pricing = createPriceService({
      prices: createPricesRepository(storage.db),
      fxRates: createFxRatesRepository(storage.db),
      source: client,
      historySource: learned,
      sourceName: 'coingecko',
      market: createMarketPriceSource({
        providers: [createYahooClient({ baseUrl: yahoo.baseUrl, minIntervalMs: 0, now: () => t })],
        listings: createMarketListings({ sqlite: storage.sqlite, openFigi: createOpenFigiClient({ baseUrl: figi.baseUrl }), now: () => new Date(t) }),
      }),
      log: createLogger({ level: 'silent' }),
    });
    // With shares configured the backfill's source is CoinGecko's and Yahoo's together: the limit is read through, not copied.
    expect(pricing.historySource?.market).toBeDefined();
    expect(pricing.historySource?.historyDays).toBeNull();
    learned.historyDays = 365;
    expect(pricing.historySource?.historyDays).toBe(365);
  });

  it('prices a US share and a Swiss holding known by ISIN, exactly, in USD and CHF', async () => {
    const pricing = make();
    expect(await pricing.refresh(['sym:AAPL', NESTLE, 'cg:solana', 'sym:SOL'])).toEqual({ ok: true });
    const current = pricing.current(['sym:AAPL', NESTLE, 'sym:SOL']);
    // 194.03 USD × 0.8987000002461773458205794789 CHF/USD (CoinGecko's BTC rates, to 28
    // digits), and 90.5 CHF × 1.112718370675502330990658862 USD/CHF: Python's decimal module.
    expect(current.get('sym:AAPL')).toMatchObject({ usd: '194.03', chf: '174.374761047765790409567036290967', stale: false, source: 'Yahoo Finance' });
    expect(current.get(NESTLE)).toMatchObject({ chf: '90.5', usd: '100.701012546132960954654627011', source: 'Yahoo Finance' });
    expect(current.has('sym:SOL')).toBe(false);
    expect(yahoo.requests.entries.map((r) => r.path).sort()).toEqual(['/v8/finance/chart/AAPL', '/v8/finance/chart/NESN.SW']);
    expect(coingecko.requests.some((r) => r.query.ids?.includes('AAPL'))).toBe(false);
  });

  it('asks OpenFIGI once per ISIN: the mapping is cached in SQLite', async () => {
    await make().refresh([NESTLE]);
    t += 61_000;
    // A new service over the same database: the cache is SQLite, not memory.
    await make().refresh([NESTLE]);
    expect(figi.requests.entries).toHaveLength(1);
    expect(yahoo.requests.to('/v8/finance/chart/NESN.SW')).toHaveLength(2);
  });

  it('shows the newer of market price and statement NAV', async () => {
    const pricing = make();
    await pricing.refresh([NESTLE]);
    expect(pricing.current([NESTLE]).get(NESTLE)?.source).toBe('Yahoo Finance');
    createPricesRepository(storage.db).upsert([
      { assetId: NESTLE, quote: 'chf', source: 'statement', at: '2024-06-04', price: '91', fetchedAt: '2024-06-04T08:00:00.000Z' },
    ]);
    expect(pricing.current([NESTLE]).get(NESTLE)).toMatchObject({ chf: '91', source: 'statement' });
  });

  it('keeps the last market price, marked stale with its time, through a Yahoo outage', async () => {
    const pricing = make();
    await pricing.refresh(['sym:AAPL']);
    t += 10 * 60_000;
    yahoo.faults.push({ kind: 'status', status: 503, count: 5 });
    const result = await pricing.refresh(['sym:AAPL']);
    expect(result.ok).toBe(false);
    expect(pricing.current(['sym:AAPL']).get('sym:AAPL')).toMatchObject({ usd: '194.03', stale: true, asOf: '2024-06-03T20:30:00.000Z' });
  });

  it('leaves a listing Yahoo does not know unpriced and stops asking for it', async () => {
    createAssetsRepository(storage.db).ensure({ id: 'sym:GONE', symbol: 'GONE', name: null, assetClass: 'equity', identifiers: [] });
    const pricing = make();
    await pricing.refresh(['sym:GONE']);
    t += 61_000;
    await pricing.refresh(['sym:GONE']);
    expect(pricing.current(['sym:GONE']).has('sym:GONE')).toBe(false);
    expect(yahoo.requests.to('/v8/finance/chart/GONE')).toHaveLength(1);
  });

  it("values a broker's share at the newer of its market price and the broker's mark", async () => {
    createAssetsRepository(storage.db).ensure({ id: 'sym:NESN', symbol: 'NESN', name: 'Nestlé', assetClass: 'equity', identifiers: [] });
    const connection = createConnectionsRepository(storage.db).insert({ kind: 'broker', providerId: 'ibkr-cpapi', label: 'IBKR', secretId: null });
    const accountId = createAccountsRepository(storage.db)
      .ensure(connection.id, [{ key: 'U123', type: 'brokerage', name: 'U123' }])
      .get('U123') as string;
    const markAt = (asOf: string) =>
      createPositionsRepository(storage.db).replaceForAccounts(
        [accountId],
        [
          {
            accountId,
            symbol: 'NESN',
            side: 'long',
            contracts: '15',
            sizeInBase: '15',
            entryPrice: '95.3',
            markPrice: '84.12',
            notional: null,
            unrealizedPnl: null,
            leverage: null,
            liquidationPrice: null,
            marginMode: null,
            margin: null,
            settleAsset: 'CHF',
            asOf,
          },
        ],
      );
    // Marked in CHF, so the SIX listing NESN.SW prices it; it closed at 15:30 UTC.
    markAt('2024-06-03T10:00:00.000Z');
    const pricing = make();
    await pricing.refresh(['sym:NESN']);
    const market = pricing.current(['sym:NESN']);
    expect(market.get('sym:NESN')).toMatchObject({ chf: '90.5', asOf: '2024-06-03T15:30:00.000Z', source: 'Yahoo Finance' });
    expect(brokerMarkPrices(storage, pricing, ['sym:NESN'], market).size).toBe(0);
    // A sync after the close brings a newer mark: it wins.
    markAt('2024-06-03T19:00:00.000Z');
    expect(brokerMarkPrices(storage, pricing, ['sym:NESN'], market).get('sym:NESN')).toMatchObject({ chf: '84.12', source: 'broker' });
  });
});
