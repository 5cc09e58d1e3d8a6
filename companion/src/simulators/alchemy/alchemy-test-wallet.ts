import type { Address } from 'viem';
import { AlchemySimulator } from './alchemy-simulator.js';

/**
 * A wallet as Alchemy sees it, for the EVM connector's Alchemy tests: on Ethereum, ETH, curated
 * USDC, RLC (not curated: the Token API quickstart's contract and balance) and a token whose
 * decimals nobody knows; on Arbitrum, ETH and an airdropped spam token. History: 1,002 incoming
 * ETH transfers on Ethereum (two pages of 1,000), USDC sent out, ETH moved by a contract
 * (`internal`), a self-transfer, and spam received on Arbitrum.
 */
export const ALCHEMY_TEST_KEY = 'omnifolio-test-alchemy-key';
export const ALCHEMY_TEST_OWNER: Address = '0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045';

export const USDC_ETHEREUM: Address = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48';
export const RLC_ETHEREUM: Address = '0x607f4c5bb672230e8672085532f7e901544a7375';
export const NO_DECIMALS_ETHEREUM: Address = '0x00000000000000000000000000000000000d1ce5';
export const SPAM_ARBITRUM: Address = '0x5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a';
const STRANGER: Address = '0xef4396d9ff8107086d215a1c9f8866c54795d7c7';
const EXCHANGE: Address = '0x28c6c06298d514db089934071355e5743bf21d60';

export const INCOMING_ETH_TRANSFERS = 1_002;

const hashOf = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;
const timeOf = (block: number) => new Date(Date.UTC(2024, 0, 1) + block * 12_000).toISOString();

export function createAlchemyTestWallet(options: ConstructorParameters<typeof AlchemySimulator>[0] = {}) {
  const sim = new AlchemySimulator(options);
  sim.addKey(ALCHEMY_TEST_KEY);
  const owner = ALCHEMY_TEST_OWNER;

  sim.setNativeBalance('eth-mainnet', owner, 1_500_000_000_000_000_123n);
  sim.addToken('eth-mainnet', { address: USDC_ETHEREUM, name: 'USD Coin', symbol: 'USDC', decimals: 6 });
  sim.setTokenBalance('eth-mainnet', USDC_ETHEREUM, owner, 2_500_500_001n);
  sim.addToken('eth-mainnet', {
    address: RLC_ETHEREUM,
    name: 'iExec RLC',
    symbol: 'RLC',
    decimals: 9,
    logo: 'https://static.alchemyapi.com/images/assets/1637.png',
  });
  sim.setTokenBalance('eth-mainnet', RLC_ETHEREUM, owner, 0x3c005f81ab00n);
  sim.addToken('eth-mainnet', { address: NO_DECIMALS_ETHEREUM, name: null, symbol: null, decimals: null });
  sim.setTokenBalance('eth-mainnet', NO_DECIMALS_ETHEREUM, owner, 77n);

  sim.setNativeBalance('arb-mainnet', owner, 200_000_000_000_000_000n);
  sim.addToken('arb-mainnet', { address: SPAM_ARBITRUM, name: 'Claim rewards at visit-claim.example', symbol: 'VISIT-CLAIM.EXAMPLE', decimals: 18 });
  sim.setTokenBalance('arb-mainnet', SPAM_ARBITRUM, owner, 1_000_000_000_000_000_000_000n);

  let n = 0;
  const nextHash = () => {
    n += 1;
    return hashOf(n);
  };
  for (let i = 0; i < INCOMING_ETH_TRANSFERS; i += 1) {
    const block = 19_000_000 + i;
    sim.addTransfer('eth-mainnet', {
      block,
      at: timeOf(block),
      hash: nextHash(),
      from: EXCHANGE,
      to: owner,
      category: 'external',
      raw: 1_000_000_000_000_000n + BigInt(i),
    });
  }
  // Two USDC payments in one block (log indexes 3 and 7), an internal ETH payout, a self-send.
  sim.addTransfer('eth-mainnet', {
    block: 19_500_000,
    at: timeOf(19_500_000),
    hash: nextHash(),
    logIndex: 3,
    from: owner,
    to: STRANGER,
    category: 'erc20',
    contract: USDC_ETHEREUM,
    raw: 120_000_000n,
  });
  sim.addTransfer('eth-mainnet', {
    block: 19_500_000,
    at: timeOf(19_500_000),
    hash: nextHash(),
    logIndex: 7,
    from: owner,
    to: STRANGER,
    category: 'erc20',
    contract: USDC_ETHEREUM,
    raw: 30_250_000n,
  });
  sim.addTransfer('eth-mainnet', {
    block: 19_500_010,
    at: timeOf(19_500_010),
    hash: nextHash(),
    from: STRANGER,
    to: owner,
    category: 'internal',
    raw: 42_000_000_000_000_000n,
  });
  sim.addTransfer('eth-mainnet', { block: 19_500_020, at: timeOf(19_500_020), hash: nextHash(), from: owner, to: owner, category: 'external', raw: 5n });
  sim.addTransfer('arb-mainnet', {
    block: 200_000_000,
    at: timeOf(200_000),
    hash: nextHash(),
    logIndex: 1,
    from: STRANGER,
    to: owner,
    category: 'erc20',
    contract: SPAM_ARBITRUM,
    raw: 1_000_000_000_000_000_000_000n,
  });

  return {
    sim,
    /** Adds one incoming ETH transfer on Arbitrum in a new block; returns its Alchemy `uniqueId`. */
    receive(raw: bigint): string {
      const hash = nextHash();
      sim.addTransfer('arb-mainnet', { block: 200_000_000 + n, at: timeOf(200_000 + n), hash, from: EXCHANGE, to: owner, category: 'external', raw });
      return `${hash}:external`;
    },
  };
}
