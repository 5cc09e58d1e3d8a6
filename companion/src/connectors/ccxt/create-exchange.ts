import { NotSupportedError } from '@omnifolio/shared/errors';
import type { Exchange } from 'ccxt';
import { registerSecret } from '../../logging/logger.js';
import type { ConnectorContext } from '../types.js';
import { type ConnectorClock, systemClock } from './clock.js';
import { type CcxtModule, loadCcxt } from './load-ccxt.js';
import { createMeteredFetch, createTransportState, type TransportState } from './metered-fetch.js';
import { rewriteApiUrls } from './rewrite-api-urls.js';

export interface CreateExchangeParameters {
  ctx: ConnectorContext;
  /** ccxt's exchange id: `binance`, `okx`, … */
  exchangeId: string;
  /** Our provider id: `ctx.baseUrls[providerId]` points the exchange elsewhere (simulator, testnet). */
  providerId: string;
  /** Merged into ccxt's per-exchange `options` (Binance: which market types to load). */
  options?: Record<string, unknown>;
  /** ccxt constructor settings that tests tune: a short `timeout`, a tiny `rateLimit`. */
  config?: { timeout?: number; rateLimit?: number };
  clock?: ConnectorClock;
  /** Provider headers that report used request weight, lower-case. */
  weightHeaders?: readonly string[];
  /** The weight header whose value goes to `ctx.meter.lastWeight`. */
  meterWeightHeader?: string;
  /** ccxt pro's class (WebSocket streams) instead of the REST one. */
  pro?: boolean;
}

export interface CreatedExchange {
  ccxt: CcxtModule;
  exchange: Exchange;
  transport: TransportState;
  clock: ConnectorClock;
  /** The API origin in use, for caches that must not mix production and a simulator. */
  apiOrigin: string;
  /** Forgets the credentials registered for log redaction. Call when the connector call ends. */
  dispose(): void;
}

/**
 * Builds a ccxt exchange for one connector call:
 * - credentials from `ctx.credentials` (`apiKey`, `secret`, `password`), registered with the
 *   logger so they never appear in a log line while in memory;
 * - `enableRateLimit` on (ccxt spaces requests by each endpoint's cost);
 * - numbers kept as the exchange's decimal strings (`exchange.number = String`), so no
 *   quantity passes through a float;
 * - every API URL pointed at `ctx.baseUrls[providerId]` when set, paths kept, so requests
 *   arrive signed exactly as in production;
 * - our own transport (metered-fetch.ts): request count and weight into `ctx.meter`,
 *   `ctx.signal` honoured, last status and headers kept for error mapping;
 * - signing timestamps from `clock`, the same clock the connector's windows use.
 */
export async function createExchange(parameters: CreateExchangeParameters): Promise<CreatedExchange> {
  const { ctx, exchangeId, providerId } = parameters;
  const clock = parameters.clock ?? systemClock;
  const ccxt = await loadCcxt();
  // ccxt pro's class of the same exchange adds the watch* methods (user data streams).
  const classes: Record<string, unknown> = parameters.pro === true ? ccxt.pro : ccxt.exchanges;
  const ExchangeClass: unknown = Object.hasOwn(classes, exchangeId) ? classes[exchangeId] : undefined;
  if (typeof ExchangeClass !== 'function') {
    throw new NotSupportedError(`ccxt ${ccxt.version} has no exchange called "${exchangeId}".`, {
      hints: ['This is a bug in the connector definition; the companion log names the provider.'],
    });
  }

  const credentials = ctx.credentials;
  const exchange = new (ExchangeClass as new (config: Record<string, unknown>) => Exchange)({
    apiKey: credentials.apiKey,
    secret: credentials.secret,
    password: credentials.password ?? credentials.passphrase,
    // Exchanges whose ccxt `requiredCredentials` include a user id (the generic path asks for it).
    uid: credentials.uid,
    enableRateLimit: true,
    options: parameters.options ?? {},
    ...parameters.config,
  });
  const disposers = [credentials.apiKey, credentials.secret, credentials.password, credentials.passphrase]
    .filter((value): value is string => typeof value === 'string' && value !== '')
    .map((value) => registerSecret(value));

  // ccxt types `number` as a float parser; String keeps the exchange's digits (see ccxt's own
  // "number = String" mode). Unified fields are therefore strings at runtime.
  exchange.number = String as unknown as Exchange['number'];
  exchange.milliseconds = () => clock.now();

  const override = ctx.baseUrls?.[providerId];
  if (override !== undefined && override !== '') {
    exchange.urls.api = rewriteApiUrls(exchange.urls.api, override);
  }

  const transport = createTransportState();
  exchange.fetchImplementation = createMeteredFetch({
    meter: ctx.meter,
    signal: ctx.signal,
    clock,
    state: transport,
    weightHeaders: parameters.weightHeaders ?? [],
    meterWeightHeader: parameters.meterWeightHeader,
  });

  return {
    ccxt,
    exchange,
    transport,
    clock,
    apiOrigin: override !== undefined && override !== '' ? new URL(override).origin : 'production',
    dispose: () => {
      for (const dispose of disposers) dispose();
    },
  };
}
