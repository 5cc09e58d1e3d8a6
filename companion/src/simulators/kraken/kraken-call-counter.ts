/**
 * Kraken's REST rate limit for private calls, per API key ("call counter"): every call adds to a
 * counter (Ledgers, QueryLedgers, TradesHistory and QueryTrades add 2, the others 1), the counter
 * falls continuously at the account tier's decay rate, and a call that would take it above the
 * tier's maximum is refused with `EAPI:Rate limit exceeded` (and counts nothing).
 *
 * | tier         | maximum | decay      |
 * | ------------ | ------- | ---------- |
 * | Starter      | 15      | 0.33 / s   |
 * | Intermediate | 20      | 0.5 / s    |
 * | Pro          | 20      | 1 / s      |
 */
export interface KrakenTier {
  name: string;
  maximum: number;
  decayPerSecond: number;
}

export const KRAKEN_TIERS = {
  starter: { name: 'Starter', maximum: 15, decayPerSecond: 0.33 },
  intermediate: { name: 'Intermediate', maximum: 20, decayPerSecond: 0.5 },
  pro: { name: 'Pro', maximum: 20, decayPerSecond: 1 },
} as const satisfies Record<string, KrakenTier>;

const HEAVY = new Set(['Ledgers', 'QueryLedgers', 'TradesHistory', 'QueryTrades']);

export function krakenCallCost(method: string): number {
  return HEAVY.has(method) ? 2 : 1;
}

export class KrakenCallCounter {
  #value = 0;
  #at: number | undefined;

  constructor(readonly tier: KrakenTier) {}

  /** The counter at `now` (ms), after decay. */
  valueAt(now: number): number {
    const elapsed = this.#at === undefined ? 0 : Math.max(0, now - this.#at) / 1000;
    return Math.max(0, this.#value - elapsed * this.tier.decayPerSecond);
  }

  /** Counts a call of `cost`; false (and nothing counted) when it would exceed the tier's maximum. */
  charge(cost: number, now: number): boolean {
    const current = this.valueAt(now);
    if (current + cost > this.tier.maximum) return false;
    this.#value = current + cost;
    this.#at = now;
    return true;
  }
}
