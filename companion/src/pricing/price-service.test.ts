import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger.js';
import { type CoinGeckoSimulator, createCoinGeckoSimulator } from '../simulators/coingecko/coingecko-simulator.js';
import { openStorage, type Storage } from '../storage/database.js';
import { createFxRatesRepository } from '../storage/repositories/fx-rates-repository.js';
import { createPricesRepository } from '../storage/repositories/prices-repository.js';
import { createPriceService } from './price-service.js';
import { createCoinGeckoClient } from './providers/coingecko/coingecko-client.js';

describe('price service against the CoinGecko simulator', () => {
  let sim: CoinGeckoSimulator;
  let storage: Storage;
  let now: Date;
  const make = () =>
    createPriceService({
      prices: createPricesRepository(storage.db),
      fxRates: createFxRatesRepository(storage.db),
      source: createCoinGeckoClient({ plan: 'public', baseUrl: sim.baseUrl }),
      sourceName: 'coingecko',
      ttlMs: 60_000,
      clock: () => now,
      log: createLogger({ level: 'silent' }),
    });

  beforeEach(async () => {
    sim = createCoinGeckoSimulator({ rateLimitPerMinute: Number.POSITIVE_INFINITY });
    await sim.start();
    storage = openStorage(':memory:');
    now = new Date('2024-06-03T12:00:00.000Z');
  });
  afterEach(async () => {
    storage.close();
    await sim.stop();
  });

  it('prices coins exactly in USD and CHF and leaves unknown ones unpriced', async () => {
    const pricing = make();
    expect(await pricing.refresh(['cg:bitcoin', 'cg:tether', 'cg:no-such-coin', 'sym:XYZ'])).toEqual({ ok: true });
    const current = pricing.current(['cg:bitcoin', 'cg:tether', 'cg:no-such-coin', 'sym:XYZ']);
    expect(current.get('cg:bitcoin')).toMatchObject({ usd: '67187.3358', chf: '60381.2587', stale: false });
    expect(current.get('cg:tether')).toMatchObject({ usd: '1.0003519427061634', chf: '0.899016290910029' });
    expect(current.has('cg:no-such-coin')).toBe(false);
    expect(current.has('sym:XYZ')).toBe(false);
  });

  it('prices fiat balances from BTC-relative exchange rates', async () => {
    const pricing = make();
    await pricing.refresh(['fiat:USD', 'fiat:EUR']);
    const current = pricing.current(['fiat:USD', 'fiat:EUR']);
    // USD in CHF = rates.chf / rates.usd = 60381.2587 / 67187.3358, to 28 significant
    // digits (worked independently with Python's decimal module, precision 28).
    expect(current.get('fiat:USD')?.usd).toBe('1');
    expect(current.get('fiat:USD')?.chf).toBe('0.8987000002461773458205794789');
    expect(current.get('fiat:EUR')?.usd).toMatch(/^1\.0\d+/);
  });

  it('serves from the cache inside the TTL and refetches after it', async () => {
    const pricing = make();
    await pricing.refresh(['cg:bitcoin']);
    const calls = () => sim.requests.filter((r) => r.path.endsWith('/simple/price')).length;
    expect(calls()).toBe(1);
    await pricing.refresh(['cg:bitcoin']);
    expect(calls()).toBe(1);
    now = new Date(now.getTime() + 61_000);
    sim.setPrice('bitcoin', 'usd', '70000.01');
    await pricing.refresh(['cg:bitcoin']);
    expect(calls()).toBe(2);
    expect(pricing.current(['cg:bitcoin']).get('cg:bitcoin')?.usd).toBe('70000.01');
  });

  it('keeps the last known price, marked stale, when the provider fails', async () => {
    const pricing = make();
    await pricing.refresh(['cg:bitcoin']);
    now = new Date(now.getTime() + 5 * 60_000);
    sim.injectFault({ kind: 'status', status: 503 }, 5);
    const result = await pricing.refresh(['cg:bitcoin', 'cg:ethereum']);
    expect(result.ok).toBe(false);
    const current = pricing.current(['cg:bitcoin', 'cg:ethereum']);
    expect(current.get('cg:bitcoin')).toMatchObject({ usd: '67187.3358', stale: true, asOf: '2024-06-03T12:00:00.000Z' });
    // Never priced before the outage: unpriced, not zero.
    expect(current.has('cg:ethereum')).toBe(false);
  });
});
