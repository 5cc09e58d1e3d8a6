import type { Overview } from '@omnifolio/shared/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CoinGeckoSimulator, createCoinGeckoSimulator } from '../../src/simulators/coingecko/coingecko-simulator.js';
import { EcbSimulator } from '../../src/simulators/ecb/ecb-simulator.js';
import { daysAgoAt, seedFiatHoldings } from '../support/fiat-holdings.js';
import { createTestCompanion, type TestCompanion } from '../support/test-companion.js';

const at = daysAgoAt;

/*
 * A base currency other than USD and CHF, worked by hand. The simulated ECB publishes the real
 * rates of 28 June 2024 on every working day since: 1 EUR = 1.0705 USD = 0.84638 GBP.
 * One US dollar in euros: 1 / 1.0705 = 0.9341429238673517048108360579 (28 significant digits).
 * Holdings: 1000 EUR (deposited twelve days ago) and 500 USD (held all along).
 *   USD total:  1000 × 1.0705 + 500                                  = 1570.5
 *   EUR total:  1000 (the base currency itself is exactly 1)
 *             + 500 × 0.9341429238673517048108360579 = 467.07146193367585240541802895
 *                                                                   = 1467.07146193367585240541802895
 *   A past day in EUR: its USD total at that day's rate,
 *               1570.5 × 0.9341429238673517048108360579            = 1467.07146193367585240541802893195
 */
describe('a base currency converted from USD at the ECB’s rates (EUR)', () => {
  let ecb: EcbSimulator;
  let coingecko: CoinGeckoSimulator;
  let t: TestCompanion;
  let token: string;
  const get = async <T>(path: string) => {
    const response = await t.request(path, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, body: (await response.json()) as T };
  };
  const setBase = (baseCurrency: string) =>
    t.request('/api/settings', {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ baseCurrency }),
    });

  beforeAll(async () => {
    ecb = new EcbSimulator();
    await ecb.start();
    coingecko = createCoinGeckoSimulator({
      rateLimitPerMinute: Number.POSITIVE_INFINITY,
      data: { lastUpdatedAt: Math.floor(Date.now() / 1000), prices: {}, exchangeRates: {} },
    });
    t = await createTestCompanion({ providerUrls: { coingecko: await coingecko.start(), ecb: ecb.apiUrl } });
    token = await t.pair();
    await t.request('/api/settings', {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ timeZone: 'UTC' }),
    });
    seedFiatHoldings(t, { EUR: '1000', USD: '500' }, [{ ref: 'd1', daysAgo: 12, hour: 9, code: 'EUR', quantity: '1000' }]);
    await t.core.refreshPrices();
  });
  afterAll(async () => {
    await t?.close();
    await ecb?.stop();
    await coingecko?.stop();
  });

  it('accepts the ECB’s currencies as the base currency and refuses others by name', async () => {
    const refused = await setBase('ARS');
    expect(refused.status).toBe(400);
    expect(JSON.stringify(await refused.json())).toContain('baseCurrency');
    expect((await setBase('EUR')).status).toBe(200);
    expect((await get<{ baseCurrency: string }>('/api/settings')).body.baseCurrency).toBe('EUR');
  });

  it('gives every value of the overview in EUR as well, with the rate and its ECB day; parts add up to the total', async () => {
    await t.core.refreshPrices();
    const { body: o } = await get<Overview>('/api/overview');
    expect(o.base).toEqual({ currency: 'EUR', perUsd: '0.9341429238673517048108360579', fx: { source: 'ECB', asOf: ecb.latestDay(), stale: false } });
    expect(o.total).toEqual({ usd: '1570.5', chf: o.total.chf, base: '1467.07146193367585240541802895' });
    const values = Object.fromEntries(o.holdings.map((h) => [h.symbol, h.value?.base]));
    expect(values).toEqual({ EUR: '1000', USD: '467.07146193367585240541802895' });
    expect(o.connections[0]?.value.base).toBe('1467.07146193367585240541802895');
  });

  it('draws the curve in EUR: every day, today too, at its day’s rate', async () => {
    const { status, body } = await get<{ currency: string; points: { at: string; value: string }[] }>('/api/history?range=ALL');
    expect(status).toBe(200);
    expect(body.currency).toBe('EUR');
    const tenDaysAgo = body.points.find((p) => p.at.slice(0, 10) === at(10, 0).slice(0, 10));
    expect(tenDaysAgo?.value).toBe('1467.07146193367585240541802893195');
    // Today: the USD total at today's rate, like every other day (the overview's exact sum of
    // parts differs in the 26th decimal: the euro is 1 there, 1.0705 × (1 / 1.0705) here).
    expect(body.points.at(-1)?.value).toBe('1467.07146193367585240541802893195');
    // USD is still there for the asking, as stored.
    const usd = await get<{ points: { at: string; value: string }[] }>('/api/history?range=ALL&currency=USD');
    expect(usd.body.points.find((p) => p.at.slice(0, 10) === at(10, 0).slice(0, 10))?.value).toBe('1570.5');
  });

  it('values flows in EUR at their day’s rate: unchanged holdings at an unchanged rate make no PnL', async () => {
    const { status, body } = await get<{ currency: string; pnl: Record<string, string> | null }>('/api/performance?range=ALL');
    expect(status).toBe(200);
    expect(body.currency).toBe('EUR');
    // Nothing moved but the deposit; every day at the same rate: no gain or loss in EUR, to 28 digits.
    // Nothing moved but the deposit, and every day had the same rate: the flows (the USD held
    // since the first day and the deposit, 1570.5 × 0.9341429238673517048108360579) are the
    // end value, and the PnL is zero, exactly.
    expect(body.pnl).toMatchObject({
      startValue: '0',
      endValue: '1467.07146193367585240541802893195',
      netFlows: '1467.07146193367585240541802893195',
      pnl: '0',
    });
  });

  it('prices allocation and exposure in EUR, the euro itself at exactly 1', async () => {
    const { body: allocation } = await get<{ currency: string; total: string; byCurrency: { key: string; value: string; share: string }[] }>('/api/allocation');
    expect(allocation.currency).toBe('EUR');
    expect(allocation.total).toBe('1467.07146193367585240541802895');
    // 1000 / 1467.07146193367585240541802895 = 0.681630054123…
    expect(allocation.byCurrency).toEqual([
      { key: 'EUR', value: '1000', share: '0.681630054123' },
      { key: 'USD', value: '467.07146193367585240541802895', share: '0.318369945877' },
    ]);
    const { body: exposure } = await get<{ currency: string; equity: string }>('/api/exposure');
    expect(exposure).toMatchObject({ currency: 'EUR', equity: '1467.07146193367585240541802895' });
  });

  it('answers 409 with what to do for a currency whose rates are not stored yet', async () => {
    const { status, body } = await get<{ code: string; message: string; hints: string[] }>('/api/history?range=ALL&currency=JPY');
    expect(status).toBe(409);
    expect(body.message).toBe("Values in JPY need the ECB's reference rates for JPY, and none are stored yet.");
    expect(body.hints[0]).toContain('Sync now');
  });

  it('replays the ledger’s last week when the ECB revises a recent rate, with the answer of a full build', async () => {
    /** How many times the companion built the ledger or replayed its last week, from its /metrics. */
    const ledger = async (kind: 'build' | 'replay') => {
      const text = await (await t.request('/metrics', { headers: { authorization: `Bearer ${token}` } })).text();
      const line = text.split('\n').find((l) => l.startsWith(`omnifolio_ledger_build_seconds_count{kind="${kind}"}`));
      return line === undefined ? 0 : Number(line.split(' ').at(-1));
    };
    type Performance = { asOf: string; pnl: { netFlows: string } };
    const performance = async () => {
      const { status, body } = await get<Performance>('/api/performance?range=ALL');
      expect(status).toBe(200);
      const { asOf: _asOf, ...rest } = body;
      return rest;
    };
    expect((await setBase('EUR')).status).toBe(200);
    // 100 USD deposited at noon on the ECB's newest day (at most a few days back: after the checkpoint).
    const { sqlite } = t.core.storage;
    const newest = ecb.latestDay();
    const account = (sqlite.prepare("SELECT account_id AS id FROM activities WHERE provider_ref = 'd1'").get() as { id: string }).id;
    sqlite
      .prepare("INSERT INTO activities (account_id, provider_ref, type, executed_at, asset, quantity) VALUES (?, 'd2', 'deposit', ?, 'USD', '100')")
      .run(account, `${newest}T12:00:00.000Z`);
    // As after a sync: the daily snapshots take the deposit in.
    await t.deps.history.update();
    const before = await performance();
    const builds = await ledger('build');
    const replays = await ledger('replay');

    // The ECB revises that day's rate: 1 EUR = 1.0805 USD instead of 1.0705. The deposit is worth less in EUR.
    sqlite.prepare("UPDATE fx_rates SET rate = '1.0805' WHERE base = 'EUR' AND quote = 'USD' AND at = ?").run(newest);
    // As after a price refresh: the snapshots from that day on are valued again. Before the
    // ECB's next day is out (mornings, weekends), that day is also the 1D range's start.
    await t.deps.history.update();
    const replayed = await performance();
    expect(await ledger('build')).toBe(builds);
    expect(await ledger('replay')).toBe(replays + 1);
    expect(replayed.pnl.netFlows).not.toBe(before.pnl.netFlows);

    // Built again from the first activity (another currency in between): the same answer.
    expect((await setBase('USD')).status).toBe(200);
    await performance();
    expect((await setBase('EUR')).status).toBe(200);
    expect(await performance()).toEqual(replayed);
    expect(await ledger('build')).toBe(builds + 2);
  });
});
