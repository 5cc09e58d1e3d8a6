import { randomBytes } from 'node:crypto';

/**
 * One-time links that open the dashboard in a normal tab. The link's code is exchanged once
 * (POST /api/session) for an HttpOnly session cookie; it expires after `ttlMs`.
 */
export function createLoginLinks(options: { ttlMs?: number; now?: () => number } = {}) {
  const ttlMs = options.ttlMs ?? 12 * 60 * 60_000;
  const now = options.now ?? Date.now;
  const live = new Map<string, number>();

  return {
    issue(): string {
      const code = randomBytes(24).toString('base64url');
      live.set(code, now() + ttlMs);
      return code;
    },
    redeem(code: string): boolean {
      const expiresAt = live.get(code);
      live.delete(code);
      return expiresAt !== undefined && now() <= expiresAt;
    },
  };
}

export type LoginLinks = ReturnType<typeof createLoginLinks>;
