/**
 * Coinbase's documented rate limits, counted per API key over a rolling window:
 * - Advanced Trade private REST endpoints (`/api/v3/brokerage/...`): 30 requests per second;
 * - the v2 "Track" API (`/v2/...`): 10,000 requests per hour.
 * Exceeding one answers HTTP 429 with `{"errors":[{"id":"rate_limit_exceeded","message":"Too many requests"}]}`
 * (v2) or `{"error":"rate_limit_exceeded","message":"Too many requests"}` (v3).
 */
export interface CoinbaseRateLimit {
  requests: number;
  windowMs: number;
}

export const ADVANCED_TRADE_PRIVATE_LIMIT: CoinbaseRateLimit = { requests: 30, windowMs: 1_000 };
export const V2_LIMIT: CoinbaseRateLimit = { requests: 10_000, windowMs: 3_600_000 };

export class CoinbaseRateLimiter {
  readonly #calls = new Map<string, number[]>();

  /** Records a call; returns the ms until one would be allowed when refused, else undefined. */
  charge(bucket: string, limit: CoinbaseRateLimit, now: number): number | undefined {
    const recent = (this.#calls.get(bucket) ?? []).filter((at) => at > now - limit.windowMs);
    if (recent.length >= limit.requests) {
      this.#calls.set(bucket, recent);
      return (recent[0] as number) + limit.windowMs - now;
    }
    recent.push(now);
    this.#calls.set(bucket, recent);
    return undefined;
  }
}
