import type { CcxtSession } from '../ccxt/ccxt-session.js';
import { callImplicitApi } from '../ccxt/implicit-api.js';
import type { ConnectorContext } from '../types.js';

/**
 * Calls one Bitget endpoint through ccxt's implicit API within Bitget's documented frequency limit
 * for it ("10 times/1s (UID)"): Bitget counts per endpoint, ccxt's throttle only spaces all requests
 * by an average cost, so a history walk that calls one endpoint in a burst would earn 429s. Before
 * a call that would exceed its endpoint's limit this waits (on the connector's clock) until the
 * oldest call of the last second has aged out.
 */
export const BITGET_LIMITS_PER_SECOND: Record<string, number> = {
  privateSpotGetV2SpotAccountInfo: 1,
  privateSpotGetV2SpotAccountAssets: 10,
  privateSpotGetV2AccountFundingAssets: 10,
  privateMarginGetV2MarginCrossedAccountAssets: 10,
  privateMarginGetV2MarginIsolatedAccountAssets: 10,
  privateMarginGetV2MarginCrossedFinancialRecords: 10,
  privateMarginGetV2MarginIsolatedFinancialRecords: 10,
  privateMarginGetV2MarginCrossedInterestHistory: 10,
  privateMarginGetV2MarginCrossedFills: 10,
  privateMarginGetV2MarginIsolatedFills: 10,
  privateMarginGetV2MarginIsolatedInterestHistory: 10,
  privateEarnGetV2EarnSavingsAssets: 10,
  privateEarnGetV2EarnSavingsRecords: 10,
  privateMixGetV2MixAccountAccounts: 10,
  privateMixGetV2MixPositionAllPosition: 5,
  privateSpotGetV2SpotWalletDepositRecords: 10,
  privateSpotGetV2SpotWalletWithdrawalRecords: 10,
  privateSpotGetV2SpotAccountBills: 10,
  privateMixGetV2MixAccountBill: 10,
  privateSpotGetV2SpotTradeFills: 10,
  publicSpotGetV2SpotPublicSymbols: 20,
};

/**
 * The calls of the last second per API key and endpoint. One per connector, so that calls of
 * consecutive syncs of the same account (balances, then positions, then history) count together,
 * as Bitget counts them.
 */
export class BitgetCallLog {
  readonly #recent = new Map<string, number[]>();

  /** How long to wait before a call may be made; 0 when it may be made now. */
  waitFor(key: string, limit: number, now: number): number {
    const recent = (this.#recent.get(key) ?? []).filter((at) => at > now - 1_000);
    this.#recent.set(key, recent);
    return recent.length >= limit ? (recent[0] as number) + 1_000 - now : 0;
  }

  /**
   * Records a call when its answer has arrived: Bitget saw it at some moment before that, so
   * counting it from then keeps the next second's calls inside the limit however long it took.
   */
  record(key: string, at: number): void {
    this.#recent.set(key, [...(this.#recent.get(key) ?? []), at]);
  }
}

export class BitgetCaller {
  readonly #session: CcxtSession;
  readonly #ctx: ConnectorContext;
  readonly #log: BitgetCallLog;

  constructor(session: CcxtSession, ctx: ConnectorContext, log: BitgetCallLog) {
    this.#session = session;
    this.#ctx = ctx;
    this.#log = log;
  }

  async call(method: string, params: object = {}): Promise<unknown> {
    const clock = this.#session.clock;
    const key = `${this.#ctx.credentials.apiKey ?? ''} ${method}`;
    const limit = BITGET_LIMITS_PER_SECOND[method] ?? 1;
    for (let wait = this.#log.waitFor(key, limit, clock.now()); wait > 0; wait = this.#log.waitFor(key, limit, clock.now())) {
      await clock.sleep(wait, this.#ctx.signal);
    }
    try {
      return await this.#session.call((exchange) => callImplicitApi(exchange, method, params));
    } finally {
      this.#log.record(key, clock.now());
    }
  }
}
