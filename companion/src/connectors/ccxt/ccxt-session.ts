import type { BaseError } from '@omnifolio/shared/errors';
import type { Exchange } from 'ccxt';
import type { ConnectorContext } from '../types.js';
import type { ConnectorClock } from './clock.js';
import { type CreatedExchange, createExchange } from './create-exchange.js';
import type { CcxtModule } from './load-ccxt.js';
import { mapCcxtError } from './map-ccxt-error.js';
import { loadMarketsCached } from './market-cache.js';
import type { ObservedResponse, TransportState } from './metered-fetch.js';

/** What a ccxt-backed connector declares about its exchange. */
export interface CcxtExchangeSpec {
  /** ccxt's exchange id. */
  exchangeId: string;
  /** Our provider id (key of `ctx.baseUrls`). */
  providerId: string;
  /** The name people know: "Binance". */
  name: string;
  /** ccxt per-exchange options (which markets to load, …). */
  options?: Record<string, unknown>;
  weightHeaders?: readonly string[];
  meterWeightHeader?: string;
  /**
   * Exchange-specific readings of errors (Binance error codes); undefined falls back to the generic
   * mapping. `context` carries what ccxt's exceptions lose: the last answer's status and headers
   * (Gate's `X-Gate-RateLimit-Reset-Timestamp`) and the clock.
   */
  refineError?: (error: unknown, ccxt: CcxtModule, name: string, context: { lastResponse?: ObservedResponse; now: number }) => BaseError | undefined;
}

/** Knobs tests turn: a shared clock, a short timeout, a tiny ccxt rate limit. */
export interface CcxtRuntimeOverrides {
  clock?: ConnectorClock;
  config?: { timeout?: number; rateLimit?: number };
}

/**
 * One exchange for one connector call, with every ccxt call routed through `call()` so that
 * whatever ccxt throws leaves as one of our error kinds, and an abort of `ctx.signal` leaves
 * as the abort it is (not as ccxt's "request timed out").
 */
export class CcxtSession {
  readonly #created: CreatedExchange;
  readonly #ctx: ConnectorContext;
  readonly #spec: CcxtExchangeSpec;

  private constructor(created: CreatedExchange, ctx: ConnectorContext, spec: CcxtExchangeSpec) {
    this.#created = created;
    this.#ctx = ctx;
    this.#spec = spec;
  }

  static async open(ctx: ConnectorContext, spec: CcxtExchangeSpec, overrides: CcxtRuntimeOverrides = {}): Promise<CcxtSession> {
    const created = await createExchange({
      ctx,
      exchangeId: spec.exchangeId,
      providerId: spec.providerId,
      options: spec.options,
      config: overrides.config,
      clock: overrides.clock,
      weightHeaders: spec.weightHeaders,
      meterWeightHeader: spec.meterWeightHeader,
    });
    return new CcxtSession(created, ctx, spec);
  }

  get exchange(): Exchange {
    return this.#created.exchange;
  }

  get ccxt(): CcxtModule {
    return this.#created.ccxt;
  }

  get clock(): ConnectorClock {
    return this.#created.clock;
  }

  get transport(): TransportState {
    return this.#created.transport;
  }

  /** Runs one ccxt operation, translating its failure. */
  async call<T>(operation: (exchange: Exchange) => Promise<T>): Promise<T> {
    this.#ctx.signal.throwIfAborted();
    try {
      return await operation(this.#created.exchange);
    } catch (error) {
      throw this.mapError(error);
    }
  }

  /** Loads markets once per hour per exchange and API origin (see market-cache.ts). */
  loadMarkets(): Promise<void> {
    return this.call((exchange) => loadMarketsCached({ exchange, key: `${this.#spec.exchangeId}|${this.#created.apiOrigin}`, now: this.#created.clock.now() }));
  }

  mapError(error: unknown): Error {
    if (this.#ctx.signal.aborted) {
      const reason: unknown = this.#ctx.signal.reason;
      return reason instanceof Error ? reason : new DOMException('The sync was cancelled.', 'AbortError');
    }
    const refined = this.#spec.refineError?.(error, this.#created.ccxt, this.#spec.name, {
      lastResponse: this.#created.transport.last,
      now: this.#created.clock.now(),
    });
    if (refined !== undefined) return refined;
    const credentials = this.#ctx.credentials;
    return mapCcxtError(error, {
      ccxt: this.#created.ccxt,
      exchangeName: this.#spec.name,
      lastResponse: this.#created.transport.last,
      secrets: [credentials.apiKey, credentials.secret, credentials.password, credentials.passphrase].filter((v): v is string => typeof v === 'string'),
      now: this.#created.clock.now(),
    });
  }

  close(): void {
    this.#created.dispose();
  }
}

/** Opens a session, runs `work`, and always closes it. */
export async function withCcxtSession<T>(
  ctx: ConnectorContext,
  spec: CcxtExchangeSpec,
  overrides: CcxtRuntimeOverrides,
  work: (session: CcxtSession) => Promise<T>,
): Promise<T> {
  const session = await CcxtSession.open(ctx, spec, overrides);
  try {
    return await work(session);
  } finally {
    session.close();
  }
}
