import { RateLimitedError, UnavailableError } from '@omnifolio/shared/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext } from '../../connectors/contract-suite.js';
import { createEvmConnector } from '../../connectors/evm/evm-connector.js';
import { createDemoWalletSimulator, DEMO_WALLET_ADDRESS } from './demo-wallet.js';
import type { EvmRpcSimulator } from './evm-rpc-simulator.js';

const CHAINS = [1, 42161, 10, 8453, 137, 56, 43114];

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
    // Transcribed by hand from the raw amounts in demo-wallet.ts.
    expect(balances.map((b) => `${b.accountKey} ${b.asset.symbol} ${b.free}`).sort()).toEqual(
      [
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
      ].sort(),
    );
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
