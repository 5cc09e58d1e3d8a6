/**
 * CoinEx's rate limits: each private endpoint has its own per-user budget ("10 requests per
 * second" for balances, histories and positions; far more for the cheap ones), public endpoints
 * count per IP. Over the limit, CoinEx answers HTTP 429 with
 * `{ "code": 4213, "message": "The request is too frequent, please try again later." }`.
 */
export interface CoinexRateLimit {
  requests: number;
  windowMs: number;
}

export class CoinexRateLimiter {
  readonly #calls = new Map<string, number[]>();

  /** Records a call; returns the ms until it would be allowed when refused, else undefined. */
  charge(bucket: string, limit: CoinexRateLimit, now: number): number | undefined {
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
