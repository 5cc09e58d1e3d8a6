import { ValidationError } from '@omnifolio/shared/errors';
import { describe, expect, it } from 'vitest';
import { parseEvmAddress } from './evm-address.js';

// The EIP-55 specification's own test vectors (eips.ethereum.org/EIPS/eip-55).
const EIP55_VECTORS = [
  '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
  '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
  '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB',
  '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb',
];

function issueOf(input: string, field?: string) {
  try {
    parseEvmAddress(input, field);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues[0];
  }
  throw new Error(`${input} was accepted`);
}

describe('parseEvmAddress', () => {
  it.each(EIP55_VECTORS)('accepts the EIP-55 vector %s as is', (address) => {
    expect(parseEvmAddress(address)).toBe(address);
  });

  it('accepts an all-lowercase address (no checksum) and returns it checksummed', () => {
    expect(parseEvmAddress(` ${EIP55_VECTORS[0]?.toLowerCase()} `)).toBe(EIP55_VECTORS[0]);
  });

  it('refuses a mixed-case address whose checksum is wrong, naming the field', () => {
    const typo = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD';
    expect(issueOf(typo, 'address')).toEqual({ path: 'address', message: expect.stringMatching(/EIP-55 checksum/) });
  });

  it('says how many characters are missing', () => {
    expect(issueOf('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe')?.message).toMatch(/this one has 39/);
  });

  it('refuses non-hex characters and a missing 0x', () => {
    expect(issueOf('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeZ')?.message).toMatch(/hexadecimal/);
    expect(issueOf('5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed')?.message).toMatch(/starts with 0x/);
  });
});
