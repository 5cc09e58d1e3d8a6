import { Decimal } from '@omnifolio/shared/money';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoinexSimulator } from '../../src/simulators/coinex/coinex-simulator.js';
import { coinexDemoAccount } from '../../src/simulators/coinex/demo-account.js';
import { type CoinGeckoSimulator, createCoinGeckoSimulator } from '../../src/simulators/coingecko/coingecko-simulator.js';
import { loadDemoPrices } from '../../src/simulators/coingecko/demo-prices.js';
import { authedCall, createTestCompanion, type TestCompanion } from '../support/test-companion.js';

// Written out here, not imported, so the expectation does not share code with the product.
const COINGECKO_IDS: Record<string, string> = { BTC: 'bitcoin', ETH: 'ethereum', USDT: 'tether', USDC: 'usd-coin', SOL: 'solana', DOGE: 'dogecoin' };

/**
 * CoinEx through the API, as the extension drives it: a key is tested (with the warning that
 * CoinEx cannot say what it may do), saved and synced against the CoinEx simulator (v2
 * signatures re-derived, per-market trades, rate limits at ccxt's real pace), priced against
 * the CoinGecko simulator, and the overview's total equals the demo account valued here.
 */
describe('CoinEx → SQLite → overview, through the API', () => {
  let coinex: CoinexSimulator;
  let coingecko: CoinGeckoSimulator;
  let t: TestCompanion;
  let token: string;
  const account = coinexDemoAccount(Date.now());

  const call = authedCall(
    () => t,
    () => token,
  );

  beforeAll(async () => {
    coinex = new CoinexSimulator();
    coinex.addAccount(account);
    coingecko = createCoinGeckoSimulator({ rateLimitPerMinute: Number.POSITIVE_INFINITY });
    const [x, c] = await Promise.all([coinex.start(), coingecko.start()]);
    t = await createTestCompanion({ providerUrls: { coinex: x, coingecko: c } });
    token = await t.pair();
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([coinex.stop(), coingecko.stop()]);
  });

  it('tests, saves and syncs a key; the total is exact and every settled record is stored', async () => {
    const credentials = { apiKey: account.apiKey, secret: account.secret };
    const tested = await call('/api/connections/test', { method: 'POST', body: { providerId: 'coinex', label: 'CoinEx', credentials } });
    expect(tested.status).toBe(200);
    expect(tested.body).toMatchObject({ ok: true, accounts: 4 });
    expect(tested.body.warnings).toEqual([expect.stringMatching(/cannot check this key’s permissions on CoinEx/)]);
    expect((await call('/api/connections', { method: 'POST', body: { providerId: 'coinex', label: 'CoinEx', credentials } })).status).toBe(201);
    await t.core.runner.idle();

    // Spot and Financial: available + frozen. Margin, both sides of each market: available +
    // frozen − repaid − interest. Futures: available + frozen + margin + unrealized PnL.
    const quantities: [string, Decimal][] = [
      ...[...account.spot, ...account.financial].map((b): [string, Decimal] => [b.ccy, new Decimal(b.available).plus(b.frozen)]),
      ...account.margin.flatMap((m) =>
        (['base_ccy', 'quote_ccy'] as const).map((side): [string, Decimal] => [
          m[side],
          new Decimal(m.available[side]).plus(m.frozen[side]).minus(m.repaid[side]).minus(m.interest[side]),
        ]),
      ),
      ...account.futures.map((f): [string, Decimal] => [f.ccy, new Decimal(f.available).plus(f.frozen).plus(f.margin).plus(f.unrealized_pnl)]),
    ];
    const prices = loadDemoPrices().prices;
    let usd = new Decimal(0);
    let chf = new Decimal(0);
    for (const [asset, quantity] of quantities) {
      const price = prices[COINGECKO_IDS[asset] ?? ''];
      if (price === undefined) throw new Error(`no demo price for ${asset}`);
      usd = usd.plus(quantity.mul(price.usd as string));
      chf = chf.plus(quantity.mul(price.chf as string));
    }
    const overview = (await call('/api/overview')).body;
    expect(overview.total).toEqual({ usd: usd.toFixed(), chf: chf.toFixed() });
    expect(overview.connections[0]).toMatchObject({ label: 'CoinEx', status: 'ok', lastSync: { status: 'succeeded' } });

    const settled = [...account.deposits, ...account.withdrawals].filter((r) => r.status === 'finished').length;
    const funding = account.funding.filter((f) => !new Decimal(f.funding_value).isZero()).length;
    // A futures fill with a result or a fee is one record; a finished transfer is two, one per wallet.
    const fills = (account.futuresDeals ?? []).filter((d) => !new Decimal(d.realized_pnl).isZero() || !new Decimal(d.fee).isZero()).length;
    const transfers = (account.transfers ?? []).filter((t) => t.status === 'finished').length * 2;
    const runs = (await call('/api/sync-runs')).body;
    expect(runs[0]).toMatchObject({
      status: 'succeeded',
      counts: { activities: account.deals.length + settled + funding + fills + transfers, positions: account.positions.length },
    });
  }, 60_000);
});
