import { describe, expect, it } from 'vitest';
import { createPairingCodes } from './pairing-codes.js';

describe('pairing codes', () => {
  it('redeems once, ignoring case and separators', () => {
    const codes = createPairingCodes();
    const { code } = codes.issue();
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(codes.redeem(code.toLowerCase().replace('-', ' '))).toBe('ok');
    expect(codes.redeem(code)).toBe('none');
  });

  it('expires', () => {
    let t = 0;
    const codes = createPairingCodes({ ttlMs: 1000, now: () => t });
    const { code } = codes.issue();
    t = 1001;
    expect(codes.redeem(code)).toBe('expired');
  });

  it('burns the code after repeated wrong guesses', () => {
    const codes = createPairingCodes({ maxAttempts: 3 });
    const { code } = codes.issue();
    for (let i = 0; i < 3; i++) expect(codes.redeem('AAAA-AAAA')).toBe('wrong');
    expect(codes.redeem(code)).toBe('none');
  });

  it('issuing a new code invalidates the old one', () => {
    const codes = createPairingCodes();
    const first = codes.issue().code;
    const second = codes.issue().code;
    if (first !== second) expect(codes.redeem(first)).toBe('wrong');
    expect(codes.redeem(second)).toBe('ok');
  });
});
