import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { AlchemySimulator } from './alchemy-simulator.js';

const fixture = (path: string) => JSON.parse(readFileSync(new URL(`../../../test/fixtures/alchemy/${path}`, import.meta.url), 'utf8'));
const KEY = 'alchemy-test-key-0001';

describe('Alchemy simulator', () => {
  let sim: AlchemySimulator | undefined;
  afterEach(async () => {
    await sim?.stop();
    sim = undefined;
  });

  async function start(options?: ConstructorParameters<typeof AlchemySimulator>[0]) {
    sim = new AlchemySimulator(options);
    sim.addKey(KEY);
    const base = await sim.start();
    const rpc = async (network: string, body: unknown, key = KEY) => {
      const res = await fetch(`${base}/${network}/v2/${key}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> & { result?: unknown; error?: { code: number; message: string } } };
    };
    return { sim, rpc };
  }

  it('answers in the documented shapes, value for value (test/fixtures/alchemy)', async () => {
    const { sim, rpc } = await start();
    const quick = fixture('docs-quickstart/alchemy_getTokenBalances.response.json');
    const { address, tokenBalances } = quick.result;
    sim.addToken('eth-mainnet', { address: tokenBalances[0].contractAddress, name: 'iExec RLC', symbol: 'RLC', decimals: 9 });
    sim.setTokenBalance('eth-mainnet', tokenBalances[0].contractAddress, address, BigInt(tokenBalances[0].tokenBalance));
    expect((await rpc('eth-mainnet', { jsonrpc: '2.0', id: 42, method: 'alchemy_getTokenBalances', params: [address, 'erc20'] })).body).toEqual(quick);

    const usdc = fixture('docs-openrpc/alchemy_getTokenMetadata.example.json');
    const [contract] = usdc.params.map((p: { value: string }) => p.value);
    sim.addToken('eth-mainnet', { address: contract, ...usdc.result.value });
    expect((await rpc('eth-mainnet', { jsonrpc: '2.0', id: 1, method: 'alchemy_getTokenMetadata', params: [contract] })).body.result).toEqual(
      usdc.result.value,
    );
    // A contract that is no token: Alchemy answers with nulls, not an error.
    const unknown = await rpc('eth-mainnet', {
      jsonrpc: '2.0',
      id: 2,
      method: 'alchemy_getTokenMetadata',
      params: ['0x0000000000000000000000000000000000000001'],
    });
    expect(unknown.body.result).toEqual({ name: null, symbol: null, decimals: null, logo: null });

    const transfers = fixture('docs-openrpc/alchemy_getAssetTransfers.example.json').result.value.transfers as {
      blockNum: string;
      hash: string;
      from: `0x${string}`;
      to: `0x${string}`;
      rawContract: { value: string };
    }[];
    for (const t of transfers) {
      sim.addTransfer('eth-mainnet', {
        block: Number.parseInt(t.blockNum.slice(2), 16),
        at: '2021-01-01T00:00:00.000Z',
        hash: t.hash,
        from: t.from,
        to: t.to,
        category: 'external',
        raw: BigInt(t.rawContract.value),
      });
    }
    const answer = await rpc('eth-mainnet', {
      jsonrpc: '2.0',
      id: 3,
      method: 'alchemy_getAssetTransfers',
      params: [{ fromBlock: '0x0', toAddress: '0x5c43B1eD97e52d009611D89b74fA829FE4ac56b1', category: ['external'], excludeZeroValue: true }],
    });
    expect(answer.body.result).toEqual({ transfers });
  });

  it('pages token balances at 100 and transfers by a pageKey bound to its query', async () => {
    const { sim, rpc } = await start({ computeUnitsPerSecond: Number.POSITIVE_INFINITY });
    const owner = '0x1111111111111111111111111111111111111111';
    for (let i = 1; i <= 150; i += 1) {
      const address = `0x${i.toString(16).padStart(40, '0')}` as `0x${string}`;
      sim.addToken('base-mainnet', { address, name: `Token ${i}`, symbol: `T${i}`, decimals: 18 });
      sim.setTokenBalance('base-mainnet', address, owner, BigInt(i));
    }
    const first = (await rpc('base-mainnet', { jsonrpc: '2.0', id: 1, method: 'alchemy_getTokenBalances', params: [owner, 'erc20'] })).body.result as {
      tokenBalances: unknown[];
      pageKey: string;
    };
    expect(first.tokenBalances).toHaveLength(100);
    const second = (
      await rpc('base-mainnet', {
        jsonrpc: '2.0',
        id: 2,
        method: 'alchemy_getTokenBalances',
        params: [owner, 'erc20', { pageKey: first.pageKey, maxCount: 100 }],
      })
    ).body.result as { tokenBalances: unknown[]; pageKey?: string };
    expect(second.tokenBalances).toHaveLength(50);
    expect(second.pageKey).toBeUndefined();

    for (let block = 1; block <= 3; block += 1) {
      sim.addTransfer('base-mainnet', {
        block,
        at: '2024-01-01T00:00:00.000Z',
        hash: `0x${block}`,
        from: owner,
        to: owner.replace('1', '2') as `0x${string}`,
        category: 'external',
        raw: 1n,
      });
    }
    const query = { fromBlock: '0x0', fromAddress: owner, category: ['external'], maxCount: '0x2' };
    const page = (await rpc('base-mainnet', { jsonrpc: '2.0', id: 3, method: 'alchemy_getAssetTransfers', params: [query] })).body.result as {
      transfers: unknown[];
      pageKey: string;
    };
    expect(page.transfers).toHaveLength(2);
    const rest = await rpc('base-mainnet', { jsonrpc: '2.0', id: 4, method: 'alchemy_getAssetTransfers', params: [{ ...query, pageKey: page.pageKey }] });
    expect((rest.body.result as { transfers: unknown[] }).transfers).toHaveLength(1);
    const reused = await rpc('base-mainnet', {
      jsonrpc: '2.0',
      id: 5,
      method: 'alchemy_getAssetTransfers',
      params: [{ ...query, fromBlock: '0x2', pageKey: page.pageKey }],
    });
    expect(reused.body.error).toEqual({ code: -32602, message: 'invalid pageKey' });
  });

  it('refuses an unknown key, internal transfers where Alchemy has none, and bursts over the compute unit budget', async () => {
    const { rpc } = await start({ computeUnitsPerSecond: 250 });
    const balance = { jsonrpc: '2.0', id: 1, method: 'eth_getBalance', params: ['0x1111111111111111111111111111111111111111', 'latest'] };
    expect(await rpc('eth-mainnet', balance, 'wrong-key')).toEqual({
      status: 401,
      body: { jsonrpc: '2.0', id: null, error: { code: -32600, message: 'Must be authenticated!' } },
    });
    const internal = await rpc('arb-mainnet', { jsonrpc: '2.0', id: 2, method: 'alchemy_getAssetTransfers', params: [{ category: ['external', 'internal'] }] });
    expect(internal.body.error).toEqual({ code: -32602, message: 'internal category is only supported for ETH and MATIC mainnet' });
    // 120 CU spent above; two transfer queries (240 CU) cannot fit in the same second's 250.
    const burst = await rpc('eth-mainnet', [
      { jsonrpc: '2.0', id: 3, method: 'alchemy_getAssetTransfers', params: [{ category: ['external'] }] },
      { jsonrpc: '2.0', id: 4, method: 'alchemy_getAssetTransfers', params: [{ category: ['external'] }] },
    ]);
    expect(burst.status).toBe(429);
    expect(burst.body.error?.message).toMatch(/^Your app has exceeded its compute units per second capacity/);
  });
});
