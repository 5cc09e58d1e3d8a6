import { ValidationError } from '@omnifolio/shared/errors';
import { describe, expect, it } from 'vitest';
import { parseSolanaAddress } from './solana-address.js';

function issueOf(input: string) {
  try {
    parseSolanaAddress(input, 'address');
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues[0];
  }
  throw new Error(`${input} was accepted`);
}

describe('parseSolanaAddress', () => {
  it.each([
    // The owner in Solana's getTokenAccountsByOwner documentation example, and two program ids.
    '4Qkev8aNZcqFNSRhQzwyLMFSsi94jHqE8WNVTJzTP99F',
    'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA',
    'TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb',
    '11111111111111111111111111111111',
  ])('accepts %s', (address) => {
    expect(parseSolanaAddress(` ${address}\n`)).toBe(address);
  });

  it('refuses characters outside base58, naming the character', () => {
    expect(issueOf('4Qkev8aNZcqFNSRhQzwyLMFSsi94jHqE8WNVTJzTP990')).toEqual({ path: 'address', message: expect.stringMatching(/cannot contain "0"/) });
    expect(issueOf('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed')?.message).toMatch(/cannot contain "0"/);
  });

  it('refuses a truncated address by its decoded length', () => {
    expect(issueOf('4Qkev8aNZcqFNSRhQzwyLMFSsi94jHqE8WNVTJzTP9')?.message).toMatch(/decodes to 32 bytes; this one decodes to 31/);
  });

  it('refuses an empty address', () => {
    expect(issueOf('  ')?.message).toBe('The address is empty.');
  });
});
