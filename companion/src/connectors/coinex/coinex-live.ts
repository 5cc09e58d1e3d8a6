import { AuthError, PermissionError, UnavailableError } from '@omnifolio/shared/errors';
import type { BalanceRecord } from '@omnifolio/shared/schemas';
import type { Exchange } from 'ccxt';
import { assetRefOf, fiatCodesOf } from '../ccxt/asset-kind.js';
import { type ConnectorClock, systemClock } from '../ccxt/clock.js';
import { createExchange } from '../ccxt/create-exchange.js';
import { callImplicitApi } from '../ccxt/implicit-api.js';
import { mapCcxtError } from '../ccxt/map-ccxt-error.js';
import { observeWsFutures } from '../ccxt/observe-ws-futures.js';
import type { LiveHandlers, LiveSource, LiveStream } from '../live-source.js';
import type { ConnectorContext } from '../types.js';
import { COINEX_ACCOUNTS } from './coinex-accounts.js';
import { coinexFuturesBalances, coinexMarginBalances, coinexWalletBalances } from './coinex-balances.js';
import { coinexSpec } from './coinex-connector.js';
import { coinexList } from './coinex-raw.js';

interface WsClient {
  url: string;
  future(messageHash: string): Promise<unknown>;
  connection?: unknown;
  isOpen(): boolean;
}

/** ccxt pro's CoinEx, as far as this file reaches into it. */
type ProCoinex = Exchange & {
  authenticate(type: string): Promise<unknown>;
  watch(url: string, messageHash: string, message: unknown, subscribeHash: unknown, subscription?: unknown): Promise<unknown>;
  handleBalance(client: WsClient, message: unknown): void;
  client(url: string): WsClient;
  requestId(): number;
  close(): Promise<void>;
};

/** ccxt's name for each socket (`urls.api.ws`) and the connector's account it feeds. */
const SOCKETS = [
  { type: 'spot', accountKey: COINEX_ACCOUNTS.spot.key },
  { type: 'swap', accountKey: COINEX_ACCOUNTS.futures.key },
] as const;
type Socket = (typeof SOCKETS)[number];

const FIRST_RETRY_MS = 1_000;
const LAST_RETRY_MS = 60_000;

/**
 * CoinEx spot and futures balances, live, through ccxt pro on CoinEx's v2 WebSocket (one socket
 * for spot, `/v2/spot/`, one for futures, `/v2/futures/`; every server frame gzip-compressed,
 * which ccxt inflates): ccxt signs in with `server.sign` (hex HMAC-SHA256 of the timestamp) and
 * `balance.subscribe` with an empty currency list (every currency) follows. CoinEx then sends
 * `balance.update` with the rows that changed, in CoinEx's own strings.
 *
 * Each row is mapped by the sync's own functions (coinex-balances.ts): spot `available`/`frozen`
 * as free/locked; futures equity = available + frozen + margin + unrealized PnL, locked = frozen +
 * margin. A row that is now empty is written as zero. Spot-socket rows that name a
 * `margin_market` belong to an isolated margin account, whose stored balance is net of the loan
 * and interest the row does not carry: they are followed by one read of the margin balances
 * (`GET /v2/assets/margin/balance`), mapped by the sync's own function, rows arriving meanwhile
 * folded into one more read. Financial and the futures positions are polled.
 *
 * ccxt's `watchBalance` would first load every market and currency (to list them all in the
 * subscription) and only resolves on a change; here the subscription is acknowledged by its own
 * request id, and ccxt's message handler is wrapped to see every row once, in order.
 */
export function createCoinexLive(options: { clock?: ConnectorClock } = {}): LiveSource {
  const clock = options.clock ?? systemClock;
  return {
    async open(ctx: ConnectorContext, handlers: LiveHandlers): Promise<LiveStream> {
      const created = await createExchange({ ctx, exchangeId: coinexSpec.exchangeId, providerId: coinexSpec.providerId, clock, pro: true });
      const exchange = created.exchange as ProCoinex;
      observeWsFutures(exchange);
      const fiatCodes = fiatCodesOf(exchange.options);
      const urls = (exchange.urls.api as unknown as { ws: Record<Socket['type'], string> }).ws;
      const toError = (error: unknown) =>
        coinexSpec.refineError(error, created.ccxt, coinexSpec.name) ??
        mapCcxtError(error, {
          ccxt: created.ccxt,
          exchangeName: coinexSpec.name,
          lastResponse: created.transport.last,
          secrets: [ctx.credentials.apiKey, ctx.credentials.secret].filter((v): v is string => typeof v === 'string'),
          now: clock.now(),
        });

      const stop = new AbortController();

      // Margin currencies a spot-socket row named and not yet read back.
      const marginNamed = new Set<string>();
      let reading: Promise<void> | undefined;
      const readMargin = () => {
        if (reading !== undefined) return;
        reading = (async () => {
          while (marginNamed.size > 0 && !stop.signal.aborted) {
            const named = [...marginNamed].sort();
            marginNamed.clear();
            const rows = coinexList(await callImplicitApi(exchange, 'v2PrivateGetAssetsMarginBalance'), 'the margin balances');
            if (stop.signal.aborted) return;
            const asOf = new Date(clock.now()).toISOString();
            const accountKey = COINEX_ACCOUNTS.margin.key;
            const held = coinexMarginBalances(rows, accountKey, { asOf, fiatCodes });
            const heldSymbols = new Set(held.map((b) => b.asset.symbol));
            const gone = named
              .filter((ccy) => !heldSymbols.has(ccy))
              .map((ccy) => ({ accountKey, asset: assetRefOf(ccy, fiatCodes), free: '0', locked: '0', asOf }));
            handlers.onBalances({ accountKey, balances: [...held, ...gone] });
          }
        })()
          .catch((error: unknown) => {
            if (stop.signal.aborted) return;
            const mapped = toError(error);
            handlers.onError(mapped, mapped instanceof AuthError || mapped instanceof PermissionError);
          })
          .finally(() => {
            reading = undefined;
          });
      };

      const handleBalance = exchange.handleBalance.bind(exchange);
      exchange.handleBalance = (client, message) => {
        const socket = SOCKETS.find((s) => urls[s.type] === client.url);
        const rows = (message as { data?: { balance_list?: unknown } } | null)?.data?.balance_list;
        if (socket !== undefined && Array.isArray(rows)) {
          const isMargin = (row: Record<string, unknown>) => socket.type === 'spot' && typeof row.margin_market === 'string' && row.margin_market !== '';
          const balances = rows.filter((row) => !isMargin(row)).flatMap((row: Record<string, unknown>) => recordOf(socket, row, fiatCodes, clock));
          if (balances.length > 0) handlers.onBalances({ accountKey: socket.accountKey, balances });
          for (const row of rows.filter(isMargin)) marginNamed.add(String(row.ccy));
          if (marginNamed.size > 0) readMargin();
        }
        handleBalance(client, message);
      };

      /** Signs in and subscribes on one socket; resolves when CoinEx acknowledges the subscription. */
      const subscribe = async (socket: Socket) => {
        await exchange.authenticate(socket.type);
        const id = exchange.requestId();
        const acknowledged = `subscribed:${id}`;
        await exchange.watch(urls[socket.type], acknowledged, { method: 'balance.subscribe', params: { ccy_list: [] }, id }, id, { id, future: acknowledged });
      };

      const close = async () => {
        stop.abort();
        await exchange.close().catch(() => undefined);
        created.dispose();
      };
      try {
        for (const socket of SOCKETS) await subscribe(socket);
      } catch (error) {
        await close();
        throw toError(error);
      }

      for (const socket of SOCKETS) {
        void (async () => {
          let wait = FIRST_RETRY_MS;
          let subscribed = true;
          while (!stop.signal.aborted) {
            try {
              if (!subscribed) {
                await subscribe(socket);
                subscribed = true;
              }
              // Resolves on each update, rejects when the connection drops; a client ccxt already
              // dropped would never settle, so it counts as a lost connection.
              const client = exchange.client(urls[socket.type]);
              if (client.connection === undefined || !client.isOpen()) throw new UnavailableError('The connection to CoinEx closed; Omnifolio reconnects.');
              await client.future(`balances:${socket.type}`);
              wait = FIRST_RETRY_MS;
            } catch (error) {
              subscribed = false;
              if (stop.signal.aborted) return;
              const mapped = toError(error);
              const final = mapped instanceof AuthError || mapped instanceof PermissionError;
              handlers.onError(mapped, final);
              if (final) {
                await close();
                return;
              }
              await clock.sleep(wait, stop.signal).catch(() => undefined);
              wait = Math.min(wait * 2, LAST_RETRY_MS);
            }
          }
        })();
      }

      return { close };
    },
  };
}

function recordOf(socket: Socket, row: Record<string, unknown>, fiatCodes: ReadonlySet<string>, clock: ConnectorClock): BalanceRecord[] {
  const accountKey = socket.accountKey;
  const asOf = new Date(typeof row.updated_at === 'number' ? row.updated_at : clock.now()).toISOString();
  const context = { asOf, fiatCodes };
  const mapped = socket.type === 'spot' ? coinexWalletBalances([row], accountKey, context) : coinexFuturesBalances([row], accountKey, context);
  // The sync's mapping leaves out an empty balance; here it means the currency is gone.
  if (mapped.length > 0) return mapped;
  return [{ accountKey, asset: assetRefOf(String(row.ccy), fiatCodes), free: '0', locked: '0', asOf }];
}

export const coinexLive = createCoinexLive();
