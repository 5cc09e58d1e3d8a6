import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../logging/logger.js';
import { EcbSimulator } from '../../../simulators/ecb/ecb-simulator.js';
import { openStorage, type Storage } from '../../../storage/database.js';
import { createEcbClient } from './ecb-client.js';
import { createEcbFxHistory } from './ecb-fx-history.js';

const log = createLogger({ level: 'silent' });
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

/** An ECB simulator and an FX history on a fresh SQLite database with the real migrations, sharing one movable clock. */
async function setup(at: string) {
  let nowMs = Date.parse(at);
  const sim = new EcbSimulator({ clock: { now: () => nowMs } });
  await sim.start();
  const storage: Storage = openStorage(':memory:');
  cleanups.push(
    () => sim.stop(),
    () => storage.close(),
  );
  const history = createEcbFxHistory({
    sqlite: storage.sqlite,
    client: createEcbClient({ baseUrl: sim.apiUrl }),
    source: 'ecb',
    clock: () => new Date(nowMs),
    log,
  });
  const documents = () => sim.requests.entries.map((r) => r.path.split('/').at(-1));
  const stored = (quote: string) =>
    storage.sqlite
      .prepare("SELECT count(*) AS n, min(at) AS first, max(at) AS last FROM fx_rates WHERE base = 'EUR' AND quote = ? AND source = 'ecb'")
      .get(quote) as {
      n: number;
      first: string | null;
      last: string | null;
    };
  return { sim, storage, history, documents, stored, setNow: (iso: string) => (nowMs = Date.parse(iso)) };
}

describe('ECB FX history', () => {
  it('backfills from 1999 on the first refresh, for the currencies held plus USD, CHF and GBP', async () => {
    const { history, documents, stored } = await setup('2026-11-23T18:00:00Z');
    const result = await history.refresh(['HKD', 'ARS']);
    expect(result.fetched).toBe('full');
    expect(documents()).toEqual(['eurofxref-hist.xml']);
    expect(stored('USD')).toMatchObject({ first: '1999-01-04', last: '2026-11-23' });
    expect(stored('GBP').first).toBe('1999-01-04');
    // HKD enters the simulated history at its first anchor (2015-02-12).
    expect(stored('HKD')).toMatchObject({ first: '2015-02-12', last: '2026-11-23' });
    // ARS is no ECB currency: nothing is stored, nothing asked.
    expect(stored('ARS').n).toBe(0);
    expect(stored('JPY').n).toBe(0);
    expect(history.publishes('ARS')).toBe(false);
  });

  it('asks again only for what is new: nothing the same day, the daily file the next working day, 90 days after a longer gap', async () => {
    const { history, documents, stored, setNow } = await setup('2026-11-20T18:00:00Z');
    await history.refresh([]);
    const afterFirst = stored('USD').n;
    // Same evening, and over the weekend: no publication is due, so no request.
    expect(await history.refresh([])).toEqual({ fetched: null, written: 0 });
    setNow('2026-11-22T12:00:00Z');
    expect(await history.refresh([])).toEqual({ fetched: null, written: 0 });
    // Monday after 16:00 CET: one new day, from the small daily file.
    setNow('2026-11-23T15:30:00Z');
    expect(await history.refresh([])).toEqual({ fetched: 'daily', written: 3 });
    expect(stored('USD')).toMatchObject({ n: afterFirst + 1, last: '2026-11-23' });
    // Two weeks later (ten working days): the 90-day file, and only the ten new days are written.
    setNow('2026-12-07T18:00:00Z');
    expect(await history.refresh([])).toEqual({ fetched: 'last90Days', written: 30 });
    expect(stored('USD')).toMatchObject({ n: afterFirst + 11, last: '2026-12-07' });
    expect(documents()).toEqual(['eurofxref-hist.xml', 'eurofxref-daily.xml', 'eurofxref-hist-90d.xml']);
  });

  it('fetches the full history again for a currency held for the first time, writing only that currency', async () => {
    const { history, stored, setNow } = await setup('2026-11-23T18:00:00Z');
    await history.refresh([]);
    // Five minutes later: inside the rate budget, but SEK has never been asked for, so it is now.
    setNow('2026-11-23T18:05:00Z');
    const result = await history.refresh(['SEK']);
    expect(result.fetched).toBe('full');
    expect(stored('SEK')).toMatchObject({ first: '2015-02-12', last: '2026-11-23' });
    expect(result.written).toBe(stored('SEK').n);
    // Nothing is due any more: no request.
    expect(await history.refresh(['SEK'])).toEqual({ fetched: null, written: 0 });
  });

  it('gives each day the rate published on or before it, with that reference day', async () => {
    const { history } = await setup('2024-07-01T18:00:00Z');
    await history.refresh(['HKD']);
    // Sunday 30 June 2024 carries Friday 28 June's rates (real ones: an anchor day of the simulator).
    const sunday = history.dualRate('HKD', '2024-06-30');
    // 1 HKD = 1.0705 / 8.3594 USD and 0.9634 / 8.3594 CHF, 28 significant digits
    // (34-digit quotients: 0.1280594301026389453788549417|422…, 0.1152475058018518075459961241|237…).
    expect(sunday).toMatchObject({ day: '2024-06-28', usd: '0.1280594301026389453788549417', chf: '0.1152475058018518075459961241' });
    const series = history.dailyDualRates('USD', '2024-06-29', '2024-07-01');
    // From the last reference day before the start (Friday), then Monday; no weekend days.
    expect([...series.keys()]).toEqual(['2024-06-28', '2024-07-01']);
    expect(series.get('2024-06-28')).toEqual({ usd: '1', chf: '0.8999532928538066324147594582' });
    // Any pair through the euro, for a base currency other than USD and CHF: 1 USD = 0.84638 / 1.0705 GBP
    // (0.7906398879028491359177954227|41…) and 1 / 1.0705 EUR (0.9341429238673517048108360579|17…); 1 EUR = 0.9634 CHF as published.
    const gbp = history.dailyCrossRates('USD', 'GBP', '2024-06-29', '2024-07-01');
    expect([...gbp]).toEqual([
      ['2024-06-28', '0.7906398879028491359177954227'],
      ['2024-07-01', '0.7906398879028491359177954227'],
    ]);
    expect(history.dailyCrossRates('USD', 'EUR', '2024-07-01', '2024-07-01').get('2024-07-01')).toBe('0.9341429238673517048108360579');
    expect(history.dailyCrossRates('EUR', 'CHF', '2024-07-01', '2024-07-01').get('2024-07-01')).toBe('0.9634');
  });

  it('keeps the last rates through an outage, marks them stale once a day is overdue, and pauses after three failures', async () => {
    const { sim, history, setNow, documents } = await setup('2026-11-20T18:00:00Z');
    await history.refresh([]);
    expect(history.status()).toEqual({ day: '2026-11-20', stale: false });
    sim.faults.push({ kind: 'status', status: 503, count: 10 });
    // Monday 16:30 CET: the day is due but within the two hours' grace; the fetch fails.
    setNow('2026-11-23T15:30:00Z');
    await expect(history.refresh([])).rejects.toThrow(/HTTP 503/);
    expect(history.status()).toEqual({ day: '2026-11-20', stale: false });
    // 18:30 CET: still Friday's rates, now stale; conversions keep working with them.
    setNow('2026-11-23T17:30:00Z');
    expect(history.status()).toEqual({ day: '2026-11-20', stale: true });
    expect(history.dualRate('CHF')).toMatchObject({ day: '2026-11-20', chf: '1', stale: true });
    await expect(history.refresh([])).rejects.toThrow(/HTTP 503/);
    // The rate budget: a try within 15 minutes of the last one is held back without a request.
    setNow('2026-11-23T17:35:00Z');
    expect(await history.refresh([])).toMatchObject({ heldBack: 'rate-budget' });
    setNow('2026-11-23T17:50:00Z');
    await expect(history.refresh([])).rejects.toThrow(/HTTP 503/);
    // Three failures in a row open the breaker: no request for an hour.
    setNow('2026-11-23T18:10:00Z');
    expect(await history.refresh([])).toMatchObject({ heldBack: 'circuit-open' });
    expect(documents().filter((d) => d === 'eurofxref-daily.xml')).toHaveLength(3);
  });

  it('stores nothing from a document cut off in transfer', async () => {
    const { sim, history, stored } = await setup('2026-11-23T18:00:00Z');
    sim.truncateNext();
    await expect(history.refresh([])).rejects.toThrow(/incomplete or not XML/);
    expect(stored('USD').n).toBe(0);
    expect(history.status()).toBeNull();
  });
});
