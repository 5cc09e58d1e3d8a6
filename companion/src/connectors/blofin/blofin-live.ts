import { dec } from '@omnifolio/shared/money';
import type { PositionRecord } from '@omnifolio/shared/schemas';
import type { Exchange } from 'ccxt';
import { type ConnectorClock, systemClock } from '../ccxt/clock.js';
import { createExchange } from '../ccxt/create-exchange.js';
import { followWatchUntilSubscribed } from '../ccxt/follow-watch.js';
import { callImplicitApi } from '../ccxt/implicit-api.js';
import { mapCcxtError } from '../ccxt/map-ccxt-error.js';
import { observeWsFutures } from '../ccxt/observe-ws-futures.js';
import type { LiveHandlers, LiveSource, LiveStream } from '../live-source.js';
import type { ConnectorContext } from '../types.js';
import { blofinSpec } from './blofin-connector.js';
import { type BlofinInstrument, blofinPositions } from './blofin-positions.js';
import { blofinRows, blofinUnreadable, hasStrings } from './blofin-raw.js';

/** ccxt pro's BloFin, as far as this file reaches into it. */
type ProBlofin = Exchange & {
  watchPositions(symbols?: string[], since?: number, limit?: number, params?: Record<string, unknown>): Promise<unknown>;
  handleMessage(client: unknown, message: unknown): void;
  close(): Promise<void>;
};

/** `{ arg: { channel: "positions" }, data: [ rows of GET /api/v1/account/positions ] }` */
interface PositionsPush {
  arg: { channel: 'positions' };
  data: Record<string, unknown>[];
}

const isPositionsPush = (m: unknown): m is PositionsPush => {
  const p = m as Partial<PositionsPush> | null;
  return p?.arg?.channel === 'positions' && Array.isArray(p.data) && (p as { event?: unknown }).event === undefined;
};
const isSubscribed = (m: unknown) => {
  const p = m as { event?: unknown; arg?: { channel?: unknown } } | null;
  return p?.event === 'subscribe' && p.arg?.channel === 'positions';
};

/** The connector's fetchPositions stores BloFin's positions under its futures account. */
const FUTURES_KEY = 'futures';
const _FIRST_RETRY_MS = 1_000;
const _LAST_RETRY_MS = 60_000;

/**
 * BloFin's open futures positions, live, through ccxt pro's `watchPositions`: ccxt opens
 * `/ws/private`, logs in (`op: login`, Base64 of the hex HMAC-SHA256 of
 * `/users/self/verify` + `GET` + timestamp + nonce, with the passphrase), subscribes the
 * `positions` channel and sends the text "ping" every 25 s. We read every raw push once, in
 * order, by wrapping ccxt's message handler: its rows are those of `GET /api/v1/account/positions`,
 * so the sync's own mapper reads them, with the contract values of `GET /api/v1/market/instruments`
 * (read when the stream opens, and again when a push names an instrument not seen yet). A push
 * names the positions that changed (`complete: false`); a closed one comes with `positions` "0"
 * and closes its side (both sides in net mode).
 *
 * Balances are not streamed: ccxt pro has no watchBalance for BloFin, so every BloFin wallet
 * (funding, spot, futures, Earn, copy trading) is polled by the dashboard and brought up to date
 * by the scheduled sync.
 */
export function createBlofinLive(options: { clock?: ConnectorClock } = {}): LiveSource {
  const clock = options.clock ?? systemClock;
  return {
    async open(ctx: ConnectorContext, handlers: LiveHandlers): Promise<LiveStream> {
      const created = await createExchange({
        ctx,
        exchangeId: blofinSpec.exchangeId,
        providerId: blofinSpec.providerId,
        options: blofinSpec.options,
        clock,
        pro: true,
      });
      const exchange = created.exchange as ProBlofin;
      observeWsFutures(exchange);
      // Nothing here needs ccxt's markets; loading them would call endpoints the connector never uses.
      exchange.setMarkets([]);
      const toError = (error: unknown) =>
        blofinSpec.refineError(error, created.ccxt, blofinSpec.name) ??
        mapCcxtError(error, {
          ccxt: created.ccxt,
          exchangeName: blofinSpec.name,
          lastResponse: created.transport.last,
          secrets: [ctx.credentials.apiKey, ctx.credentials.secret, ctx.credentials.passphrase].filter((v): v is string => typeof v === 'string'),
          now: clock.now(),
        });

      let instruments = new Map<string, BlofinInstrument>();
      const loadInstruments = async () => {
        const next = new Map<string, BlofinInstrument>();
        for (const row of blofinRows(await callImplicitApi(exchange, 'publicGetMarketInstruments'), 'the instruments')) {
          if (!hasStrings(row, ['instId', 'contractValue', 'contractType', 'settleCurrency'])) throw blofinUnreadable('the instruments');
          next.set(row.instId, row);
        }
        instruments = next;
      };

      // Pushes are mapped one after another, in the order BloFin sent them, after any instrument refresh they need.
      let mapping = Promise.resolve();
      const onPush = (push: PositionsPush) => {
        mapping = mapping.then(async () => {
          try {
            if (push.data.some((row) => typeof row.instId === 'string' && !instruments.has(row.instId))) await loadInstruments();
            handlers.onPositions({ accountKey: FUTURES_KEY, positions: positionsOf(push.data, instruments, clock.now()), complete: false });
          } catch (error) {
            handlers.onError(toError(error), false);
          }
        });
      };

      let onSubscribed: () => void = () => undefined;
      const subscribed = new Promise<void>((resolve) => {
        onSubscribed = resolve;
      });
      const handleMessage = exchange.handleMessage.bind(exchange);
      exchange.handleMessage = (client, message) => {
        if (isPositionsPush(message)) onPush(message);
        else if (isSubscribed(message)) onSubscribed();
        handleMessage(client, message);
      };

      const stop = new AbortController();
      const close = async () => {
        stop.abort();
        await exchange.close().catch(() => undefined);
        created.dispose();
      };
      try {
        await loadInstruments();
      } catch (error) {
        await close();
        throw toError(error);
      }

      // ccxt resolves no unfiltered positions future for BloFin: this waits until the
      // connection fails. After a failure the next call logs in and subscribes again.
      await followWatchUntilSubscribed(subscribed, {
        watch: () => exchange.watchPositions(),
        toError,
        onError: handlers.onError,
        close,
        clock,
        signal: stop.signal,
      });
      return { close };
    },
  };
}

/** The sync's records for the open rows; zero-contract records for the closed ones. */
function positionsOf(rows: readonly Record<string, unknown>[], instruments: ReadonlyMap<string, BlofinInstrument>, now: number): PositionRecord[] {
  const asOf = new Date(now).toISOString();
  const isClosed = (row: Record<string, unknown>) => typeof row.positions === 'string' && (row.positions === '' || dec(row.positions).isZero());
  // A closed row may leave prices empty; only the open ones go through the sync's mapper.
  const open = blofinPositions(
    rows.filter((row) => !isClosed(row)),
    instruments,
    FUTURES_KEY,
    asOf,
  );
  const closed = rows
    .filter((row) => isClosed(row) && hasStrings(row, ['instId', 'positionSide']))
    .flatMap((row) => {
      const side = row.positionSide;
      const sides: PositionRecord['side'][] = side === 'long' ? ['long'] : side === 'short' ? ['short'] : ['long', 'short'];
      const settle = instruments.get(row.instId as string)?.settleCurrency;
      return sides.map((s) => ({
        accountKey: FUTURES_KEY,
        symbol: row.instId as string,
        side: s,
        contracts: '0',
        sizeInBase: '0',
        entryPrice: null,
        markPrice: null,
        notional: null,
        unrealizedPnl: null,
        leverage: null,
        liquidationPrice: null,
        marginMode: null,
        margin: null,
        settleAsset: settle === undefined || settle === '' ? null : settle,
        asOf,
      }));
    });
  return [...open, ...closed];
}

export const blofinLive = createBlofinLive();
