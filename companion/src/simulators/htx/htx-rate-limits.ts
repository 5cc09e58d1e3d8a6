/**
 * HTX's documented rate limits: private endpoints count per UID (every key of one user
 * shares them), public ones per IP, each over its own rolling window ("100 times/2s").
 * Over the limit, the spot gateway answers HTTP 429 with
 * `{"status":"error","err-code":"rate-too-many-requests","err-msg":"exceeded rate limit"}` and
 * the `X-HB-RateLimit-Requests-Remain` / `-Expire` headers say how many are left and when the
 * window ends.
 */
export interface HtxRateLimit {
  requests: number;
  windowMs: number;
}

export class HtxRateLimiter {
  readonly #calls = new Map<string, number[]>();

  /** Records a call; returns what is left and when the window ends, or the wait when refused. */
  charge(bucket: string, limit: HtxRateLimit, now: number): { allowed: boolean; remaining: number; expiresAt: number } {
    const recent = (this.#calls.get(bucket) ?? []).filter((at) => at > now - limit.windowMs);
    if (recent.length >= limit.requests) {
      this.#calls.set(bucket, recent);
      return { allowed: false, remaining: 0, expiresAt: (recent[0] as number) + limit.windowMs };
    }
    recent.push(now);
    this.#calls.set(bucket, recent);
    return { allowed: true, remaining: limit.requests - recent.length, expiresAt: (recent[0] as number) + limit.windowMs };
  }
}
