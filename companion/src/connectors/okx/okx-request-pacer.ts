import type { ConnectorClock } from '../ccxt/clock.js';

/**
 * OKX limits each private endpoint per key over a rolling window ("5 requests per 2 seconds" for
 * the bills archive, "6 per second" for the funding ledger). ccxt spaces requests by its own cost
 * table in real time; a history walk additionally paces itself here, on the connector's clock,
 * so that a walk of many pages never collects a 429 (50011) even when ccxt's spacing is tuned
 * down, and so a test clock can skip the waiting.
 */
export interface OkxEndpointLimit {
  requests: number;
  windowMs: number;
}

/** The documented limits of the endpoints a history walk pages through, by ccxt implicit method. */
export const OKX_HISTORY_LIMITS: Readonly<Record<string, OkxEndpointLimit>> = {
  privateGetTradeFillsHistory: { requests: 10, windowMs: 2_000 },
  privateGetAccountBillsArchive: { requests: 5, windowMs: 2_000 },
  privateGetAssetBills: { requests: 6, windowMs: 1_000 },
  privateGetAssetDepositHistory: { requests: 6, windowMs: 1_000 },
  privateGetAssetWithdrawalHistory: { requests: 6, windowMs: 1_000 },
  privateGetFinanceSavingsLendingHistory: { requests: 6, windowMs: 1_000 },
};

export class OkxRequestPacer {
  readonly #sent = new Map<string, number[]>();

  constructor(
    private readonly clock: ConnectorClock,
    private readonly limits: Readonly<Record<string, OkxEndpointLimit>> = OKX_HISTORY_LIMITS,
  ) {}

  /**
   * Sends `call` once one more request to `method` fits in its window. The request is recorded
   * at the time its answer arrived: OKX received it no later than that, so counting from then
   * can never undercount, however long signing and the network took.
   */
  async run<T>(method: string, signal: AbortSignal, call: () => Promise<T>): Promise<T> {
    const limit = this.limits[method];
    if (limit === undefined) return call();
    const sent = this.#sent.get(method) ?? [];
    this.#sent.set(method, sent);
    for (;;) {
      const now = this.clock.now();
      const recent = sent.filter((at) => at > now - limit.windowMs);
      sent.splice(0, sent.length, ...recent);
      if (recent.length < limit.requests) break;
      await this.clock.sleep((recent[0] as number) + limit.windowMs - now + 1, signal);
    }
    // Holds the slot while the request is under way; replaced by the time the answer arrived.
    sent.push(Number.POSITIVE_INFINITY);
    try {
      return await call();
    } finally {
      sent.splice(sent.indexOf(Number.POSITIVE_INFINITY), 1, this.clock.now());
      sent.sort((a, b) => a - b);
    }
  }
}

const pacers = new WeakMap<ConnectorClock, Map<string, OkxRequestPacer>>();

/** OKX counts per key, across syncs: one pacer per key (and clock), shared by every walk. */
export function okxPacerFor(clock: ConnectorClock, apiKey: string): OkxRequestPacer {
  let byKey = pacers.get(clock);
  if (byKey === undefined) {
    byKey = new Map();
    pacers.set(clock, byKey);
  }
  let pacer = byKey.get(apiKey);
  if (pacer === undefined) {
    pacer = new OkxRequestPacer(clock);
    byKey.set(apiKey, pacer);
  }
  return pacer;
}
