import { parseEvmAddress } from './evm-address.js';
import { parseSolanaAddress } from './solana-address.js';

/** The address formats Omnifolio tracks; each maps to one connector. */
export const chainFamilies = ['evm', 'solana'] as const;
export type ChainFamily = (typeof chainFamilies)[number];

/** Validates and normalizes an address of the given family (EVM: checksummed). */
export function parseWalletAddress(family: ChainFamily, input: string, field = 'address'): string {
  return family === 'evm' ? parseEvmAddress(input, field) : parseSolanaAddress(input, field);
}
