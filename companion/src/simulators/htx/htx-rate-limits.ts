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

/**
 * Each limit the simulator enforces, with where it comes from. `shared` names a bucket several
 * endpoints count against together (HTX counts the contract API's read interfaces per UID, and its
 * non-market public interfaces per IP, across endpoints).
 */
export const HTX_LIMITS = {
  // HTX's rate-limit table, in force since 4 June 2020:
  // https://huobiglobal.zendesk.com/hc/en-us/articles/900001168066 ("/v1/account/accounts 100times/2s",
  // "/v1/account/accounts/{account-id}/balance 100times/2s", "/v1/query/deposit-withdraw 20times/2s").
  accounts: { requests: 100, windowMs: 2_000 },
  balance: { requests: 100, windowMs: 2_000 },
  depositWithdraw: { requests: 20, windowMs: 2_000 },
  // "Search Match Results … Rate: 20/2s", https://huobiapi.github.io/docs/spot/v1/en/#search-match-results
  // (as transcribed in sieblyio/htx-api src/SpotClient.ts; ccxt's cost 1 for it, 20 per 2 s, agrees).
  // The simulator allowed 50, written from memory.
  matchResults: { requests: 20, windowMs: 2_000 },
  // HTX's current pages for these state no figure (Get UID https://www.htx.com/en-us/opend/newApiPages/?id=7ec52d6c-7773-11ed-9966-0242ac110003,
  // Get Account Ledger ?id=7ec501f7-7773-11ed-9966-0242ac110003); ccxt's cost table (htx.js: cost 1 at its
  // 100 ms base, 20 per 2 s) is the figure used.
  uid: { requests: 20, windowMs: 2_000 },
  apiKey: { requests: 20, windowMs: 2_000 },
  ledger: { requests: 20, windowMs: 2_000 },
  // Public reference data, per IP: ccxt's cost 1 (10 a second); HTX's page states no figure.
  symbols: { requests: 10, windowMs: 1_000 },
  // "Search Past Margin Orders (Cross) … Rate: 2/2s", "(Isolated) … Rate: 100/2s":
  // https://huobiapi.github.io/docs/spot/v1/en/#search-past-margin-orders-cross and #search-past-margin-orders-isolated
  // (as transcribed in sieblyio/htx-api src/SpotClient.ts). ccxt's cost 1 for the cross one would allow 20.
  crossLoanOrders: { requests: 2, windowMs: 2_000 },
  isolatedLoanOrders: { requests: 100, windowMs: 2_000 },
  // The contract API's private read interfaces (v1 and v3): "Read Interface: at most 72 times every 3
  // seconds" per UID, shared by all of them, e.g. https://www.htx.com/en-us/opend/newApiPages/?id=5d5190ae-77b6-11ed-9966-0242ac110003.
  contractRead: { requests: 72, windowMs: 3_000, shared: 'contract-read' },
  // Non-market public contract interfaces (contract info): "120 times every 3 seconds at most for each IP
  // (… shared by all the requests from that IP of non-marketing information)",
  // https://www.htx.com/en-us/opend/newApiPages/?id=28c2d5b0-77ae-11ed-9966-0242ac110003. The simulator
  // allowed 240, written from memory. The mark-price candles' page states no figure; they count here too.
  contractPublic: { requests: 120, windowMs: 3_000, shared: 'contract-public' },
  // v5 (unified USDT-M) API, per UID: ccxt htx.js "48 requests per second" (v5/account/balance, v5/account/bills)
  // and "24 requests per second" (v5/trade/position/opens), as in HTX's v5 docs.
  v5Account: { requests: 48, windowMs: 1_000 },
  v5Positions: { requests: 24, windowMs: 1_000 },
} satisfies Record<string, HtxRateLimit & { shared?: string }>;
