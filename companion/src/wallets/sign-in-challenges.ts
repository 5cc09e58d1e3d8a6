import { randomBytes } from 'node:crypto';
import { UnauthorizedError } from '@omnifolio/shared/errors';
import type { ChainFamily } from './chain-family.js';

/** A sign-in message the companion wrote for one address, waiting for its signature. */
export interface SignInChallenge {
  nonce: string;
  chainFamily: ChainFamily;
  address: string;
  /** The exact text the wallet must sign; the client never supplies it back. */
  message: string;
  expiresAt: number;
}

const TTL_MS = 10 * 60_000;

/**
 * One-time nonces for wallet sign-in. A nonce is bound to the address and the message it was
 * issued with, expires after ten minutes, and is consumed by the first verification attempt,
 * right or wrong, so a signature can never be replayed or retried against it.
 */
export function createSignInChallenges(now: () => number = Date.now) {
  const pending = new Map<string, SignInChallenge>();

  const sweep = () => {
    for (const [nonce, c] of pending) if (c.expiresAt <= now()) pending.delete(nonce);
  };

  return {
    /** A fresh nonce: 96 random bits, alphanumeric (EIP-4361 wants at least 8 such characters). */
    newNonce(): string {
      return randomBytes(12).toString('hex');
    },

    issue(challenge: Omit<SignInChallenge, 'expiresAt'>): SignInChallenge {
      sweep();
      const stored = { ...challenge, expiresAt: now() + TTL_MS };
      pending.set(challenge.nonce, stored);
      return stored;
    },

    /** Removes and returns the challenge; throws if it is unknown, used or expired. */
    consume(nonce: string): SignInChallenge {
      sweep();
      const challenge = pending.get(nonce);
      pending.delete(nonce);
      if (!challenge) {
        throw new UnauthorizedError('This sign-in request was already used or has expired.', {
          hints: ['Start again from the connect page: each signature request can be used once, within ten minutes.'],
        });
      }
      return challenge;
    },
  };
}

export type SignInChallenges = ReturnType<typeof createSignInChallenges>;
