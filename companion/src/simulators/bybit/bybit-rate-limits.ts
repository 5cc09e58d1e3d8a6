/**
 * Bybit's per-UID API rate limits: each endpoint allows N requests per second per account
 * ("execution/list: 10/s", "asset/transfer/query-account-coins-balance: 2/s"). Every answer
 * reports the budget in `X-Bapi-Limit` (the limit), `X-Bapi-Limit-Status` (what is left) and
 * `X-Bapi-Limit-Reset-Timestamp` (ms when the window resets); over the limit, Bybit answers
 * HTTP 200 with retCode 10006 "Too many visits!".
 */
export interface BybitRateLimit {
  perSecond: number;
}

export interface BybitLimitCharge {
  allowed: boolean;
  headers: Record<string, string>;
}

export class BybitRateLimiter {
  readonly #windows = new Map<string, { start: number; used: number }>();

  charge(bucket: string, limit: BybitRateLimit, now: number): BybitLimitCharge {
    let window = this.#windows.get(bucket);
    if (window === undefined || now >= window.start + 1_000) {
      window = { start: now, used: 0 };
      this.#windows.set(bucket, window);
    }
    const allowed = window.used < limit.perSecond;
    if (allowed) window.used += 1;
    return {
      allowed,
      headers: {
        'X-Bapi-Limit': String(limit.perSecond),
        'X-Bapi-Limit-Status': String(limit.perSecond - window.used),
        'X-Bapi-Limit-Reset-Timestamp': String(window.start + 1_000),
      },
    };
  }
}
