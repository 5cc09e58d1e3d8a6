import { RateLimitedError, UnavailableError } from '@omnifolio/shared/errors';
import { Decimal } from '@omnifolio/shared/money';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, runActivityPass } from '../../connectors/contract-suite.js';
import { createEvmConnector } from '../../connectors/evm/evm-connector.js';
import { curatedEvmTokens } from '../../connectors/evm/evm-token-list.js';
import type { AlchemySimulator } from '../alchemy/alchemy-simulator.js';
import { createDemoWalletAlchemy, createDemoWalletSimulator, DEMO_WALLET_ADDRESS, DEMO_WALLET_ALCHEMY_KEY } from './demo-wallet.js';
import type { EvmRpcSimulator } from './evm-rpc-simulator.js';

const CHAINS = [1, 42161, 10, 8453, 137, 56, 43114];
const DAY = 86_400_000;

/** Transcribed by hand from the raw amounts in demo-wallet.ts. */
const DEMO_WALLET_BALANCES = [
  'ethereum ETH 1.8425',
  'ethereum USDC 2500.5',
  'ethereum LINK 48.25',
  'arbitrum ETH 0.42',
  'arbitrum USDC 310',
  'optimism ETH 0.065',
  'base ETH 0.1337',
  'base USDC 120',
  'polygon POL 250',
  'polygon USDC 75.25',
  'bnb BNB 0.75',
  'avalanche AVAX 12.5',
].sort();

describe('the demo wallet through the EVM connector', () => {
  let sim: EvmRpcSimulator;
  const context = () =>
    createTestContext({ credentials: { address: DEMO_WALLET_ADDRESS }, baseUrls: Object.fromEntries(CHAINS.map((id) => [`evm:${id}`, sim.urlOf(id)])) });

  beforeAll(async () => {
    sim = createDemoWalletSimulator();
    await sim.start();
  });
  afterAll(() => sim.stop());

  it('reads every chain, one Multicall3 request each, digit for digit', async () => {
    const ctx = context();
    const balances = await createEvmConnector().fetchBalances(ctx);
    expect(balances.map((b) => `${b.accountKey} ${b.asset.symbol} ${b.free}`).sort()).toEqual(DEMO_WALLET_BALANCES);
    expect(ctx.meter.requests).toBe(CHAINS.length);
  });

  it('answers an unknown method with JSON-RPC -32601, as a node does', async () => {
    const res = await fetch(sim.urlOf(1), { method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'eth_mine' }) });
    expect(await res.json()).toEqual({ jsonrpc: '2.0', id: 7, error: { code: -32601, message: 'the method eth_mine does not exist/is not available' } });
  });

  it('a 503 from a chain’s endpoint fails the read as UnavailableError naming the chain', async () => {
    sim.server.faults.push({ kind: 'status', status: 503, path: '/137' });
    const error = await createEvmConnector()
      .fetchBalances(context())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnavailableError);
    expect((error as UnavailableError).shortMessage).toBe('The Polygon PoS RPC endpoint could not be reached or failed to answer (HTTP 503).');
  });

  it('a 429 with Retry-After becomes RateLimitedError with that wait', async () => {
    sim.server.faults.push({ kind: 'status', status: 429, retryAfterSeconds: 12, path: '/1' });
    const error = await createEvmConnector()
      .fetchBalances(context())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(12_000);
  });
});

describe('the demo wallet through Alchemy, as the demo reads it', () => {
  const now = Date.now();
  let sim: AlchemySimulator;
  const context = (cursors: ReadonlyMap<string, string> = new Map()) =>
    createTestContext({ credentials: { address: DEMO_WALLET_ADDRESS, alchemyKey: DEMO_WALLET_ALCHEMY_KEY }, baseUrls: { alchemy: sim.baseUrl }, cursors });

  beforeAll(async () => {
    sim = createDemoWalletAlchemy(now);
    await sim.start();
  });
  afterAll(() => sim.stop());

  it('holds the same balances as through the chains’ RPC', async () => {
    const balances = await createEvmConnector().fetchBalances(context());
    expect(balances.map((b) => `${b.accountKey} ${b.asset.symbol} ${b.free}`).sort()).toEqual(DEMO_WALLET_BALANCES);
  });

  it('has the transfers that brought them: eighteen receipts adding up to each balance, the first 1100 days ago', async () => {
    const { activities } = await runActivityPass(createEvmConnector(), context, new Map());
    expect(activities).toHaveLength(18);
    expect(new Set(activities.map((a) => a.type))).toEqual(new Set(['deposit']));
    const sums = new Map<string, Decimal>();
    for (const a of activities) {
      // Tokens are known by contract (`evm:<chain>:<address>`), coins by symbol.
      const token = curatedEvmTokens().find((t) => a.asset === `evm:${t.chainId}:${t.address.toLowerCase()}`);
      const key = `${a.accountKey} ${token?.symbol ?? a.asset}`;
      sums.set(key, (sums.get(key) ?? new Decimal(0)).plus(a.quantity));
    }
    expect([...sums].map(([key, sum]) => `${key} ${sum.toFixed()}`).sort()).toEqual(DEMO_WALLET_BALANCES);
    const days = activities.map((a) => Math.round((now - Date.parse(a.executedAt)) / DAY));
    expect(Math.max(...days)).toBe(1100);
    expect(Math.min(...days)).toBe(35);
  });
});
