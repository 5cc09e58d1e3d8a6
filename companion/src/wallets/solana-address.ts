import { ValidationError } from '@omnifolio/shared/errors';
import { base58 } from '@scure/base';

/** A Solana address (an ed25519 public key or a program-derived address): base58 of 32 bytes. */
export type SolanaAddress = string & { readonly __solanaAddress: true };

/**
 * Reads a Solana address as a person pastes it. Base58 has no checksum, so the strongest
 * check available is the alphabet (no 0, O, I or l) and the decoded length of 32 bytes.
 */
export function parseSolanaAddress(input: string, field = 'address'): SolanaAddress {
  const value = input.trim();
  const fail = (message: string, hint: string) => {
    throw new ValidationError(`${field}: ${message}`, [{ path: field, message }], { hints: [hint] });
  };
  const bad = value.match(/[^1-9A-HJ-NP-Za-km-z]/);
  if (value === '' || bad) {
    fail(
      bad ? `A Solana address is base58 and cannot contain "${bad[0]}" (base58 has no 0, O, I, l or punctuation).` : 'The address is empty.',
      'Copy the address again from your wallet or a block explorer.',
    );
  }
  const bytes = base58.decode(value);
  if (bytes.length !== 32) {
    fail(`A Solana address decodes to 32 bytes; this one decodes to ${bytes.length}.`, 'Copy the whole address: characters are missing or extra.');
  }
  return value as SolanaAddress;
}
