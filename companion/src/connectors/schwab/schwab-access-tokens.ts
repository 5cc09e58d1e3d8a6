import { createHash } from 'node:crypto';
import type { SchwabTokens } from './schwab-oauth.js';

/** Renew this long before Schwab's 30 minutes end, as schwab-py does (its refresh leeway). */
export const SCHWAB_REFRESH_LEEWAY_MS = 5 * 60_000;

interface Entry {
  accessToken: string;
  expiresAt: number;
}

/**
 * Access tokens in memory, per refresh token. The refresh token (7 days) is what the secret
 * store keeps encrypted; an access token lives 30 minutes, so a copy on disk would only widen
 * what a stolen database exposes, and a restarted companion simply renews one. Keys are
 * SHA-256 digests, so the map holds no refresh token in clear.
 */
export class SchwabAccessTokens {
  readonly #entries = new Map<string, Entry>();
  readonly #renewing = new Map<string, Promise<Entry>>();

  static keyOf(appKey: string, refreshToken: string): string {
    return createHash('sha256').update(`${appKey}\n${refreshToken}`).digest('hex');
  }

  /** Keeps a token just obtained (the code exchange gives one with the refresh token). */
  remember(appKey: string, tokens: SchwabTokens): void {
    this.#entries.set(SchwabAccessTokens.keyOf(appKey, tokens.refreshToken), { accessToken: tokens.accessToken, expiresAt: tokens.accessTokenExpiresAt });
  }

  /**
   * A token valid for at least the leeway, renewing it with `renew` when needed. Concurrent
   * callers share one renewal, so two syncs never spend two refreshes.
   */
  async get(appKey: string, refreshToken: string, now: number, renew: () => Promise<SchwabTokens>, force = false): Promise<string> {
    const key = SchwabAccessTokens.keyOf(appKey, refreshToken);
    const entry = this.#entries.get(key);
    if (!force && entry !== undefined && entry.expiresAt - SCHWAB_REFRESH_LEEWAY_MS > now) return entry.accessToken;
    let pending = this.#renewing.get(key);
    if (pending === undefined) {
      pending = renew()
        .then((tokens) => {
          const fresh = { accessToken: tokens.accessToken, expiresAt: tokens.accessTokenExpiresAt };
          this.#entries.set(key, fresh);
          return fresh;
        })
        .finally(() => this.#renewing.delete(key));
      this.#renewing.set(key, pending);
    }
    return (await pending).accessToken;
  }

  forget(appKey: string, refreshToken: string): void {
    this.#entries.delete(SchwabAccessTokens.keyOf(appKey, refreshToken));
  }
}

/** The companion's one cache: the authorization routes fill it, the connector reads it. */
export const schwabAccessTokens = new SchwabAccessTokens();
