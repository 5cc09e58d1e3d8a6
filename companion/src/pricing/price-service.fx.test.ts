import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger.js';
import { type CoinGeckoSimulator, createCoinGeckoSimulator } from '../simulators/coingecko/coingecko-simulator.js';
import { loadDemoPrices } from '../simulators/coingecko/demo-prices.js';
import { EcbSimulator } from '../simulators/ecb/ecb-simulator.js';
import { openStorage, type Storage } from '../storage/database.js';
import { createFxRatesRepository } from '../storage/repositories/fx-rates-repository.js';
import { createPricesRepository } from '../storage/repositories/prices-repository.js';
import { createPriceService } from './price-service.js';
import { createCoinGeckoClient } from './providers/coingecko/coingecko-client.js';
import { createEcbClient } from './providers/ecb/ecb-client.js';
import { createEcbFxHistory } from './providers/ecb/ecb-fx-history.js';

/*
 * The ECB first, CoinGecko as the intraday fallback. The ECB simulator publishes the real rates
 * of 28 June 2024 (1 EUR = 1.0705 USD = 0.9634 CHF) on every working day since; CoinGecko's
 * simulator has its demo exchange rates (demo-prices.json: 67187.3358 USD, 60381.2587 CHF per BTC)
 * plus the Argentine peso, which the ECB does not publish: 67187335.8 ARS per BTC, so 1 ARS = 0.001 USD.
 */
describe('price service: fiat from the ECB, CoinGecko as fallback', () => {
  let ecb: EcbSimulator;
  let coingecko: CoinGeckoSimulator;
  let storage: Storage;
  let nowMs: number;
  const log = createLogger({ level: 'silent' });
  const make = () =>
    createPriceService({
      prices: createPricesRepository(storage.db),
      fxRates: createFxRatesRepository(storage.db),
      source: createCoinGeckoClient({ plan: 'public', baseUrl: coingecko.baseUrl }),
      sourceName: 'coingecko',
      referenceRates: createEcbFxHistory({
        sqlite: storage.sqlite,
        client: createEcbClient({ baseUrl: ecb.apiUrl }),
        source: 'ecb',
        clock: () => new Date(nowMs),
        log,
      }),
      ttlMs: 5 * 60_000,
      clock: () => new Date(nowMs),
      log,
    });
  const exchangeRateCalls = () => coingecko.requests.filter((r) => r.path.endsWith('/exchange_rates')).length;

  beforeEach(async () => {
    // Friday 20 November 2026, 19:00 CET: that day's rates are out.
    nowMs = Date.parse('2026-11-20T18:00:00Z');
    ecb = new EcbSimulator({ clock: { now: () => nowMs } });
    await ecb.start();
    const data = loadDemoPrices();
    data.exchangeRates.ars = { name: 'Argentine Peso', unit: '$', value: '67187335.8', type: 'fiat' };
    coingecko = createCoinGeckoSimulator({ rateLimitPerMinute: Number.POSITIVE_INFINITY, data });
    await coingecko.start();
    storage = openStorage(':memory:');
  });
  afterEach(async () => {
    storage.close();
    await ecb.stop();
    await coingecko.stop();
  });

  it('values ECB currencies at the reference rates with their day, and asks CoinGecko nothing for them', async () => {
    const pricing = make();
    expect(await pricing.refresh(['fiat:USD', 'fiat:EUR', 'fiat:CHF'])).toEqual({ ok: true });
    const current = pricing.current(['fiat:USD', 'fiat:EUR', 'fiat:CHF']);
    const fx = { source: 'ECB', asOf: '2026-11-20', stale: false };
    // EUR: the published rates themselves. USD in CHF: 0.9634 / 1.0705 (…4581|971… rounds up). CHF in USD: 1.0705 / 0.9634 (…7182|893… rounds up).
    expect(current.get('fiat:EUR')).toMatchObject({ usd: '1.0705', chf: '0.9634', stale: false, fx });
    expect(current.get('fiat:USD')).toMatchObject({ usd: '1', chf: '0.8999532928538066324147594582', fx });
    expect(current.get('fiat:CHF')).toMatchObject({ usd: '1.111168777247249325306207183', chf: '1', fx });
    expect(exchangeRateCalls()).toBe(0);
  });

  it('values a currency the ECB does not publish at CoinGecko’s intraday rate', async () => {
    const pricing = make();
    await pricing.refresh(['fiat:ARS', 'fiat:EUR']);
    expect(exchangeRateCalls()).toBe(1);
    const ars = pricing.current(['fiat:ARS']).get('fiat:ARS');
    expect(ars).toMatchObject({ usd: '0.001', fx: { source: 'CoinGecko', asOf: '2026-11-20T18:00:00.000Z', stale: false } });
    expect(pricing.current(['fiat:EUR']).get('fiat:EUR')?.fx?.source).toBe('ECB');
  });

  it('falls back to CoinGecko while the ECB’s rates are stale, and back to the ECB once it publishes again', async () => {
    const pricing = make();
    await pricing.refresh(['fiat:EUR']);
    // Monday evening: Monday's rates are overdue and the ECB answers 503.
    nowMs = Date.parse('2026-11-23T18:00:00Z');
    ecb.faults.push({ kind: 'status', status: 503 });
    expect(await pricing.refresh(['fiat:EUR'])).toEqual({ ok: true });
    const during = pricing.current(['fiat:EUR']).get('fiat:EUR');
    expect(during?.fx).toEqual({ source: 'CoinGecko', asOf: '2026-11-23T18:00:00.000Z', stale: false });
    // CoinGecko's EUR: 67187.3358 / 61933.2861 USD per EUR (BTC-relative, demo-prices.json)
    // = 1.084834021103233532444518554|296… to 28 significant digits (2 < 5: the digits stay).
    expect(during?.usd).toBe('1.084834021103233532444518554');
    // Later that evening the ECB answers again (the budget allows a try every 15 minutes).
    nowMs = Date.parse('2026-11-23T18:20:00Z');
    await pricing.refresh(['fiat:EUR']);
    expect(pricing.current(['fiat:EUR']).get('fiat:EUR')).toMatchObject({ usd: '1.0705', fx: { source: 'ECB', asOf: '2026-11-23', stale: false } });
  });

  it('keeps the last ECB rates, marked stale with their day, when neither source can be reached', async () => {
    const pricing = make();
    await pricing.refresh(['fiat:EUR']);
    nowMs = Date.parse('2026-11-23T18:00:00Z');
    ecb.faults.push({ kind: 'status', status: 503, count: 3 });
    coingecko.injectFault({ kind: 'status', status: 503 }, 3);
    expect((await pricing.refresh(['fiat:EUR'])).ok).toBe(false);
    expect(pricing.current(['fiat:EUR']).get('fiat:EUR')).toMatchObject({ usd: '1.0705', stale: true, fx: { source: 'ECB', asOf: '2026-11-20', stale: true } });
  });
});
