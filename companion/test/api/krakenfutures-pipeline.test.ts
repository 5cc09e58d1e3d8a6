import { Decimal } from '@omnifolio/shared/money';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CoinGeckoSimulator, createCoinGeckoSimulator } from '../../src/simulators/coingecko/coingecko-simulator.js';
import { loadDemoPrices } from '../../src/simulators/coingecko/demo-prices.js';
import { krakenFuturesDemoAccount } from '../../src/simulators/krakenfutures/demo-account.js';
import { KrakenFuturesSimulator } from '../../src/simulators/krakenfutures/krakenfutures-simulator.js';
import { authedCall, createTestCompanion, type TestCompanion } from '../support/test-companion.js';

// Written out here, not imported, so the expectation does not share code with the product. Kraken Futures calls bitcoin XBT.
const COINGECKO_IDS: Record<string, string> = { XBT: 'bitcoin', ETH: 'ethereum' };

/**
 * Kraken Futures through the API, as the extension drives it: a key is tested (with the warning
 * that Kraken Futures cannot say what a key may do), saved and synced against the simulator
 * (Authent re-derived, both cost budgets enforced), priced against the CoinGecko simulator; the
 * overview's USD total equals the demo account valued here, and every account-log row that moved
 * money is stored once.
 */
describe('Kraken Futures → SQLite → overview, through the API', () => {
  let sim: KrakenFuturesSimulator;
  let coingecko: CoinGeckoSimulator;
  let t: TestCompanion;
  let token: string;
  const account = krakenFuturesDemoAccount(Date.now());

  const call = authedCall(
    () => t,
    () => token,
  );

  beforeAll(async () => {
    sim = new KrakenFuturesSimulator();
    sim.addAccount(account);
    coingecko = createCoinGeckoSimulator({ rateLimitPerMinute: Number.POSITIVE_INFINITY });
    const [k, c] = await Promise.all([sim.start(), coingecko.start()]);
    t = await createTestCompanion({ providerUrls: { krakenfutures: k, coingecko: c } });
    token = await t.pair();
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([sim.stop(), coingecko.stop()]);
  });

  it('tests, saves and syncs a key; the USD total is exact and every money row of the log is stored', async () => {
    const credentials = { apiKey: account.apiKey, secret: account.secret };
    const body = { providerId: 'krakenfutures', label: 'Kraken Futures', credentials };
    const tested = await call('/api/connections/test', { method: 'POST', body });
    expect(tested.status).toBe(200);
    // cash, flex, fi_ethusd, fi_xbtusd
    expect(tested.body).toMatchObject({ ok: true, accounts: 4 });
    expect(tested.body.warnings).toEqual([expect.stringMatching(/General API "Read only" and Withdrawal API "No access"/)]);
    expect((await call('/api/connections', { method: 'POST', body })).status).toBe(201);
    await t.core.runner.idle();

    // Cash balances, flex quantities and the margin accounts' currency entries (not the contract sizes); USD is worth one.
    const quantities: [string, string][] = [
      ...Object.entries(account.cash),
      ...Object.entries(account.flex.currencies).map(([code, row]): [string, string] => [code, row.quantity]),
      ...Object.values(account.marginAccounts).flatMap((m) => Object.entries(m.balances).filter(([code]) => !code.includes('_'))),
    ];
    const prices = loadDemoPrices().prices;
    let usd = new Decimal(0);
    for (const [code, quantity] of quantities) {
      if (new Decimal(quantity).isZero()) continue;
      const price = code.toUpperCase() === 'USD' ? '1' : (prices[COINGECKO_IDS[code.toUpperCase()] ?? ''] as { usd: string } | undefined)?.usd;
      if (price === undefined) throw new Error(`no demo price for ${code}`);
      usd = usd.plus(new Decimal(quantity).mul(price));
    }
    const overview = (await call('/api/overview')).body;
    expect(overview.total.usd).toBe(usd.toFixed());
    expect(overview.connections[0]).toMatchObject({ label: 'Kraken Futures', status: 'ok', lastSync: { status: 'succeeded' } });

    // Every row but an execution's position-size row (its asset is the contract) moved money and is one activity.
    const moneyRows = account.log.filter((row) => row.asset !== row.contract).length;
    const runs = (await call('/api/sync-runs')).body;
    expect(runs[0]).toMatchObject({ status: 'succeeded', counts: { activities: moneyRows, positions: account.positions.length } });

    // Nothing new: /accounts for the account list, the balances and the log's account names,
    // openpositions, instruments, tickers, and one account-log page that comes back empty.
    const row = t.core.connectionsRepo.list().find((c) => c.label === 'Kraken Futures');
    const again = await t.core.runner.start(row?.id as string, 'manual').done;
    expect(again).toMatchObject({ status: 'succeeded', requests: 7 });
  }, 60_000);
});
