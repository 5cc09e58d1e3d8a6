import { createTestContext, describeConnectorContract } from '../contract-suite.js';
import { createSolanaConnector } from './solana-connector.js';
import { createTestSolanaWallet, receiveSol, TEST_OWNER } from './solana-test-wallet.js';

describeConnectorContract({
  name: 'Solana (RPC simulator: SPL Token, Token-2022, stake, history)',
  connector: createSolanaConnector(),
  async setup() {
    const sim = createTestSolanaWallet();
    const url = await sim.start();
    return {
      context: (cursors, signal) => createTestContext({ credentials: { address: TEST_OWNER }, baseUrls: { solana: url }, cursors, signal }),
      // "0" is not in base58's alphabet: no Solana address contains it.
      contextWithBadCredentials: () => createTestContext({ credentials: { address: `0${TEST_OWNER.slice(1)}` }, baseUrls: { solana: url } }),
      // Transcribed by hand from the raw amounts in solana-test-wallet.ts.
      expectedBalances: [
        // 12,345,678,901 lamports free; stake accounts it withdraws from: 5,000,000,000 + 1,234,567,890.
        { accountKey: 'solana', asset: 'SOL', free: '12.345678901', locked: '6.23456789' },
        // Two USDC accounts: 1,234,567 + 98,765,432,100 units of 10^-6.
        { accountKey: 'solana', asset: 'USDC', free: '98766.666667', locked: '0' },
        // Token-2022 at u64 max, 6 decimals: a float would say 18446744073709.55.
        { accountKey: 'solana', asset: 'PYUSD', free: '18446744073709.551615', locked: '0' },
        { accountKey: 'solana', asset: '2cHr…HzXR', free: '0.00042', locked: '0' },
      ],
      faults: sim.server.faults,
      addActivity: async () => [receiveSol(sim, 500_000_000n)],
      close: () => sim.stop(),
    };
  },
});
