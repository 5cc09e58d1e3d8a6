import { startEvmTestChain } from '../../../test/support/evm/evm-test-chain.js';
import { createTestContext, describeConnectorContract } from '../contract-suite.js';
import { createEvmConnector } from './evm-connector.js';

/** Flips the case of the first letter: the EIP-55 checksum no longer matches, a typo by design. */
function breakChecksum(address: string): string {
  const i = address.slice(2).search(/[a-fA-F]/) + 2;
  const ch = address.charAt(i);
  return address.slice(0, i) + (ch === ch.toUpperCase() ? ch.toLowerCase() : ch.toUpperCase()) + address.slice(i + 1);
}

describeConnectorContract({
  name: 'EVM (real Hardhat node, Multicall3)',
  // A plain node has no "transfers of an address" call; history is the Alchemy case's (evm-alchemy.contract.test.ts).
  connector: createEvmConnector({ history: false }),
  async setup() {
    const chain = await startEvmTestChain();
    const { holder, token18 } = chain.holdings;
    const fields = { chains: 'ethereum', tokens: `ethereum:${token18.address}` };
    const baseUrls = { 'evm:1': chain.url };
    return {
      context: (cursors, signal) => createTestContext({ credentials: { address: holder, ...fields }, baseUrls, cursors, signal }),
      // A mixed-case address whose EIP-55 checksum is wrong: no such wallet can be meant.
      contextWithBadCredentials: () => createTestContext({ credentials: { address: breakChecksum(holder), ...fields }, baseUrls }),
      // Transcribed by hand from the raw amounts the harness wrote (evm-test-chain.ts).
      expectedBalances: [
        { accountKey: 'ethereum', asset: 'ETH', free: '12.345678901234567891', locked: '0' },
        { accountKey: 'ethereum', asset: 'USDC', free: '1234567.891234', locked: '0' },
        { accountKey: 'ethereum', asset: 'TEST18', free: '987654.321012345678901234', locked: '0' },
      ],
      async addActivity() {
        throw new Error('A plain node has no transfer history to read; evm-alchemy.contract.test.ts covers history.');
      },
      close: () => chain.stop(),
    };
  },
});
