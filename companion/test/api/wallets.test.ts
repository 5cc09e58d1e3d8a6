import { Decimal } from '@omnifolio/shared/money';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CoinGeckoSimulator, createCoinGeckoSimulator } from '../../src/simulators/coingecko/coingecko-simulator.js';
import { loadDemoPrices } from '../../src/simulators/coingecko/demo-prices.js';
import { type EvmTestChain, MAINNET_USDC, startEvmTestChain } from '../support/evm/evm-test-chain.js';
import { authedCall, createTestCompanion, type TestCompanion } from '../support/test-companion.js';

/**
 * A watch-only EVM wallet through the API, as the options page adds one: validation errors
 * that name the field, a real Hardhat node read through Multicall3, CoinGecko prices by
 * contract, and an RPC outage that keeps the last balances.
 */
describe('watch-only wallets, through the API', () => {
  let chain: EvmTestChain;
  let coingecko: CoinGeckoSimulator;
  let t: TestCompanion;
  let token: string;
  // A USDC price with more digits than a float keeps, so only exact arithmetic matches.
  const usdcPrice = { usd: '0.99987182251638071', chf: '0.89858480689547134' };

  const call = authedCall(
    () => t,
    () => token,
  );

  beforeAll(async () => {
    chain = await startEvmTestChain();
    const data = loadDemoPrices();
    data.tokenPrices = { ethereum: { [MAINNET_USDC.toLowerCase()]: usdcPrice } };
    coingecko = createCoinGeckoSimulator({ data, rateLimitPerMinute: Number.POSITIVE_INFINITY });
    t = await createTestCompanion({ providerUrls: { 'evm:1': chain.url, coingecko: await coingecko.start() } });
    token = await t.pair();
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await coingecko?.stop();
    await chain?.stop();
  });

  it('refuses an address with a broken checksum, naming the field', async () => {
    const res = await call('/api/wallets', { method: 'POST', body: { chainFamily: 'evm', address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD' } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'validation_failed', issues: [{ path: 'address', message: expect.stringMatching(/EIP-55 checksum/) }] });
    expect((await call('/api/wallets')).body).toEqual([]);
  });

  it('refuses a chain family it cannot track, naming the field', async () => {
    const res = await call('/api/wallets', { method: 'POST', body: { chainFamily: 'bitcoin', address: 'bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh' } });
    expect(res.status).toBe(400);
    expect(res.body.issues[0]).toMatchObject({ path: 'chainFamily' });
  });

  it('tracks a pasted address watch-only and values it with exact prices', async () => {
    const res = await call('/api/wallets', {
      method: 'POST',
      body: { chainFamily: 'evm', address: chain.holdings.holder.toLowerCase(), label: 'Ledger', chains: ['ethereum'] },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ label: 'Ledger', chainFamily: 'evm', address: chain.holdings.holder, ownership: 'watch-only' });
    await t.core.runner.idle();

    const eth = loadDemoPrices().prices.ethereum as { usd: string; chf: string };
    const ethQty = new Decimal('12.345678901234567891');
    const usdcQty = new Decimal('1234567.891234');
    const usd = ethQty.mul(eth.usd).plus(usdcQty.mul(usdcPrice.usd));
    const chf = ethQty.mul(eth.chf).plus(usdcQty.mul(usdcPrice.chf));
    const overview = (await call('/api/overview')).body;
    expect(overview.connections).toHaveLength(1);
    expect(overview.connections[0]).toMatchObject({ label: 'Ledger', status: 'ok', value: { usd: usd.toFixed(), chf: chf.toFixed() } });
    expect(overview.total).toEqual({ usd: usd.toFixed(), chf: chf.toFixed() });

    const wallets = (await call('/api/wallets')).body;
    expect(wallets).toEqual([expect.objectContaining({ address: chain.holdings.holder, ownership: 'watch-only', status: 'ok' })]);
  });

  it('refuses the same address twice', async () => {
    const res = await call('/api/wallets', { method: 'POST', body: { chainFamily: 'evm', address: chain.holdings.holder } });
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/already tracked as “Ledger”/);
  });

  it('an RPC outage keeps the previous balances and records the failed sync', async () => {
    const before = (await call('/api/overview')).body.total;
    await chain.stop();
    const [wallet] = (await call('/api/wallets')).body;
    const started = await call(`/api/connections/${wallet.connectionId}/sync`, { method: 'POST' });
    expect(started.status).toBe(202);
    await t.core.runner.idle();
    const run = (await call(`/api/sync-runs/${started.body.id}`)).body;
    expect(run).toMatchObject({
      status: 'failed',
      error: { code: 'unavailable', message: 'The Ethereum RPC endpoint could not be reached or failed to answer.' },
    });
    const after = (await call('/api/overview')).body;
    expect(after.total).toEqual(before);
    expect(after.connections[0]).toMatchObject({ status: 'error', lastError: { code: 'unavailable' } });
  });
});
