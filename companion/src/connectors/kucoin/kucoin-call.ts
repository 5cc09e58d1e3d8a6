import { RateLimitedError, redactText } from '@omnifolio/shared/errors';
import type { CcxtSession } from '../ccxt/ccxt-session.js';
import { callImplicitApi } from '../ccxt/implicit-api.js';
import { parseRetryAfter } from '../ccxt/map-ccxt-error.js';
import type { ConnectorContext } from '../types.js';

/**
 * Calls one KuCoin endpoint through ccxt's implicit API while staying inside KuCoin's resource
 * pools. Every KuCoin answer says how much of its pool is left (`gw-ratelimit-remaining`) and when
 * the pool refills (`gw-ratelimit-reset`, ms); before a call the pool cannot pay for, this waits
 * for the refill instead of spending a 429. ccxt's own throttle only spaces requests by cost and
 * knows nothing of the pools.
 *
 * A 429 (code 429000) that still arrives becomes RateLimitedError with KuCoin's own wait:
 * `Retry-After` when present, else `gw-ratelimit-reset`; ccxt does not know code 429000 and
 * would report a generic exchange error.
 */
export type KucoinPool = 'spot' | 'futures' | 'management' | 'earn' | 'public' | 'uta';

export interface KucoinEndpoint {
  /** ccxt's implicit method. */
  method: string;
  pool: KucoinPool;
  /** KuCoin's documented weight for the endpoint. */
  weight: number;
}

export const KUCOIN_ENDPOINTS = {
  apiKey: { method: 'privateGetUserApiKey', pool: 'management', weight: 20 },
  accounts: { method: 'privateGetAccounts', pool: 'management', weight: 5 },
  crossMargin: { method: 'privateGetMarginAccounts', pool: 'spot', weight: 15 },
  isolatedMargin: { method: 'privateGetIsolatedAccounts', pool: 'spot', weight: 15 },
  futuresOverview: { method: 'futuresPrivateGetAccountOverview', pool: 'futures', weight: 5 },
  positions: { method: 'futuresPrivateGetPositions', pool: 'futures', weight: 2 },
  contracts: { method: 'futuresPublicGetContractsActive', pool: 'public', weight: 3 },
  earnHoldings: { method: 'earnGetEarnHoldAssets', pool: 'earn', weight: 5 },
  fills: { method: 'privateGetFills', pool: 'spot', weight: 10 },
  // The futures ledger spends the management pool (ccxt: `'transaction-history': { 'cost': 4 }, // 2MW`).
  futuresLedger: { method: 'futuresPrivateGetTransactionHistory', pool: 'management', weight: 2 },
  ledgers: { method: 'privateGetAccountsLedgers', pool: 'management', weight: 2 },
  hfLedgers: { method: 'privateGetHfAccountsLedgers', pool: 'spot', weight: 2 },
  marginHfLedgers: { method: 'privateGetHfMarginAccountLedgers', pool: 'spot', weight: 2 },
  // https://www.kucoin.com/docs/rest/margin-trading/margin-trading-v3-/get-cross-isolated-margin-interest-records: spot pool, weight 20.
  marginInterest: { method: 'privateGetMarginInterest', pool: 'spot', weight: 20 },
  hfFills: { method: 'privateGetHfFills', pool: 'spot', weight: 2 },
  symbols: { method: 'publicGetSymbols', pool: 'public', weight: 4 },
  deposits: { method: 'privateGetDeposits', pool: 'management', weight: 5 },
  // Unified Trading Account (`/api/ua/v1/…`), its own pool. ccxt's costs (60 and 10) count in spot-pool
  // units (4000 per 30 s), twice the unified pool's (2000 per 30 s, https://www.kucoin.com/docs-new/rate-limit).
  accountMode: { method: 'utaPrivateGetAccountMode', pool: 'uta', weight: 30 },
  unifiedBalance: { method: 'utaPrivateGetAccountModeAccountBalance', pool: 'uta', weight: 5 },
  withdrawals: { method: 'privateGetWithdrawals', pool: 'management', weight: 20 },
} as const satisfies Record<string, KucoinEndpoint>;

const DEFAULT_WAIT_MS = 30_000;

/**
 * What KuCoin last said about each resource pool, per API key. One per connector, so that the
 * separate calls of one sync (balances, positions, history) and consecutive syncs share what they
 * learnt, as KuCoin's pools do.
 */
export class KucoinPoolStates {
  readonly #states = new Map<string, { remaining: number; resetAt: number }>();

  get(apiKey: string, pool: KucoinPool) {
    return this.#states.get(`${apiKey} ${pool}`);
  }

  set(apiKey: string, pool: KucoinPool, state: { remaining: number; resetAt: number }): void {
    this.#states.set(`${apiKey} ${pool}`, state);
  }
}

export class KucoinCaller {
  readonly #session: CcxtSession;
  readonly #ctx: ConnectorContext;
  readonly #pools: KucoinPoolStates;
  readonly #apiKey: string;

  constructor(session: CcxtSession, ctx: ConnectorContext, pools: KucoinPoolStates) {
    this.#session = session;
    this.#ctx = ctx;
    this.#pools = pools;
    this.#apiKey = ctx.credentials.apiKey ?? '';
  }

  async call(endpoint: KucoinEndpoint, params: object = {}): Promise<unknown> {
    const clock = this.#session.clock;
    const pool = this.#pools.get(this.#apiKey, endpoint.pool);
    if (pool !== undefined && pool.remaining < endpoint.weight && clock.now() < pool.resetAt) {
      this.#ctx.log.debug({ pool: endpoint.pool, waitMs: pool.resetAt - clock.now() }, 'KuCoin resource pool spent; waiting for its refill');
      await clock.sleep(pool.resetAt - clock.now(), this.#ctx.signal);
    }
    this.#ctx.signal.throwIfAborted();
    const requestsBefore = this.#ctx.meter.requests;
    try {
      const result = await callImplicitApi(this.#session.exchange, endpoint.method, params);
      this.#observe(endpoint.pool, requestsBefore);
      return result;
    } catch (error) {
      this.#observe(endpoint.pool, requestsBefore);
      throw this.#map(error);
    }
  }

  /** Remembers the pool's state from the answer to this call (not from an earlier one). */
  #observe(pool: KucoinPool, requestsBefore: number): void {
    const last = this.#session.transport.last;
    if (last === undefined || this.#ctx.meter.requests === requestsBefore) return;
    const remaining = Number(last.headers.get('gw-ratelimit-remaining') ?? Number.NaN);
    const reset = Number(last.headers.get('gw-ratelimit-reset') ?? Number.NaN);
    if (Number.isFinite(remaining) && Number.isFinite(reset)) this.#pools.set(this.#apiKey, pool, { remaining, resetAt: this.#session.clock.now() + reset });
  }

  #map(error: unknown): Error {
    const last = this.#session.transport.last;
    const message = error instanceof Error ? error.message : String(error);
    if (!this.#ctx.signal.aborted && (last?.status === 429 || message.includes('"429000"'))) {
      const now = this.#session.clock.now();
      const reset = Number(last?.headers.get('gw-ratelimit-reset') ?? Number.NaN);
      const waitMs = parseRetryAfter(last?.headers.get('retry-after') ?? null, now) ?? (Number.isFinite(reset) ? reset : DEFAULT_WAIT_MS);
      return new RateLimitedError(`KuCoin asked Omnifolio to slow down; it will try again in ${Math.max(1, Math.ceil(waitMs / 1000))} s.`, waitMs, {
        hints: ['Other programs using this KuCoin account’s API keys spend the same request budget.'],
        details: redactText(message),
      });
    }
    return this.#session.mapError(error);
  }
}
