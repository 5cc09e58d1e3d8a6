import { ed25519 } from '@noble/curves/ed25519.js';
import { base58 } from '@scure/base';

export interface SolanaSignInFields {
  domain: string;
  address: string;
  statement: string;
  uri: string;
  nonce: string;
  issuedAt: string;
  expirationTime: string;
}

/**
 * The Sign-In With Solana message text (the format Phantom and the Wallet Standard
 * `solana:signIn` feature produce, modelled on EIP-4361), for wallets that sign it with
 * `signMessage`.
 */
export function createSolanaSignInMessage(f: SolanaSignInFields): string {
  return [
    `${f.domain} wants you to sign in with your Solana account:`,
    f.address,
    '',
    f.statement,
    '',
    `URI: ${f.uri}`,
    'Version: 1',
    'Chain ID: mainnet',
    `Nonce: ${f.nonce}`,
    `Issued At: ${f.issuedAt}`,
    `Expiration Time: ${f.expirationTime}`,
  ].join('\n');
}

/** True when `signature` (base58 or base64, 64 bytes) is the address's ed25519 signature of `message`. */
export function verifySolanaSignature(message: string, signature: string, address: string): boolean {
  let sig: Uint8Array;
  try {
    sig = /^[1-9A-HJ-NP-Za-km-z]+$/.test(signature) ? base58.decode(signature) : Uint8Array.from(Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
  if (sig.length !== 64) return false;
  try {
    return ed25519.verify(sig, new TextEncoder().encode(message), base58.decode(address));
  } catch {
    return false;
  }
}
