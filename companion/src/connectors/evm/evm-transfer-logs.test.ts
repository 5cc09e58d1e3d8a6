import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EvmTestChain, startEvmTestChain } from '../../../test/support/evm/evm-test-chain.js';
import { createDemoWalletSimulator, DEMO_WALLET_ADDRESS } from '../../simulators/evm-rpc/demo-wallet.js';
import { createTestContext, runActivityPass } from '../contract-suite.js';
import { createEvmConnector } from './evm-connector.js';

describe('EVM without an Alchemy key: tokens found in Transfer logs (real Hardhat node)', () => {
  let chain: EvmTestChain;
  beforeAll(async () => {
    chain = await startEvmTestChain();
  }, 120_000);
  afterAll(async () => {
    await chain?.stop();
  });

  it('reads a token off the curated list once the scan has seen it arrive, and scans forward from there', async () => {
    const { holder, token18 } = chain.holdings;
    const connector = createEvmConnector();
    const context = (cursors: ReadonlyMap<string, string>) =>
      createTestContext({ credentials: { address: holder, chains: 'ethereum' }, baseUrls: { 'evm:1': chain.url }, cursors });
    const symbols = async (cursors: ReadonlyMap<string, string>) =>
      (await connector.fetchBalances(context(cursors))).map((b) => `${b.asset.symbol} ${b.free}`).sort();

    // TEST18 is on no list and nobody added it: the first balance read cannot know it.
    expect(await symbols(new Map())).toEqual(['ETH 12.345678901234567891', 'USDC 1234567.891234']);
    const cursors = new Map<string, string>();
    const pass = await runActivityPass(connector, context, cursors);
    // Its mint to the holder is a Transfer log; the scan finds it and records no activity.
    expect(pass.activities).toEqual([]);
    // Two mints reached the holder: TEST18's, and the scratch 6-decimal token's the harness later
    // copied onto USDC's address (the scratch contract itself keeps its own balance).
    const seen = cursors.get('tokens-seen:ethereum')?.split(',') ?? [];
    expect(seen).toHaveLength(2);
    expect(seen).toContain(token18.address);
    expect(await symbols(cursors)).toEqual(['ETH 12.345678901234567891', 'TEST18 987654.321012345678901234', 'USDC 1234567.891234', 'USDC 1234567.891234']);
    // The next scan starts after the newest block scanned.
    const latest = await chain.client.getBlockNumber();
    expect(cursors.get('logs:ethereum:next')).toBe(String(latest + 1n));
  });
});

describe('EVM transfer-log scan failures', () => {
  it('are logged and retried next sync, never failing a sync whose balances are stored', async () => {
    const sim = createDemoWalletSimulator();
    await sim.start();
    try {
      const connector = createEvmConnector();
      const cursors = new Map<string, string>();
      sim.server.faults.push({ kind: 'status', status: 503, count: 1 });
      const context = (c: ReadonlyMap<string, string>) =>
        createTestContext({ credentials: { address: DEMO_WALLET_ADDRESS, chains: 'ethereum' }, baseUrls: { 'evm:1': sim.urlOf(1) }, cursors: c });
      expect((await runActivityPass(connector, context, cursors)).pages).toBe(0);
      expect(cursors.size).toBe(0);
      // Next time the node answers: the scan runs and stores where it got to.
      expect((await runActivityPass(connector, context, cursors)).pages).toBe(1);
      expect(cursors.get('logs:ethereum:next')).toBe('21000001');
    } finally {
      await sim.stop();
    }
  });
});
