import type { Address } from 'viem';
import { curatedEvmTokens } from '../../connectors/evm/evm-token-list.js';
import { EvmRpcSimulator } from './evm-rpc-simulator.js';

/**
 * The demo portfolio's self-custody wallet: one address holding native coins on all seven
 * chains and a few curated tokens. The address is keccak256("omnifolio demo wallet")'s last
 * 20 bytes: nobody holds its key, and the demo never reaches a real chain.
 * Amounts are raw integers (wei, token units), as a node reports them.
 */
export const DEMO_WALLET_ADDRESS: Address = '0x6a7896EF042d787062357209B631C5E7a922A761';

export const DEMO_WALLET_NATIVE: Readonly<Record<number, bigint>> = {
  1: 1_842_500_000_000_000_000n, // 1.8425 ETH
  42161: 420_000_000_000_000_000n, // 0.42 ETH
  10: 65_000_000_000_000_000n, // 0.065 ETH
  8453: 133_700_000_000_000_000n, // 0.1337 ETH
  137: 250_000_000_000_000_000_000n, // 250 POL
  56: 750_000_000_000_000_000n, // 0.75 BNB
  43114: 12_500_000_000_000_000_000n, // 12.5 AVAX
};

/** chain id → curated token symbol → raw amount. */
export const DEMO_WALLET_TOKENS: Readonly<Record<number, Readonly<Record<string, bigint>>>> = {
  1: { USDC: 2_500_500_000n, LINK: 48_250_000_000_000_000_000n },
  42161: { USDC: 310_000_000n },
  8453: { USDC: 120_000_000n },
  137: { USDC: 75_250_000n },
};

/** An EVM RPC simulator serving the demo wallet on the seven chains. */
export function createDemoWalletSimulator(): EvmRpcSimulator {
  const sim = new EvmRpcSimulator();
  for (const [chainId, wei] of Object.entries(DEMO_WALLET_NATIVE)) sim.setNativeBalance(Number(chainId), DEMO_WALLET_ADDRESS, wei);
  // Every curated token exists on its chain (balance 0 unless held), as on the real chains.
  for (const token of curatedEvmTokens()) sim.addToken(token.chainId, token);
  for (const [chainId, held] of Object.entries(DEMO_WALLET_TOKENS)) {
    for (const [symbol, raw] of Object.entries(held)) {
      const token = curatedEvmTokens().find((t) => t.chainId === Number(chainId) && t.symbol === symbol);
      if (!token) throw new Error(`demo wallet: no curated ${symbol} on chain ${chainId}`);
      sim.setTokenBalance(Number(chainId), token.address, DEMO_WALLET_ADDRESS, raw);
    }
  }
  return sim;
}
