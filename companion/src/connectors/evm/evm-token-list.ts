import { readFileSync } from 'node:fs';
import { type Address, getAddress } from 'viem';
import { z } from 'zod';

/** An ERC-20 the connector knows without asking the chain: contract, symbol, decimals. */
export interface EvmToken {
  chainId: number;
  /** Checksummed. */
  address: Address;
  symbol: string;
  name: string;
  decimals: number;
}

const tokenListSchema = z.object({
  description: z.string(),
  tokens: z.array(
    z.object({
      chainId: z.number().int().positive(),
      // getAddress throws on a wrong EIP-55 checksum, so a typo in the file fails loudly here.
      address: z.string().transform((a) => getAddress(a)),
      symbol: z.string().min(1),
      name: z.string().min(1),
      decimals: z.number().int().min(0).max(36),
    }),
  ),
});

let cached: readonly EvmToken[] | undefined;

/** The curated list (evm-token-list.json), read once. */
export function curatedEvmTokens(): readonly EvmToken[] {
  cached ??= tokenListSchema.parse(JSON.parse(readFileSync(new URL('./evm-token-list.json', import.meta.url), 'utf8'))).tokens;
  return cached;
}

export function curatedEvmTokensOn(chainId: number): EvmToken[] {
  return curatedEvmTokens().filter((t) => t.chainId === chainId);
}
