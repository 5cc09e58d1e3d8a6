/**
 * Gate's documented rate limits: most private endpoints allow 200 requests per 10 seconds per
 * endpoint and API key (user), public ones 200 per 10 seconds per IP. Every answer carries
 * `X-Gate-RateLimit-Requests-Remain`, `X-Gate-RateLimit-Limit` and
 * `X-Gate-RateLimit-Reset-Timestamp` (ms); over the limit Gate answers HTTP 429 with
 * `{ "label": "TOO_MANY_REQUESTS", "message": "Request Rate limit Exceeded" }`.
 */
export interface GateRateLimit {
  requests: number;
  windowMs: number;
}

export const GATE_DEFAULT_LIMIT: GateRateLimit = { requests: 200, windowMs: 10_000 };

export interface GateRateDecision {
  allowed: boolean;
  headers: Record<string, string>;
}

/** Fixed windows, as Gate counts them: the count resets at the reset timestamp. */
export class GateRateLimiter {
  readonly #windows = new Map<string, { start: number; count: number }>();

  charge(bucket: string, limit: GateRateLimit, now: number): GateRateDecision {
    let window = this.#windows.get(bucket);
    if (window === undefined || now >= window.start + limit.windowMs) {
      window = { start: now, count: 0 };
      this.#windows.set(bucket, window);
    }
    const allowed = window.count < limit.requests;
    if (allowed) window.count += 1;
    return {
      allowed,
      headers: {
        'x-gate-ratelimit-requests-remain': String(limit.requests - window.count),
        'x-gate-ratelimit-limit': String(limit.requests),
        'x-gate-ratelimit-reset-timestamp': String(window.start + limit.windowMs),
      },
    };
  }
}
