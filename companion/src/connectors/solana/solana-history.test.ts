import { afterEach, describe, expect, it } from 'vitest';
import type { SolanaRpcSimulator } from '../../simulators/solana-rpc/solana-rpc-simulator.js';
import { createTestContext, runActivityPass } from '../contract-suite.js';
import { createSolanaConnector } from './solana-connector.js';
import { createTestSolanaWallet, TEST_OWNER, testSignature, UNLISTED_MINT } from './solana-test-wallet.js';

describe('Solana history', () => {
  let sim: SolanaRpcSimulator | undefined;
  afterEach(async () => {
    await sim?.stop();
    sim = undefined;
  });

  it('turns each transaction’s pre and post balances into what moved for the owner, fees apart, staking not a withdrawal', async () => {
    sim = createTestSolanaWallet();
    const url = await sim.start();
    const { activities } = await runActivityPass(
      createSolanaConnector(),
      (cursors) => createTestContext({ credentials: { address: TEST_OWNER }, baseUrls: { solana: url }, cursors }),
      new Map(),
    );
    const rows = activities
      .map((a) => [
        a.providerRef.replace(/^([^:]+)/, (sig) => `tx${[1, 2, 3, 4, 5].find((n) => testSignature(n) === sig)}`),
        a.type,
        a.asset,
        a.quantity,
        a.executedAt,
      ])
      .sort((x, y) => String(x[0]).localeCompare(String(y[0])));
    // Transcribed by hand from solana-test-wallet.ts's history.
    expect(rows).toEqual([
      ['tx1:SOL', 'deposit', 'SOL', '2', '2024-06-01T00:06:40.000Z'],
      [
        'tx2:EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v',
        'withdrawal',
        'solana:EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v',
        '100',
        '2024-06-01T00:13:20.000Z',
      ],
      ['tx2:fee', 'fee', 'SOL', '0.000005', '2024-06-01T00:13:20.000Z'],
      // Found only by walking the token account: the transaction never names the owner.
      [`tx3:${UNLISTED_MINT}`, 'deposit', `solana:${UNLISTED_MINT}`, '0.00042', '2024-06-01T00:20:00.000Z'],
      // A failed transaction still costs its fee; moving SOL into the owner's stake account costs only the fee.
      ['tx4:fee', 'fee', 'SOL', '0.000005', '2024-06-01T00:26:40.000Z'],
      ['tx5:fee', 'fee', 'SOL', '0.000005', '2024-06-01T00:33:20.000Z'],
    ]);
  });
});
