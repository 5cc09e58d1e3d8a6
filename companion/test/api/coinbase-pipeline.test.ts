import { Decimal } from '@omnifolio/shared/money';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoinbaseSimulator } from '../../src/simulators/coinbase/coinbase-simulator.js';
import { coinbaseDemoAccount } from '../../src/simulators/coinbase/demo-account.js';
import { type CoinGeckoSimulator, createCoinGeckoSimulator } from '../../src/simulators/coingecko/coingecko-simulator.js';
import { loadDemoPrices } from '../../src/simulators/coingecko/demo-prices.js';
import { authedCall, createTestCompanion, type TestCompanion } from '../support/test-companion.js';

// Written out here, not imported, so the expectation does not share code with the product.
const COINGECKO_IDS: Record<string, string> = { BTC: 'bitcoin', ETH: 'ethereum', SOL: 'solana', ADA: 'cardano', USDC: 'usd-coin' };

/**
 * Coinbase through the API, as the extension drives it: a key that can transfer is refused, a
 * read-only one (its private key pasted on one line, as a form field leaves it) is tested, saved
 * and synced against the Coinbase simulator (every JWT verified), priced against the CoinGecko
 * simulator, and the overview's US-dollar total equals the demo account valued here.
 */
describe('Coinbase → SQLite → overview, through the API', () => {
  let coinbase: CoinbaseSimulator;
  let coingecko: CoinGeckoSimulator;
  let t: TestCompanion;
  let token: string;
  const account = coinbaseDemoAccount(Date.now());
  const risky = {
    ...coinbaseDemoAccount(Date.now()),
    keyName: 'organizations/5a3e1f0c-7b2d-4c61-9f0e-1d2c3b4a5e6f/apiKeys/ffffffff-4f50-4617-8293-a4b5c6d7e8f9',
  };
  risky.permissions = { ...risky.permissions, can_transfer: true };

  const call = authedCall(
    () => t,
    () => token,
  );

  beforeAll(async () => {
    coinbase = new CoinbaseSimulator();
    coinbase.addAccount(account);
    coinbase.addAccount(risky);
    coingecko = createCoinGeckoSimulator({ rateLimitPerMinute: Number.POSITIVE_INFINITY });
    const [cb, cg] = await Promise.all([coinbase.start(), coingecko.start()]);
    t = await createTestCompanion({ providerUrls: { coinbase: cb, coingecko: cg } });
    token = await t.pair();
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([coinbase.stop(), coingecko.stop()]);
  });

  it('refuses a key that can transfer funds', async () => {
    const res = await call('/api/connections', {
      method: 'POST',
      body: { providerId: 'coinbase', label: 'Risky', credentials: { apiKey: risky.keyName, secret: risky.privateKeyPem } },
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('permission_too_broad');
    expect((await call('/api/connections')).body).toEqual([]);
  });

  it('tests, saves and syncs a read-only key; the total is exact and every settled record is stored', async () => {
    const credentials = { apiKey: account.keyName, secret: account.privateKeyPem.replace(/\n/g, ' ') };
    const tested = await call('/api/connections/test', { method: 'POST', body: { providerId: 'coinbase', label: 'Coinbase', credentials } });
    // Wallets, vaults, staking, perpetuals, US futures.
    expect(tested).toEqual({ status: 200, body: { ok: true, warnings: [], accounts: 5 } });
    expect((await call('/api/connections', { method: 'POST', body: { providerId: 'coinbase', label: 'Coinbase', credentials } })).status).toBe(201);
    await t.core.runner.idle();

    // Every wallet's available and held amounts, the staked wallets only v2 lists, each perpetuals
    // collateral's quantity less its loan plus its open positions' unrealized PnL, and the US
    // futures account's USD with its unrealized PnL since the last settlement.
    const quantities: (readonly [string, string])[] = [
      ...account.accounts.flatMap((w) => [[w.currency, w.available_balance.value] as const, [w.currency, w.hold.value] as const]),
      ...account.stakedWallets.map((w) => [w.balance.currency, w.balance.amount] as const),
      ...Object.values(account.intxBalances)
        .flat()
        .flatMap((row) => [[row.asset.asset_name, row.quantity] as const, [row.asset.asset_name, `-${row.loan}`] as const]),
      ...Object.values(account.intxPositions)
        .flat()
        .map((p) => {
          const upnl = (p as { unrealized_pnl: { value: string; currency: string } }).unrealized_pnl;
          return [upnl.currency, upnl.value] as const;
        }),
      ['USD', (account.cfmBalanceSummary as { cfm_usd_balance: { value: string } }).cfm_usd_balance.value],
      ['USD', (account.cfmBalanceSummary as { unrealized_pnl: { value: string } }).unrealized_pnl.value],
    ];
    const prices = loadDemoPrices().prices;
    let usd = new Decimal(0);
    for (const [asset, quantity] of quantities) {
      if (new Decimal(quantity).isZero()) continue;
      const price = asset === 'USD' ? '1' : (prices[COINGECKO_IDS[asset] ?? '']?.usd as string | undefined);
      if (price === undefined) throw new Error(`no demo price for ${asset}`);
      usd = usd.plus(new Decimal(quantity).mul(price));
    }
    const overview = (await call('/api/overview')).body;
    // US dollars only: a dollar is worth one exactly, while its CHF figure is a rounded quotient of rates.
    expect(overview.total.usd).toBe(usd.toFixed());
    expect(overview.connections[0]).toMatchObject({ label: 'Coinbase', status: 'ok', lastSync: { status: 'succeeded' } });

    const spotFills = account.fills.filter((f) => /^[A-Z0-9]+-[A-Z0-9]+$/.test(f.product_id)).length;
    const transactions = Object.values(account.transactions)
      .flat()
      .filter((tx) => tx.status === 'completed' && tx.type !== 'advanced_trade_fill').length;
    // A derivatives fill is its commission, a fee; a sweep or a collateral move is written in both accounts.
    const derivativeFees = account.fills.filter((f) => !/^[A-Z0-9]+-[A-Z0-9]+$/.test(f.product_id) && !new Decimal(f.commission).isZero()).length;
    const bothSides = Object.values(account.transactions)
      .flat()
      .filter((tx) => tx.status === 'completed' && ['derivatives_settlement', 'intx_deposit', 'intx_withdrawal'].includes(tx.type)).length;
    const positions = Object.values(account.intxPositions).flat().length + account.cfmPositions.length;
    const runs = (await call('/api/sync-runs')).body;
    expect(runs[0]).toMatchObject({ status: 'succeeded', counts: { activities: spotFills + transactions + derivativeFees + bothSides, positions } });
  }, 60_000);
});
