import { ValidationError } from '@omnifolio/shared/errors';
import { type Address, getAddress, isAddress } from 'viem';

/**
 * Reads an EVM address as a person pastes it. EIP-55: an all-lowercase or all-uppercase
 * address carries no checksum and is accepted; a mixed-case one carries a checksum, and a
 * wrong one means a typo (one changed character fails it with probability ~0.9998), so it is
 * refused rather than silently tracked. Returns the checksummed form.
 */
export function parseEvmAddress(input: string, field = 'address'): Address {
  const value = input.trim();
  const fail = (message: string, hint: string) => {
    throw new ValidationError(`${field}: ${message}`, [{ path: field, message }], { hints: [hint] });
  };
  if (!/^0x[0-9a-fA-F]*$/.test(value)) {
    fail('An EVM address starts with 0x followed by 40 hexadecimal characters (0-9, a-f).', 'Copy the address again from your wallet or a block explorer.');
  }
  if (value.length !== 42) {
    fail(
      `An EVM address has 40 hexadecimal characters after 0x; this one has ${value.length - 2}.`,
      'Copy the whole address: a character is missing or extra.',
    );
  }
  if (!isAddress(value, { strict: true })) {
    fail(
      'The address’s mixed upper and lower case letters do not match its EIP-55 checksum, so at least one character is wrong.',
      'Copy the address again from your wallet rather than typing it.',
    );
  }
  return getAddress(value);
}
