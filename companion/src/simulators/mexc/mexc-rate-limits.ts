/**
 * MEXC's documented rate limits.
 *
 * Spot v3: every endpoint has its own budget, counted in request weight: 20 000 per minute per IP
 * for IP-limited endpoints (`myTrades`, `account`, `exchangeInfo` weigh 10, deposit and withdrawal
 * history 1). Over it MEXC answers HTTP 429 `{ "code": 429, "msg": "Too Many Requests" }` with a
 * Retry-After header (seconds).
 *
 * Futures (contract API): 20 requests per 2 seconds per endpoint and account; over it,
 * `{ "success": false, "code": 510, "message": "Requests are too frequent" }`.
 */
export interface MexcBudget {
  units: number;
  windowMs: number;
}

export const MEXC_SPOT_IP_BUDGET: MexcBudget = { units: 20_000, windowMs: 60_000 };
export const MEXC_CONTRACT_BUDGET: MexcBudget = { units: 20, windowMs: 2_000 };

/** Rolling windows of spent units per bucket. */
export class MexcRateLimiter {
  readonly #spent = new Map<string, { at: number; units: number }[]>();

  /** Spends `units`; returns the ms until they fit when refused, else undefined. */
  charge(bucket: string, units: number, budget: MexcBudget, now: number): number | undefined {
    const recent = (this.#spent.get(bucket) ?? []).filter((s) => s.at > now - budget.windowMs);
    const used = recent.reduce((sum, s) => sum + s.units, 0);
    if (used + units > budget.units) {
      this.#spent.set(bucket, recent);
      let freed = 0;
      for (const s of recent) {
        freed += s.units;
        if (used - freed + units <= budget.units) return s.at + budget.windowMs - now;
      }
      return budget.windowMs;
    }
    recent.push({ at: now, units });
    this.#spent.set(bucket, recent);
    return undefined;
  }
}
