import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TIINGO_SIMULATOR_KEY, TiingoSimulator } from './tiingo-simulator.js';

describe('Tiingo simulator', () => {
  // Monday 3 June 2024, 17:00 in New York: that day's bar is out.
  const t = Date.parse('2024-06-03T21:00:00Z');
  const auth = { authorization: `Token ${TIINGO_SIMULATOR_KEY}` };
  let sim: TiingoSimulator;
  beforeEach(async () => {
    sim = new TiingoSimulator({ clock: { now: () => t }, perHour: 3 });
    sim.setListing('AAPL', {
      closes: [
        { day: '2024-05-31', price: '192.25' },
        { day: '2024-06-03', price: '194.03', adjClose: '193.78' },
        { day: '2024-06-04', price: '194.35' },
      ],
    });
    await sim.start();
  });
  afterEach(() => sim.stop());

  it("answers Tiingo's bars with numbers written exactly, the latest closed session only without dates", async () => {
    const latest = await fetch(`${sim.baseUrl}/tiingo/daily/aapl/prices`, { headers: auth });
    expect(latest.status).toBe(200);
    const text = await latest.text();
    expect(text).toContain('"date":"2024-06-03T00:00:00.000Z","close":194.03,');
    expect(text).toContain('"adjClose":193.78,');
    expect(JSON.parse(text)).toHaveLength(1);

    const range = await fetch(`${sim.baseUrl}/tiingo/daily/aapl/prices?startDate=2024-05-01&endDate=2024-06-30`, { headers: auth });
    expect(((await range.json()) as { date: string; close: number }[]).map((bar) => [bar.date.slice(0, 10), bar.close])).toEqual([
      ['2024-05-31', 192.25],
      ['2024-06-03', 194.03],
    ]);
  });

  it('refuses a missing or wrong token and answers an unknown ticker with 404', async () => {
    const anonymous = await fetch(`${sim.baseUrl}/tiingo/daily/aapl/prices`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ detail: 'Invalid token.' });
    const wrong = await fetch(`${sim.baseUrl}/tiingo/daily/aapl/prices`, { headers: { authorization: 'Token nope' } });
    expect(wrong.status).toBe(401);
    const missing = await fetch(`${sim.baseUrl}/tiingo/daily/foo/prices`, { headers: auth });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ detail: "Error: Ticker 'FOO' not found" });
  });

  it('answers 429 once the hourly allowance is spent', async () => {
    for (let i = 0; i < 3; i++) expect((await fetch(`${sim.baseUrl}/tiingo/daily/aapl/prices`, { headers: auth })).status).toBe(200);
    const limited = await fetch(`${sim.baseUrl}/tiingo/daily/aapl/prices`, { headers: auth });
    expect(limited.status).toBe(429);
    expect(await limited.text()).toMatch(/^You have run over your hourly request allocation/);
  });
});
