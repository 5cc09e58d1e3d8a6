/**
 * MEXC's documented rate limits, as the simulator enforces them.
 *
 * Spot v3 (https://mexcdevelop.github.io/apidocs/spot_v3_en/#limits): "Each endpoint with IP
 * limits has an independent 500 every 10 second limit", counted in the endpoint's weight
 * (`myTrades`, `account`, `exchangeInfo` weigh 10, deposit and withdrawal history 1, the listen-key
 * endpoints 1: "Weight(IP)" beside each endpoint). Over it MEXC answers HTTP 429
 * `{ "code": 429, "msg": "Too Many Requests" }` with a Retry-After header (seconds).
 * `GET /api/v3/account` also says "rate limit: 2 times/s"
 * (https://mexcdevelop.github.io/apidocs/spot_v3_en/#account-information); that one is not enforced
 * here: the connector reads the account once per sync, `test()` or live reconnect.
 *
 * Futures (https://mexcdevelop.github.io/apidocs/contract_v1_en/): "Rate limit: 20 times / 2
 * seconds" beside the endpoints read here (ticker, account assets, open positions, funding records,
 * transfer records, closed positions, fills), and "Rate limit: 1 times / 5 seconds" for
 * `contract/detail`; over it, `{ "success": false, "code": 510, "message": "Requests are too frequent" }`.
 */
export interface MexcBudget {
  units: number;
  windowMs: number;
}

export const MEXC_SPOT_IP_BUDGET: MexcBudget = { units: 500, windowMs: 10_000 };
export const MEXC_CONTRACT_BUDGET: MexcBudget = { units: 20, windowMs: 2_000 };
/** `GET /api/v1/contract/detail`: "Rate limit: 1 times / 5 seconds". */
export const MEXC_CONTRACT_DETAIL_BUDGET: MexcBudget = { units: 1, windowMs: 5_000 };

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
