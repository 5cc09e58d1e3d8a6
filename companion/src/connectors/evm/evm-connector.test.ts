import { UnavailableError, ValidationError } from '@omnifolio/shared/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EvmTestChain, MAINNET_USDC, startEvmTestChain } from '../../../test/support/evm/evm-test-chain.js';
import { resolveAsset } from '../../pricing/asset-resolver.js';
import { createTestContext } from '../contract-suite.js';
import { createEvmConnector } from './evm-connector.js';

let chain: EvmTestChain;
beforeAll(async () => {
  chain = await startEvmTestChain();
}, 60_000);
afterAll(async () => {
  await chain?.stop();
});

const contextFor = (url: string, extra: Record<string, string> = {}) =>
  createTestContext({
    credentials: { address: chain.holdings.holder, chains: 'ethereum', tokens: `ethereum:${chain.holdings.token18.address}`, ...extra },
    baseUrls: { 'evm:1': url },
  });

describe('EVM connector against a Hardhat node', () => {
  it('reads the same balances with Multicall3 and with one call per token, in fewer requests', async () => {
    const viaMulticall = contextFor(chain.url);
    const perToken = contextFor(chain.url);
    const a = await createEvmConnector({ strategy: 'multicall' }).fetchBalances(viaMulticall);
    const b = await createEvmConnector({ strategy: 'per-token' }).fetchBalances(perToken);
    const strip = (list: typeof a) => list.map(({ asOf: _asOf, ...rest }) => rest);
    expect(strip(b)).toEqual(strip(a));
    // Multicall: one aggregate3 for the extra token's metadata, one for every balance.
    expect(viaMulticall.meter.requests).toBe(2);
    // Per token: the same metadata call, eth_getBalance, and one eth_call per token (7 curated + 1).
    expect(perToken.meter.requests).toBe(1 + 1 + 8);
  });

  it('names tokens by chain and contract, so a copycat symbol cannot pass for USDC', async () => {
    const balances = await createEvmConnector().fetchBalances(contextFor(chain.url));
    const ids = balances.map((b) => resolveAsset(b.asset).id).sort();
    expect(ids).toEqual(['cg:ethereum', `evm:1:${chain.holdings.token18.address.toLowerCase()}`, `evm:1:${MAINNET_USDC.toLowerCase()}`].sort());
  });

  it('reports an unreachable RPC endpoint as UnavailableError, without its URL', async () => {
    const url = 'http://127.0.0.1:9/rpc-key-that-must-not-leak';
    const error = await createEvmConnector()
      .fetchBalances(contextFor(url))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnavailableError);
    expect((error as UnavailableError).shortMessage).toBe('The Ethereum RPC endpoint could not be reached or failed to answer.');
    expect((error as UnavailableError).shortMessage).not.toContain('rpc-key');
  });

  it('refuses an RPC URL list it cannot read, naming the field', async () => {
    const error = await createEvmConnector()
      .test(contextFor(chain.url, { rpcUrls: 'ethereum https://eth.example.org' }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([{ path: 'credentials.rpcUrls', message: expect.stringMatching(/is not of the form chain=https/) }]);
  });

  it('refuses an unknown chain with the list of known ones', async () => {
    const error = await createEvmConnector()
      .test(contextFor(chain.url, { chains: 'ethereum, fantom' }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).hints[0]).toBe('Known chains: ethereum, arbitrum, optimism, base, polygon, bnb, avalanche.');
  });

  it('reads from a user’s own RPC URL when no override is set', async () => {
    const ctx = createTestContext({
      credentials: { address: chain.holdings.holder, chains: 'ethereum', rpcUrls: `ethereum=${chain.url}` },
    });
    const balances = await createEvmConnector().fetchBalances(ctx);
    expect(balances.map((b) => `${b.asset.symbol} ${b.free}`).sort()).toEqual(['ETH 12.345678901234567891', 'USDC 1234567.891234']);
  });
});
