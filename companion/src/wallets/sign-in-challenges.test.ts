import { UnauthorizedError } from '@omnifolio/shared/errors';
import { describe, expect, it } from 'vitest';
import { createSignInChallenges } from './sign-in-challenges.js';

describe('sign-in challenges', () => {
  const issue = (challenges: ReturnType<typeof createSignInChallenges>) => {
    const nonce = challenges.newNonce();
    challenges.issue({ nonce, chainFamily: 'evm', address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', message: 'sign me' });
    return nonce;
  };

  it('issues alphanumeric nonces of at least 8 characters, never the same twice', () => {
    const challenges = createSignInChallenges();
    const nonces = new Set(Array.from({ length: 100 }, () => challenges.newNonce()));
    expect(nonces.size).toBe(100);
    for (const n of nonces) expect(n).toMatch(/^[0-9a-f]{24}$/);
  });

  it('gives a challenge back once, with its message', () => {
    const challenges = createSignInChallenges();
    const nonce = issue(challenges);
    expect(challenges.consume(nonce)).toMatchObject({ nonce, message: 'sign me' });
    expect(() => challenges.consume(nonce)).toThrow(UnauthorizedError);
  });

  it('expires a challenge after ten minutes', () => {
    let now = 1_000_000;
    const challenges = createSignInChallenges(() => now);
    const fresh = issue(challenges);
    const stale = issue(challenges);
    now += 10 * 60_000 - 1;
    expect(challenges.consume(fresh).nonce).toBe(fresh);
    now += 1;
    expect(() => challenges.consume(stale)).toThrow('This sign-in request was already used or has expired.');
  });
});
