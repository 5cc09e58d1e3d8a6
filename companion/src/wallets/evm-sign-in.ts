import { type Address, type Hex, isHex, recoverMessageAddress } from 'viem';
import { createSiweMessage } from 'viem/siwe';

export interface EvmSignInFields {
  domain: string;
  address: Address;
  statement: string;
  uri: string;
  nonce: string;
  issuedAt: Date;
  expirationTime: Date;
}

/** An EIP-4361 (Sign-In with Ethereum) message, through viem. Chain id 1: the message is not chain-specific for a read-only tracker. */
export function createEvmSignInMessage(f: EvmSignInFields): string {
  return createSiweMessage({ ...f, chainId: 1, version: '1' });
}

/**
 * True when `signature` is the address's `personal_sign` signature of `message`. Only
 * externally owned accounts sign this way; smart-contract wallets (ERC-1271) would need the
 * chain and are tracked watch-only instead.
 */
export async function verifyEvmSignature(message: string, signature: string, address: Address): Promise<boolean> {
  if (!isHex(signature) || signature.length !== 132) return false;
  try {
    const signer = await recoverMessageAddress({ message, signature: signature as Hex });
    return signer.toLowerCase() === address.toLowerCase();
  } catch {
    return false;
  }
}
