import { describe, expect, it } from 'vitest';
import { isUnlistedToken } from './curated-tokens.js';

describe('isUnlistedToken', () => {
  it('knows the curated EVM and Solana tokens, whatever the address case, and never flags coins or exchange assets', () => {
    expect(isUnlistedToken('evm:1:0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48')).toBe(false); // USDC on Ethereum
    expect(isUnlistedToken('solana:EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v')).toBe(false); // USDC on Solana
    expect(isUnlistedToken('cg:ethereum')).toBe(false);
    expect(isUnlistedToken('sym:XYZ')).toBe(false);
  });

  it('flags any other on-chain token', () => {
    expect(isUnlistedToken('evm:42161:0x5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a')).toBe(true);
    // The same USDC contract on another chain is another token.
    expect(isUnlistedToken('evm:137:0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48')).toBe(true);
    expect(isUnlistedToken('solana:4k3Dyjzvzp8eMZWUXbBCjEvwSkkk59S5iCNLY3QrkX6R')).toBe(true);
  });
});
