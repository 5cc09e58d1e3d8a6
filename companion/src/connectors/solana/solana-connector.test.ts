import { readFileSync } from 'node:fs';
import { AuthError, UnavailableError, ValidationError } from '@omnifolio/shared/errors';
import { describe, expect, it } from 'vitest';
import { resolveAsset } from '../../pricing/asset-resolver.js';
import { SimulatorServer } from '../../simulators/framework/simulator-server.js';
import { createTestContext } from '../contract-suite.js';
import type { TokenMetadata } from '../types.js';
import { createSolanaConnector } from './solana-connector.js';
import { createTestSolanaWallet, TEST_OWNER, UNLISTED_MINT } from './solana-test-wallet.js';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/solana/${name}`, import.meta.url), 'utf8');

describe('Solana connector', () => {
  it('reads the documented getTokenAccountsByOwner answer, served verbatim, to the last digit', async () => {
    const response = fixture('getTokenAccountsByOwner.jsonParsed.response.json');
    // Plain JSON.parse would have rounded the u64 in this very answer.
    expect(String((JSON.parse(response) as { result: { value: { account: { rentEpoch: number } }[] } }).result.value[0]?.account.rentEpoch)).toBe(
      '18446744073709552000',
    );
    const empty = (result: string) => `{"jsonrpc":"2.0","result":${result},"id":1}`;
    const server = new SimulatorServer({
      handler: (request) => {
        const { method, params } = JSON.parse(request.body) as { method: string; params: [string, { programId?: string }] };
        if (method === 'getTokenAccountsByOwner' && params[1].programId === 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA')
          return { status: 200, text: response };
        if (method === 'getTokenAccountsByOwner') return { status: 200, text: empty('{"context":{"slot":1},"value":[]}') };
        if (method === 'getBalance') return { status: 200, text: empty('{"context":{"slot":1},"value":0}') };
        return { status: 200, text: empty('[]') };
      },
    });
    const url = await server.start();
    try {
      const owner = (JSON.parse(fixture('getTokenAccountsByOwner.request.json')) as { params: [string] }).params[0];
      const balances = await createSolanaConnector().fetchBalances(createTestContext({ credentials: { address: owner }, baseUrls: { solana: url } }));
      // tokenAmount.amount "420000000000000" with decimals 6, as the fixture's uiAmountString says.
      expect(balances.map((b) => ({ id: resolveAsset(b.asset).id, free: b.free }))).toEqual([{ id: `solana:${UNLISTED_MINT}`, free: '420000000' }]);
    } finally {
      await server.stop();
    }
  });

  it('names tokens from the shipped list and prices them by mint', async () => {
    const sim = createTestSolanaWallet();
    const url = await sim.start();
    try {
      const balances = await createSolanaConnector().fetchBalances(createTestContext({ credentials: { address: TEST_OWNER }, baseUrls: { solana: url } }));
      const usdc = balances.find((b) => b.asset.symbol === 'USDC');
      expect(usdc?.asset.name).toBe('USD Coin');
      expect(resolveAsset(usdc!.asset).id).toBe('solana:EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v');
      expect(resolveAsset(balances.find((b) => b.asset.symbol === 'SOL')!.asset).id).toBe('cg:solana');
    } finally {
      await sim.stop();
    }
  });

  it('with a Helius key, names unlisted mints from Helius once and keeps the names in the cache', async () => {
    const sim = createTestSolanaWallet();
    sim.heliusKeys.add('helius-test-key-1');
    sim.assetMetadata.set(UNLISTED_MINT, { name: 'Sample Token', symbol: 'SMPL' });
    const url = await sim.start();
    const connector = createSolanaConnector();
    try {
      const rows = new Map<string, TokenMetadata>();
      const tokenMetadata = {
        get: (chain: string, address: string) => rows.get(`${chain}/${address}`),
        put: (list: readonly TokenMetadata[]) => {
          for (const r of list) rows.set(`${r.chain}/${r.address}`, r);
        },
      };
      const ctx = (heliusKey: string) => ({
        ...createTestContext({ credentials: { address: TEST_OWNER, heliusKey }, baseUrls: { solana: url } }),
        tokenMetadata,
      });
      const unlisted = (records: { asset: { symbol: string; name?: string } }[]) =>
        records.find((r) => r.asset.symbol !== 'SOL' && !['USDC', 'PYUSD'].includes(r.asset.symbol))?.asset;
      expect(unlisted(await connector.fetchBalances(ctx('helius-test-key-1')))).toMatchObject({ symbol: 'SMPL', name: 'Sample Token' });
      expect(rows.get(`solana:mainnet/${UNLISTED_MINT}`)).toMatchObject({ symbol: 'SMPL', decimals: 5, source: 'helius' });
      // Helius would refuse the key now; the cached name means it is not asked again.
      sim.heliusKeys.clear();
      expect(unlisted(await connector.fetchBalances(ctx('helius-test-key-1')))).toMatchObject({ symbol: 'SMPL' });
      rows.clear();
      await expect(connector.fetchBalances(ctx('helius-test-key-1'))).rejects.toBeInstanceOf(AuthError);
    } finally {
      await sim.stop();
    }
  });

  it('reports an unreachable endpoint as UnavailableError', async () => {
    const error = await createSolanaConnector()
      .fetchBalances(createTestContext({ credentials: { address: TEST_OWNER }, baseUrls: { solana: 'http://127.0.0.1:9' } }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnavailableError);
    expect((error as UnavailableError).shortMessage).toBe('The Solana RPC endpoint could not be reached.');
  });

  it('reports a JSON-RPC error in the node’s words', async () => {
    const sim = createTestSolanaWallet();
    const url = await sim.start();
    sim.server.faults.push({ kind: 'status', status: 503 });
    try {
      const error = await createSolanaConnector()
        .fetchBalances(createTestContext({ credentials: { address: TEST_OWNER }, baseUrls: { solana: url } }))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnavailableError);
      expect((error as UnavailableError).shortMessage).toBe('The Solana RPC endpoint failed to answer (HTTP 503).');
    } finally {
      await sim.stop();
    }
  });

  it('refuses an RPC URL that is not http(s), naming the field', async () => {
    const error = await createSolanaConnector()
      .test(createTestContext({ credentials: { address: TEST_OWNER, rpcUrl: 'wss://example.org' } }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]?.path).toBe('credentials.rpcUrl');
  });
});
