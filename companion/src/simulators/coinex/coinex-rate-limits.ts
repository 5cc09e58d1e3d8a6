/**
 * CoinEx's rate limits (https://docs.coinex.com/api/v2/rate-limit):
 *
 * - per IP, 400 requests a second over every endpoint;
 * - per account, short-cycle limits by kind of request, each a token bucket that refills at its
 *   rate: balance and position queries ("Account Queries") and trade histories ("Order History")
 *   10 a second, in spot and futures alike. CoinEx pools some endpoints into one group; the
 *   simulator gives every endpoint its own bucket at its group's rate, which the connector (one
 *   request at a time) cannot tell apart.
 *
 * Over either, CoinEx answers HTTP 429 with
 * `{ "code": 4213, "message": "The request is too frequent, please try again later." }`.
 */
export interface CoinexRateLimit {
  /** Bucket size and refill per second. */
  perSecond: number;
}

/** Every endpoint, per IP. */
export const COINEX_IP_LIMIT: CoinexRateLimit = { perSecond: 400 };

export class CoinexRateLimiter {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  /** Takes a token from `bucket`; returns the ms until one is there when refused, else undefined. */
  charge(bucket: string, limit: CoinexRateLimit, now: number): number | undefined {
    const state = this.#buckets.get(bucket) ?? { tokens: limit.perSecond, at: now };
    const tokens = Math.min(limit.perSecond, state.tokens + ((now - state.at) * limit.perSecond) / 1_000);
    if (tokens < 1) {
      this.#buckets.set(bucket, { tokens, at: now });
      return Math.ceil(((1 - tokens) * 1_000) / limit.perSecond);
    }
    this.#buckets.set(bucket, { tokens: tokens - 1, at: now });
    return undefined;
  }
}
