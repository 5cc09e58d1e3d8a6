import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { YahooSimulator } from './yahoo-simulator.js';
import { NESN_SW } from './yahoo-test-listings.js';

describe('Yahoo Finance simulator', () => {
  const t = Date.parse('2024-06-03T15:00:00Z');
  let sim: YahooSimulator;
  beforeEach(async () => {
    sim = new YahooSimulator({ clock: { now: () => t } });
    sim.setListing('NESN.SW', NESN_SW);
    await sim.start();
  });
  afterEach(() => sim.stop());

  it("answers Yahoo's chart shape with float32 prices and session-open timestamps", async () => {
    const response = await fetch(`${sim.baseUrl}/v8/finance/chart/NESN.SW?range=5d&interval=1d`);
    const text = await response.text();
    // 89.84 as the 32-bit float Yahoo stores; 90.5 is exact in binary.
    expect(text).toContain('89.83999633789062');
    const body = JSON.parse(text) as { chart: { result: [{ meta: Record<string, unknown>; timestamp: number[] }]; error: null } };
    expect(body.chart.error).toBeNull();
    expect(body.chart.result[0].meta).toMatchObject({ currency: 'CHF', exchangeTimezoneName: 'Europe/Zurich', priceHint: 2, regularMarketPrice: 90.5 });
    // 09:00 in Zurich on Monday 3 June 2024 (CEST, UTC+2) is 07:00 UTC.
    expect(body.chart.result[0].timestamp.at(-1)).toBe(Date.parse('2024-06-03T07:00:00Z') / 1000);
    expect(body.chart.result[0].timestamp).toHaveLength(5);
  });

  it("answers an unknown symbol with Yahoo's 404 body and a bad interval with 400", async () => {
    const missing = await fetch(`${sim.baseUrl}/v8/finance/chart/NOPE?range=5d&interval=1d`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ chart: { result: null, error: { code: 'Not Found', description: 'No data found, symbol may be delisted' } } });
    const bad = await fetch(`${sim.baseUrl}/v8/finance/chart/NESN.SW?range=5d&interval=2m`);
    expect(bad.status).toBe(400);
  });
});
