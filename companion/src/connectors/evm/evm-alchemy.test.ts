import { readFileSync } from 'node:fs';
import { AuthError } from '@omnifolio/shared/errors';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ALCHEMY_TEST_KEY,
  ALCHEMY_TEST_OWNER,
  createAlchemyTestWallet,
  INCOMING_ETH_TRANSFERS,
  RLC_ETHEREUM,
  SPAM_ARBITRUM,
} from '../../simulators/alchemy/alchemy-test-wallet.js';
import { createTestContext, runActivityPass } from '../contract-suite.js';
import type { TokenMetadata, TokenMetadataStore } from '../types.js';
import { type AlchemyTransfer, toActivity } from './evm-alchemy-transfers.js';
import { evmChainByKey } from './evm-chains.js';
import { createEvmConnector } from './evm-connector.js';

const ethereum = evmChainByKey('ethereum')!;
const credentials = { address: ALCHEMY_TEST_OWNER, chains: 'ethereum, arbitrum', alchemyKey: ALCHEMY_TEST_KEY };

function memoryStore(): TokenMetadataStore & { rows: Map<string, TokenMetadata> } {
  const rows = new Map<string, TokenMetadata>();
  return {
    rows,
    get: (chain, address) => rows.get(`${chain}/${address}`),
    put: (list) => {
      for (const r of list) rows.set(`${r.chain}/${r.address}`, r);
    },
  };
}

describe('EVM connector through Alchemy', () => {
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stop?.();
    stop = undefined;
  });

  async function start(computeUnitsPerSecond = Number.POSITIVE_INFINITY) {
    const wallet = createAlchemyTestWallet({ computeUnitsPerSecond });
    const baseUrls = { alchemy: await wallet.sim.start() };
    stop = () => wallet.sim.stop();
    return { wallet, baseUrls };
  }

  it('reads amounts from rawContract.value, exactly, in the documented transfer shape (test/fixtures/alchemy)', () => {
    const example = JSON.parse(
      readFileSync(new URL('../../../test/fixtures/alchemy/docs-openrpc/alchemy_getAssetTransfers.example.json', import.meta.url), 'utf8'),
    );
    const transfers = (example.result.value.transfers as AlchemyTransfer[]).map((t) => ({ ...t, metadata: { blockTimestamp: '2021-09-01T10:00:00.000Z' } }));
    expect(transfers.map((t) => toActivity(t, ethereum, 'in', () => undefined)).map((a) => [a?.type, a?.asset, a?.quantity, a?.providerRef])).toEqual([
      ['deposit', 'ETH', '0.5', '0x3847245c01829b043431067fb2bfa95f7b5bdc7e4246c843e7a573ab6f26f5ff:external'],
      ['deposit', 'ETH', '0.27', '0x5c88806ce2e4a42c5fbd5804f340ed887995914546cf92ec39eb5472cf22c88c:external'],
    ]);
    // Alchemy's float `value` rounds; the raw hex does not.
    const [first] = transfers;
    const lossy = { ...first!, value: 123.45678901234568, rawContract: { ...first!.rawContract, value: '0x6b14e9f812f366bd5' } };
    expect(toActivity(lossy, ethereum, 'out', () => undefined)?.quantity).toBe('123.456789012345678805');
  });

  it('asks Alchemy for a token’s metadata once, ever, and keeps it in the companion’s cache', async () => {
    const { wallet, baseUrls } = await start();
    const store = memoryStore();
    const connector = createEvmConnector({ alchemyComputeUnitsPerSecond: Number.POSITIVE_INFINITY });
    const ctx = () => ({ ...createTestContext({ credentials, baseUrls }), tokenMetadata: store });
    await connector.fetchBalances(ctx());
    // RLC, the no-decimals token and the spam token: USDC is on the curated list.
    expect(wallet.sim.calls('alchemy_getTokenMetadata')).toBe(3);
    expect(store.rows.get(`eip155:1/${RLC_ETHEREUM.toLowerCase()}`)).toMatchObject({ symbol: 'RLC', decimals: 9, source: 'alchemy' });
    expect(store.rows.get(`eip155:42161/${SPAM_ARBITRUM.toLowerCase()}`)).toMatchObject({ symbol: 'VISIT-CLAIM.EXAMPLE', decimals: 18 });
    await connector.fetchBalances(ctx());
    // Only the token whose decimals nobody knows is asked again (nothing exact was learned).
    expect(wallet.sim.calls('alchemy_getTokenMetadata')).toBe(4);
  });

  it('writes deposits and withdrawals per chain, skips a self-send, and reads ETH moved by contracts where Alchemy reports it', async () => {
    const { baseUrls } = await start();
    const connector = createEvmConnector({ alchemyComputeUnitsPerSecond: Number.POSITIVE_INFINITY });
    const { activities } = await runActivityPass(connector, (cursors) => createTestContext({ credentials, baseUrls, cursors }), new Map());
    const summary = (key: string, type: string) => activities.filter((a) => a.accountKey === key && a.type === type).map((a) => `${a.asset} ${a.quantity}`);
    expect(summary('ethereum', 'deposit')).toHaveLength(INCOMING_ETH_TRANSFERS + 1);
    expect(summary('ethereum', 'deposit').at(-1)).toBe('ETH 0.042');
    expect(summary('ethereum', 'withdrawal')).toEqual([
      'evm:1:0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48 120',
      'evm:1:0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48 30.25',
    ]);
    expect(summary('arbitrum', 'deposit')).toEqual([`evm:42161:${SPAM_ARBITRUM.toLowerCase()} 1000`]);
    expect(activities.some((a) => a.quantity === '0.000000000000000005')).toBe(false);
  });

  it('paces itself to the free tier’s compute units: a whole sync meets no 429', async () => {
    const { wallet, baseUrls } = await start(330);
    const connector = createEvmConnector();
    const context = (cursors: ReadonlyMap<string, string>) => createTestContext({ credentials, baseUrls, cursors });
    await connector.fetchBalances(context(new Map()));
    const { activities } = await runActivityPass(connector, context, new Map());
    expect(activities.length).toBeGreaterThan(INCOMING_ETH_TRANSFERS);
    expect(wallet.sim.requests.entries.filter((r) => r.status === 429)).toEqual([]);
  });

  it('says which key to check when Alchemy refuses it', async () => {
    const { baseUrls } = await start();
    const connector = createEvmConnector({ alchemyComputeUnitsPerSecond: Number.POSITIVE_INFINITY });
    const error = await connector
      .fetchBalances(createTestContext({ credentials: { ...credentials, alchemyKey: 'revoked-alchemy-key' }, baseUrls }))
      .catch((e) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).toMatch(/^Alchemy \((Ethereum|Arbitrum One)\) refused the request \(HTTP 401\)\.$/);
    expect(error.hints[0]).toMatch(/^Check the Alchemy API key in the wallet's settings/);
    expect(JSON.stringify(error)).not.toContain('revoked-alchemy-key');
  });
});
