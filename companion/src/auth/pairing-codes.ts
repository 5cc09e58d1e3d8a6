import { randomInt } from 'node:crypto';

// No 0/O, 1/I/L: the code is read off a terminal and typed by hand.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export interface PairingCodesOptions {
  ttlMs?: number;
  /** Wrong guesses after which the current code is burnt (a new one must be issued). */
  maxAttempts?: number;
  now?: () => number;
}

/**
 * One-time pairing codes, kept in memory only: a restart invalidates them. One code is live
 * at a time; it expires, is single use, and dies after a few wrong guesses, so the 31^8
 * space cannot be walked by a local process hammering /api/pair.
 */
export function createPairingCodes(options: PairingCodesOptions = {}) {
  const ttlMs = options.ttlMs ?? 10 * 60_000;
  const maxAttempts = options.maxAttempts ?? 5;
  const now = options.now ?? Date.now;
  let current: { code: string; expiresAt: number; attempts: number } | undefined;

  const normalize = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, '');

  return {
    issue(): { code: string; expiresAt: Date } {
      let raw = '';
      for (let i = 0; i < 8; i++) raw += ALPHABET[randomInt(ALPHABET.length)];
      const code = `${raw.slice(0, 4)}-${raw.slice(4)}`;
      current = { code, expiresAt: now() + ttlMs, attempts: 0 };
      return { code, expiresAt: new Date(current.expiresAt) };
    },

    /** True once for the live code; anything else counts as a wrong guess. */
    redeem(code: string): 'ok' | 'wrong' | 'expired' | 'none' {
      if (!current) return 'none';
      if (now() > current.expiresAt) {
        current = undefined;
        return 'expired';
      }
      if (normalize(code) === normalize(current.code)) {
        current = undefined;
        return 'ok';
      }
      current.attempts += 1;
      if (current.attempts >= maxAttempts) current = undefined;
      return 'wrong';
    },

    active(): { code: string; expiresAt: Date } | undefined {
      if (!current || now() > current.expiresAt) return undefined;
      return { code: current.code, expiresAt: new Date(current.expiresAt) };
    },
  };
}

export type PairingCodes = ReturnType<typeof createPairingCodes>;
