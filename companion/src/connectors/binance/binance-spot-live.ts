import { toDecimalString } from '@omnifolio/shared/money';
import type { Exchange } from 'ccxt';
import { assetRefOf, fiatCodesOf } from '../ccxt/asset-kind.js';
import { type ConnectorClock, systemClock } from '../ccxt/clock.js';
import { createExchange } from '../ccxt/create-exchange.js';
import { followWatch } from '../ccxt/follow-watch.js';
import { mapCcxtError } from '../ccxt/map-ccxt-error.js';
import { observeWsFutures } from '../ccxt/observe-ws-futures.js';
import type { LiveHandlers, LiveStream } from '../live-source.js';
import type { ConnectorContext } from '../types.js';
import { BINANCE_ACCOUNTS } from './binance-accounts.js';
import { binanceSpec } from './binance-connector.js';

/** ccxt pro's Binance, as far as this file reaches into it. */
type ProBinance = Exchange & {
  watchBalance(params?: Record<string, unknown>): Promise<unknown>;
  authenticate(params?: Record<string, unknown>): Promise<unknown>;
  handleBalance(client: unknown, message: unknown): void;
  close(): Promise<void>;
};

interface OutboundAccountPosition {
  e: 'outboundAccountPosition';
  E: number;
  B: { a: string; f: string; l: string }[];
}

function isOutboundAccountPosition(message: unknown): message is OutboundAccountPosition {
  const m = message as Partial<OutboundAccountPosition> | null;
  return (
    m?.e === 'outboundAccountPosition' &&
    typeof m.E === 'number' &&
    Array.isArray(m.B) &&
    m.B.every((b) => typeof b?.a === 'string' && typeof b.f === 'string' && typeof b.l === 'string')
  );
}

/**
 * Binance spot balances, live, through ccxt pro's `watchBalance`: ccxt opens the WebSocket API
 * connection, subscribes the user data stream with a signed `userDataStream.subscribe.signature`
 * and keeps it alive; we read every `outboundAccountPosition` event Binance sends after a balance
 * changes (absolute free and locked per asset, in Binance's own asset names and strings).
 *
 * Why the raw events rather than what watchBalance returns: ccxt resolves one promise for any
 * number of events that arrive between two calls, and its cache names assets with unified codes,
 * while the stored balances use Binance's names (binance-balances.ts). Wrapping ccxt's own
 * `handleBalance` sees each event once, in order. `balanceUpdate` (a deposit's delta) is skipped:
 * Binance follows it with an `outboundAccountPosition` carrying the new balance.
 *
 * Resolves once Binance accepted the subscription; a refused key rejects with an AuthError.
 */
export async function openBinanceSpotStream(ctx: ConnectorContext, handlers: LiveHandlers, clock: ConnectorClock = systemClock): Promise<LiveStream> {
  const created = await createExchange({
    ctx,
    exchangeId: binanceSpec.exchangeId,
    providerId: binanceSpec.providerId,
    options: binanceSpec.options,
    clock,
    pro: true,
  });
  const exchange = created.exchange as ProBinance;
  observeWsFutures(exchange);
  const fiatCodes = fiatCodesOf(exchange.options);
  const toError = (error: unknown) =>
    binanceSpec.refineError(error, created.ccxt, binanceSpec.name) ??
    mapCcxtError(error, {
      ccxt: created.ccxt,
      exchangeName: binanceSpec.name,
      lastResponse: created.transport.last,
      secrets: [ctx.credentials.apiKey, ctx.credentials.secret].filter((v): v is string => typeof v === 'string'),
      now: clock.now(),
    });

  const handleBalance = exchange.handleBalance.bind(exchange);
  exchange.handleBalance = (client, message) => {
    if (isOutboundAccountPosition(message)) {
      const asOf = new Date(message.E).toISOString();
      handlers.onBalances({
        accountKey: BINANCE_ACCOUNTS.spot.key,
        balances: message.B.map((b) => ({
          accountKey: BINANCE_ACCOUNTS.spot.key,
          asset: assetRefOf(b.a, fiatCodes),
          free: toDecimalString(b.f),
          locked: toDecimalString(b.l),
          asOf,
        })),
      });
    }
    handleBalance(client, message);
  };

  const stop = new AbortController();
  const close = async () => {
    stop.abort();
    await exchange.close().catch(() => undefined);
    created.dispose();
  };
  try {
    // Subscribing first surfaces a refused key here, before the stream counts as open.
    await exchange.loadMarkets();
    await exchange.authenticate({ type: 'spot' });
  } catch (error) {
    await close();
    throw toError(error);
  }

  followWatch({
    watch: () => exchange.watchBalance({ type: 'spot' }),
    toError,
    onError: handlers.onError,
    close,
    clock,
    signal: stop.signal,
  });
  return { close };
}
