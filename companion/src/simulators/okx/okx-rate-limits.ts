/**
 * OKX's documented rate limits, per endpoint: private endpoints count per API key (user ID),
 * public ones per IP, over a rolling window ("Rate Limit: 10 requests per 2 seconds").
 * Exceeding one answers HTTP 429 with code 50011.
 */
export interface OkxRateLimit {
  requests: number;
  windowMs: number;
}

export class OkxRateLimiter {
  readonly #calls = new Map<string, number[]>();

  /** Records a call; returns the ms until it would be allowed when refused, else undefined. */
  charge(bucket: string, limit: OkxRateLimit, now: number): number | undefined {
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
