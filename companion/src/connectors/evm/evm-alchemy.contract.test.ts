import { ALCHEMY_TEST_KEY, ALCHEMY_TEST_OWNER, createAlchemyTestWallet } from '../../simulators/alchemy/alchemy-test-wallet.js';
import { createTestContext, describeConnectorContract } from '../contract-suite.js';
import { createEvmConnector } from './evm-connector.js';

describeConnectorContract({
  name: 'EVM with an Alchemy key (Alchemy simulator)',
  // The simulator's budget is lifted for speed here; evm-alchemy.test.ts syncs at the free tier's.
  connector: createEvmConnector({ alchemyComputeUnitsPerSecond: Number.POSITIVE_INFINITY }),
  async setup() {
    const wallet = createAlchemyTestWallet({ computeUnitsPerSecond: Number.POSITIVE_INFINITY });
    const baseUrls = { alchemy: await wallet.sim.start() };
    const credentials = { address: ALCHEMY_TEST_OWNER, chains: 'ethereum, arbitrum', alchemyKey: ALCHEMY_TEST_KEY };
    return {
      context: (cursors, signal) => createTestContext({ credentials, baseUrls, cursors, signal }),
      contextWithBadCredentials: () => createTestContext({ credentials: { ...credentials, alchemyKey: 'revoked-alchemy-key' }, baseUrls }),
      // Transcribed by hand from alchemy-test-wallet.ts's raw amounts. The token without decimals
      // is not there: its amount cannot be read exactly.
      expectedBalances: [
        { accountKey: 'ethereum', asset: 'ETH', free: '1.500000000000000123', locked: '0' },
        { accountKey: 'ethereum', asset: 'USDC', free: '2500.500001', locked: '0' },
        { accountKey: 'ethereum', asset: 'RLC', free: '65972.3', locked: '0' },
        { accountKey: 'arbitrum', asset: 'ETH', free: '0.2', locked: '0' },
        { accountKey: 'arbitrum', asset: 'VISIT-CLAIM.EXAMPLE', free: '1000', locked: '0' },
      ],
      faults: wallet.sim.faults,
      addActivity: async () => [wallet.receive(3_000_000_000_000_000n)],
      close: () => wallet.sim.stop(),
    };
  },
});
