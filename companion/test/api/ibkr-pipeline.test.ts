import { Decimal } from '@omnifolio/shared/money';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CoinGeckoSimulator, createCoinGeckoSimulator } from '../../src/simulators/coingecko/coingecko-simulator.js';
import { loadDemoPrices } from '../../src/simulators/coingecko/demo-prices.js';
import { IbkrCpapiSimulator } from '../../src/simulators/ibkr-cpapi/ibkr-cpapi-simulator.js';
import { loadIbkrDemoAccount } from '../../src/simulators/ibkr-flex/ibkr-demo-account.js';
import { authedCall, createTestCompanion, type TestCompanion } from '../support/test-companion.js';

/**
 * IBKR through the API: add the Client Portal connection, sync against the gateway
 * simulator, and read an overview whose IBKR value equals the demo account valued at IBKR's
 * own marks, converted with the CoinGecko simulator's FX rates. Then the gateway logs out:
 * the sync fails with a message that says to log in, and the previous value stays.
 */
describe('IBKR Client Portal → SQLite → overview, through the API', () => {
  let gateway: IbkrCpapiSimulator;
  let coingecko: CoinGeckoSimulator;
  let t: TestCompanion;
  let token: string;

  const call = authedCall(
    () => t,
    () => token,
  );

  beforeAll(async () => {
    gateway = new IbkrCpapiSimulator();
    gateway.addAccount(loadIbkrDemoAccount());
    coingecko = createCoinGeckoSimulator({ rateLimitPerMinute: Number.POSITIVE_INFINITY });
    const [, c] = await Promise.all([gateway.start(), coingecko.start()]);
    t = await createTestCompanion({ providerUrls: { 'ibkr-cpapi': gateway.apiUrl, coingecko: c } });
    token = await t.pair();
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([gateway.stop(), coingecko.stop()]);
  });

  it('lists the gateway URL as a field that may stay empty, so the options page lets it be left out', async () => {
    const providers = (await call('/api/providers')).body as { id: string; credentials: { key: string; optional?: boolean }[] }[];
    const fields = (id: string) => providers.find((p) => p.id === id)?.credentials.map((c) => [c.key, c.optional]);
    expect(fields('ibkr-cpapi')).toEqual([['gatewayUrl', true]]);
    expect(fields('ibkr-flex')).toEqual(expect.arrayContaining([['token', false]]));
  });

  it('syncs cash, shares and the written option; the value in CHF and USD is exact', async () => {
    const created = await call('/api/connections', { method: 'POST', body: { providerId: 'ibkr-cpapi', label: 'IBKR', credentials: {} } });
    expect(created.status).toBe(201);
    await t.core.runner.idle();

    // The demo account, written out: cash and quantity × IBKR mark (× 100 for the option).
    const inUsd = new Decimal('1968.1').plus(new Decimal(20).mul('230.5')).plus(new Decimal(35).mul('120.4')).minus(new Decimal(100).mul('4.15'));
    const inChf = new Decimal('4566.7').plus(new Decimal(15).mul('84.12'));
    expect([inUsd.toFixed(), inChf.toFixed()]).toEqual(['10377.1', '5828.5']);
    // FX from the CoinGecko simulator's BTC-relative rates, as CoinGecko publishes them.
    const rates = loadDemoPrices().exchangeRates as Record<string, { value: string }>;
    const usdPerBtc = new Decimal(rates.usd!.value);
    const chfPerBtc = new Decimal(rates.chf!.value);
    const chfPerUsd = chfPerBtc.div(usdPerBtc).toSignificantDigits(28);
    const usdPerChf = usdPerBtc.div(chfPerBtc).toSignificantDigits(28);
    const usd = inUsd.plus(inChf.mul(usdPerChf));
    const chf = inUsd.mul(chfPerUsd).plus(inChf);

    const overview = (await call('/api/overview')).body;
    expect(overview.unpriced).toEqual([]);
    expect(overview.connections).toHaveLength(1);
    expect(overview.connections[0]).toMatchObject({ providerId: 'ibkr-cpapi', status: 'ok', value: { usd: usd.toFixed(), chf: chf.toFixed() } });
    expect(overview.total).toEqual({ usd: usd.toFixed(), chf: chf.toFixed() });
    const symbols = overview.holdings.map((h: { symbol: string }) => h.symbol).sort();
    expect(symbols).toEqual(['AAPL', 'AAPL 261218C00300000', 'CHF', 'NESN', 'USD', 'VT']);
  });

  it('a share quoted in a currency without an FX rate stays unpriced, never zero', async () => {
    const account = gateway.accounts[0]!;
    account.positions.push({
      conid: '999001',
      symbol: 'ODD',
      description: 'ODD CURRENCY SHARE',
      assetCategory: 'STK',
      currency: 'XTS',
      multiplier: '1',
      position: '10',
      markPrice: '5',
      avgCost: '4',
    });
    const before = (await call('/api/overview')).body.total;
    const [conn] = (await call('/api/connections')).body;
    await call(`/api/connections/${conn.id}/sync`, { method: 'POST' });
    await t.core.runner.idle();
    const overview = (await call('/api/overview')).body;
    expect(overview.unpriced.map((u: { symbol: string }) => u.symbol)).toEqual(['ODD']);
    expect(overview.total).toEqual(before);
    account.positions.pop();
    await call(`/api/connections/${conn.id}/sync`, { method: 'POST' });
    await t.core.runner.idle();
  });

  it('a gateway that is not logged in fails the sync with what to do, and the value stays', async () => {
    const before = (await call('/api/overview')).body.total;
    gateway.loggedIn = false;
    const [conn] = (await call('/api/connections')).body;
    const started = await call(`/api/connections/${conn.id}/sync`, { method: 'POST' });
    expect(started.status).toBe(202);
    await t.core.runner.idle();
    const run = (await call(`/api/sync-runs/${started.body.id}`)).body;
    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({ code: 'auth_failed', message: 'The IBKR Client Portal Gateway is running but not logged in.' });
    expect(run.error.hints.join(' ')).toMatch(/log in/);
    expect((await call('/api/overview')).body.total).toEqual(before);
    gateway.logIn();
  });

  it('a gateway that is not running fails the sync naming its address and how to start it, and the value stays', async () => {
    const before = (await call('/api/overview')).body.total;
    const address = new URL(gateway.apiUrl).origin;
    await gateway.stop();
    const [conn] = (await call('/api/connections')).body;
    const started = await call(`/api/connections/${conn.id}/sync`, { method: 'POST' });
    await t.core.runner.idle();
    const run = (await call(`/api/sync-runs/${started.body.id}`)).body;
    expect(run.status).toBe('failed');
    expect(run.error.message).toBe(`Cannot reach the IBKR Client Portal Gateway at ${address}.`);
    expect(run.error.hints.join(' ')).toMatch(/Start the gateway/);
    const overview = (await call('/api/overview')).body;
    expect(overview.total).toEqual(before);
    expect(overview.connections[0]).toMatchObject({ status: 'error', value: before });
  });
});
