/**
 * KuCoin's resource pools (VIP0, https://www.kucoin.com/docs-new/rate-limit, "Resource Pool" table):
 * every endpoint spends a documented weight from one pool per user (`spot` including margin 4000,
 * `futures` 2000, `management` 2000, `earn` 2000, and the Unified Trading Account's `uta` 2000) or per IP
 * (`public` 2000), and each pool refills completely 30 s after its window began (one revision of that
 * page gives the unified pool as 200 per 3 s, the same rate). Every answer carries the pool's state:
 * `gw-ratelimit-limit`, `gw-ratelimit-remaining` and `gw-ratelimit-reset` (ms until the refill).
 * A request the pool cannot pay for is answered HTTP 429 with code 429000.
 */
export type KucoinPool = 'spot' | 'futures' | 'management' | 'earn' | 'public' | 'uta';

export const KUCOIN_POOL_QUOTAS: Record<KucoinPool, number> = { spot: 4000, futures: 2000, management: 2000, earn: 2000, public: 2000, uta: 2000 };
export const KUCOIN_POOL_WINDOW_MS = 30_000;

export interface PoolCharge {
  allowed: boolean;
  headers: Record<string, string>;
}

export class KucoinResourcePools {
  readonly #windows = new Map<string, { startedAt: number; used: number }>();
  readonly #quotas: Record<KucoinPool, number>;

  constructor(quotas: Partial<Record<KucoinPool, number>> = {}) {
    this.#quotas = { ...KUCOIN_POOL_QUOTAS, ...quotas };
  }

  charge(owner: string, pool: KucoinPool, weight: number, now: number): PoolCharge {
    const key = `${owner} ${pool}`;
    let window = this.#windows.get(key);
    if (window === undefined || now - window.startedAt >= KUCOIN_POOL_WINDOW_MS) {
      window = { startedAt: now, used: 0 };
      this.#windows.set(key, window);
    }
    const quota = this.#quotas[pool];
    const allowed = window.used + weight <= quota;
    if (allowed) window.used += weight;
    return {
      allowed,
      headers: {
        'gw-ratelimit-limit': String(quota),
        'gw-ratelimit-remaining': String(quota - window.used),
        'gw-ratelimit-reset': String(Math.max(0, window.startedAt + KUCOIN_POOL_WINDOW_MS - now)),
      },
    };
  }
}
