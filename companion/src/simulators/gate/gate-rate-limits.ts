/**
 * Gate's documented rate limits ("Frequency limit rule",
 * https://www.gate.io/docs/developers/apiv4/en/#frequency-limit-rule, in force since the
 * adjustment of 22 January 2024: https://www.gate.io/announcements/article/33995). Every limit
 * counts per endpoint; private ones per user (UID, main account and each sub-account apart),
 * public ones per IP. Every answer carries `X-Gate-RateLimit-Requests-Remain`,
 * `X-Gate-RateLimit-Limit` and `X-Gate-RateLimit-Reset-Timestamp` (ms); over the limit Gate answers
 * HTTP 429 with `{ "label": "TOO_MANY_REQUESTS", "message": "Request Rate limit Exceeded" }`.
 */
export interface GateRateLimit {
  requests: number;
  windowMs: number;
}

/**
 * 200 requests per 10 s per endpoint: every public endpoint (per IP), and the reads of the Wallet
 * (deposits, withdrawals), Spot (accounts, my_trades), Perpetual Futures, Delivery and Options
 * areas ("The Others: 200r/10s per endpoint" in each of those rows of the table).
 */
export const GATE_DEFAULT_LIMIT: GateRateLimit = { requests: 200, windowMs: 10_000 };

/**
 * 150 requests per 10 s per endpoint: "Other Private endpoints … Earning, collateral etc", which
 * covers margin and legacy cross margin, the unified account, Earn and the account endpoints (the
 * table names no other limit for them; ccxt's gate.js prices them at 20/15 of its 200-per-10-s
 * budget, the same 150).
 */
export const GATE_OTHER_PRIVATE_LIMIT: GateRateLimit = { requests: 150, windowMs: 10_000 };

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
