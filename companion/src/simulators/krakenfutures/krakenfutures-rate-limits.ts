/**
 * Kraken Futures' REST limits (https://docs.kraken.com/api/docs/guides/futures-rate-limits,
 * "REST Request Limits"): two separate budgets, each a pool that refills continuously.
 *
 * - `/derivatives` endpoints: up to 500 cost units every 10 seconds. accounts 2, openpositions 2,
 *   fills 2 (25 with `lastFillTime`), GET leveragepreferences 2, GET pnlpreferences 2. Public
 *   endpoints (instruments, tickers) cost nothing.
 * - `/history` endpoints: a pool of 100 tokens, refilled at 100 every 10 minutes. account-log
 *   costs by its `count` (default 500): 1–25 → 1, 26–50 → 2, 51–1000 → 3, 1001–5000 → 6,
 *   5001–100000 → 10; executions, orders and triggers 1 each.
 *
 * Over either budget Kraken answers `{ "result": "error", "error": "apiLimitExceeded" }`.
 */
export const DERIVATIVES_POOL = 500;
export const DERIVATIVES_REFILL_MS = 10_000;
export const HISTORY_POOL = 100;
export const HISTORY_REFILL_MS = 10 * 60_000;

const DERIVATIVES_COSTS: Record<string, number> = {
  accounts: 2,
  openpositions: 2,
  fills: 2,
  leveragepreferences: 2,
  pnlpreferences: 2,
};

/** The documented cost of a `/derivatives/api/v3/<endpoint>` call; `fills` with `lastFillTime` costs 25. */
export function derivativesCost(endpoint: string, query: URLSearchParams): number {
  if (endpoint === 'fills' && query.has('lastFillTime')) return 25;
  return DERIVATIVES_COSTS[endpoint] ?? 1;
}

/** The documented cost of `GET /api/history/v3/account-log` for a `count` (default 500). */
export function accountLogCost(count: number): number {
  if (count <= 25) return 1;
  if (count <= 50) return 2;
  if (count <= 1000) return 3;
  if (count <= 5000) return 6;
  return 10;
}

/** A pool of `size` units refilling continuously at `size` per `periodMs`. */
export class CostPool {
  #level: number;
  #at: number | undefined;
  constructor(
    readonly size: number,
    readonly periodMs: number,
  ) {
    this.#level = size;
  }

  /** Spends `cost` if the pool holds it; false (nothing spent) when it does not. */
  spend(cost: number, now: number): boolean {
    if (this.#at !== undefined) this.#level = Math.min(this.size, this.#level + ((now - this.#at) * this.size) / this.periodMs);
    this.#at = now;
    if (this.#level < cost) return false;
    this.#level -= cost;
    return true;
  }
}
