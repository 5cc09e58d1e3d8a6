import { createHash } from 'node:crypto';
import { type Address, getAddress } from 'viem';
import { EVM_CHAINS } from '../../connectors/evm/evm-chains.js';
import { curatedEvmTokens, curatedEvmTokensOn } from '../../connectors/evm/evm-token-list.js';
import { AlchemySimulator } from '../alchemy/alchemy-simulator.js';
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

/** The demo wallet's Alchemy key: fixed, so the demo connection keeps it across restarts of the companion. */
export const DEMO_WALLET_ALCHEMY_KEY = 'omnifolio-demo-wallet-key';

/**
 * When each holding arrived, in days before today: one transfer per entry, the first ones
 * 60 % of the holding and the last the rest, so the transfers add up to the balance exactly
 * (nothing left the wallet, so no gas was paid from it). Key: chain id, then token symbol or
 * `native`.
 */
const ARRIVALS: Readonly<Record<number, Readonly<Record<string, readonly number[]>>>> = {
  1: { native: [1100, 420], USDC: [640, 95], LINK: [510] },
  42161: { native: [760, 130], USDC: [300] },
  10: { native: [580] },
  8453: { native: [450, 40], USDC: [210] },
  137: { native: [900], USDC: [170] },
  56: { native: [820, 260] },
  43114: { native: [700, 35] },
};

/** Seconds per block and a recent head, per chain: block numbers that grow with time as on the real chains. */
const BLOCKS: Readonly<Record<number, { seconds: number; head: number }>> = {
  1: { seconds: 12, head: 23_900_000 },
  42161: { seconds: 0.25, head: 400_000_000 },
  10: { seconds: 2, head: 143_000_000 },
  8453: { seconds: 2, head: 38_000_000 },
  137: { seconds: 2, head: 79_000_000 },
  56: { seconds: 3, head: 68_000_000 },
  43114: { seconds: 2, head: 72_000_000 },
};

const DAY_MS = 86_400_000;

/** A deterministic 32-byte hex (transaction hashes, counterparties) from a label. */
const hex32 = (label: string): `0x${string}` => `0x${createHash('sha256').update(`omnifolio demo wallet ${label}`).digest('hex')}`;

/** Splits `raw` into `parts` transfers: 60 % each but the last, the last the rest. */
function split(raw: bigint, parts: number): bigint[] {
  const out: bigint[] = [];
  let left = raw;
  for (let i = 0; i < parts - 1; i++) {
    const part = (left * 6n) / 10n;
    out.push(part);
    left -= part;
  }
  out.push(left);
  return out;
}

/**
 * The demo wallet as Alchemy serves it with a key: the same balances on the seven chains, and
 * the transfers that brought them (ARRIVALS), so the wallet's history, and its part of the
 * equity curve, starts at its first receipt instead of on the day the demo was made.
 */
export function createDemoWalletAlchemy(nowMs: number): AlchemySimulator {
  const sim = new AlchemySimulator({ computeUnitsPerSecond: Number.POSITIVE_INFINITY });
  sim.addKey(DEMO_WALLET_ALCHEMY_KEY);
  for (const chain of EVM_CHAINS) {
    const network = chain.alchemyNetwork;
    const { seconds, head } = BLOCKS[chain.id]!;
    const native = DEMO_WALLET_NATIVE[chain.id] ?? 0n;
    sim.setNativeBalance(network, DEMO_WALLET_ADDRESS, native);
    for (const token of curatedEvmTokensOn(chain.id))
      sim.addToken(network, { address: token.address, name: token.name, symbol: token.symbol, decimals: token.decimals });
    const held = DEMO_WALLET_TOKENS[chain.id] ?? {};
    for (const [symbol, days] of Object.entries(ARRIVALS[chain.id] ?? {})) {
      const token = symbol === 'native' ? undefined : curatedEvmTokensOn(chain.id).find((t) => t.symbol === symbol);
      if (symbol !== 'native' && token === undefined) throw new Error(`demo wallet: no curated ${symbol} on chain ${chain.id}`);
      const raw = token === undefined ? native : (held[symbol] ?? 0n);
      if (token !== undefined) sim.setTokenBalance(network, token.address, DEMO_WALLET_ADDRESS, raw);
      split(raw, days.length).forEach((amount, i) => {
        const daysAgo = days[i]!;
        const label = `${chain.id}:${symbol}:${i}`;
        sim.addTransfer(network, {
          block: head - Math.round((daysAgo * 86_400) / seconds),
          at: new Date(nowMs - daysAgo * DAY_MS).toISOString(),
          hash: hex32(label),
          ...(token === undefined ? { category: 'external' as const } : { category: 'erc20' as const, contract: token.address, logIndex: i }),
          from: getAddress(`0x${hex32(`from ${label}`).slice(-40)}`),
          to: DEMO_WALLET_ADDRESS,
          raw: amount,
        });
      });
    }
  }
  return sim;
}
