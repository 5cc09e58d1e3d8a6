import { Decimal, dec, toDecimalString } from '@omnifolio/shared/money';
import type { BalanceRecord } from '@omnifolio/shared/schemas';
import type { Exchange } from 'ccxt';
import { assetRefOf, fiatCodesOf } from '../ccxt/asset-kind.js';
import { type ConnectorClock, systemClock } from '../ccxt/clock.js';
import { createExchange } from '../ccxt/create-exchange.js';
import { followWatchUntilSubscribed } from '../ccxt/follow-watch.js';
import { mapCcxtError } from '../ccxt/map-ccxt-error.js';
import { observeWsFutures } from '../ccxt/observe-ws-futures.js';
import type { LiveHandlers, LiveSource, LiveStream } from '../live-source.js';
import type { ConnectorContext } from '../types.js';
import { bitgetSpotBalances } from './bitget-balances.js';
import { bitgetSpec, PRODUCTS } from './bitget-connector.js';
import { bitgetPositions } from './bitget-positions.js';
import { type BitgetRow, bitgetAmount, bitgetRows, bitgetText } from './bitget-raw.js';

/** ccxt pro's Bitget, as far as this file reaches into it. */
type ProBitget = Exchange & {
  urls: { api: { ws: { private: string } } };
  authenticate(params: { url: string }): Promise<unknown>;
  watchBalance(params?: Record<string, unknown>): Promise<unknown>;
  watchPositions(symbols?: string[], since?: number, limit?: number, params?: Record<string, unknown>): Promise<unknown>;
  handleBalance(client: unknown, message: unknown): void;
  handlePositions(client: unknown, message: unknown): void;
  handleSubscriptionStatus(client: unknown, message: unknown): unknown;
  close(): Promise<void>;
};

/** `{ action: "snapshot", arg: { instType, channel }, data: [ … ], ts }` */
interface ChannelPush {
  action: string;
  arg: { instType: string; channel: string };
  data: unknown;
  ts: number;
}

const isPush = (m: unknown, channel: string): m is ChannelPush => {
  const p = m as Partial<ChannelPush> | null;
  return p?.arg?.channel === channel && typeof p.arg.instType === 'string' && typeof p.ts === 'number' && Array.isArray(p.data);
};

/** ccxt pro follows the positions of one product type per connection (one `positions` subscription): USDT-M's. */
const USDT_FUTURES = PRODUCTS[0];
const SPOT_KEY = bitgetSpec.account.key;
const _FIRST_RETRY_MS = 1_000;
const _LAST_RETRY_MS = 60_000;
/** ccxt subscribes spot `account`, each product type's `account` and USDT-M `positions`, one request each. */
const SUBSCRIPTIONS = 2 + PRODUCTS.length;

/**
 * Bitget's spot and futures accounts and USDT-M positions, live, through ccxt pro: ccxt opens
 * `/v2/ws/private`, logs in (`op: login`, Base64 HMAC-SHA256 of seconds + `GET/user/verify`,
 * with the passphrase), subscribes the channels and pings with the text "ping". We read every raw
 * push once, in order, by wrapping ccxt's own handlers (its watchBalance merges spot and futures
 * into one structure under unified codes):
 *
 * - spot `account`: rows in the shape of `GET /api/v2/spot/account/assets`, mapped by the sync's
 *   own mapper (free = available, locked = frozen + locked), zero rows included (a coin spent);
 * - `account` of USDT-M, COIN-M and USDC-M futures: `{ marginCoin, equity, available, frozen, … }` has no margin breakdown:
 *   total = equity and free = available, so locked = equity − available, which is the sync's
 *   order + position margin when Bitget's available is the equity less them;
 * - USDT-M `positions`: every open position of the product type in each push, so the update is
 *   `complete` and a closed position is one no longer listed. Mapped by the sync's mapper; the
 *   push carries no mark price, so mark price and notional are left empty until the next sync.
 *
 * Funding, margin, Savings and the COIN-M and USDC-M positions are brought up to date by the
 * scheduled sync (ccxt pro keeps one `positions` subscription per connection).
 */
export function createBitgetLive(options: { clock?: ConnectorClock } = {}): LiveSource {
  const clock = options.clock ?? systemClock;
  return {
    async open(ctx: ConnectorContext, handlers: LiveHandlers): Promise<LiveStream> {
      const created = await createExchange({
        ctx,
        exchangeId: bitgetSpec.exchangeId,
        providerId: bitgetSpec.providerId,
        options: bitgetSpec.options,
        clock,
        pro: true,
      });
      const exchange = created.exchange as ProBitget;
      observeWsFutures(exchange);
      // Nothing here needs ccxt's markets; loading them would call endpoints the connector never uses.
      exchange.setMarkets([]);
      const fiatCodes = fiatCodesOf(exchange.options);
      const toError = (error: unknown) =>
        bitgetSpec.refineError(error, created.ccxt, bitgetSpec.name) ??
        mapCcxtError(error, {
          ccxt: created.ccxt,
          exchangeName: bitgetSpec.name,
          lastResponse: created.transport.last,
          secrets: [ctx.credentials.apiKey, ctx.credentials.secret, ctx.credentials.passphrase].filter((v): v is string => typeof v === 'string'),
          now: clock.now(),
        });
      const safely = (map: () => void) => {
        try {
          map();
        } catch (error) {
          handlers.onError(error as Error, false);
        }
      };

      const handleBalance = exchange.handleBalance.bind(exchange);
      exchange.handleBalance = (client, message) => {
        if (isPush(message, 'account')) {
          const asOf = new Date(message.ts).toISOString();
          if (message.arg.instType === 'SPOT') {
            safely(() => handlers.onBalances({ accountKey: SPOT_KEY, balances: spotBalances(message.data, { accountKey: SPOT_KEY, asOf, fiatCodes }) }));
          } else {
            const product = PRODUCTS.find((p) => p.productType === message.arg.instType);
            if (product !== undefined) {
              const accountKey = product.account.key;
              safely(() => handlers.onBalances({ accountKey, balances: futuresBalances(message.data, { accountKey, asOf, fiatCodes }) }));
            }
          }
        }
        handleBalance(client, message);
      };

      const handlePositions = exchange.handlePositions.bind(exchange);
      exchange.handlePositions = (client, message) => {
        if (isPush(message, 'positions') && message.arg.instType === USDT_FUTURES.productType) {
          const asOf = new Date(message.ts).toISOString();
          const accountKey = USDT_FUTURES.account.key;
          // The stream names REST's `symbol` `instId` and sends leverage as a number.
          const rows = bitgetRows(message.data, 'the position push').map((row) => ({
            ...row,
            symbol: row.symbol ?? row.instId,
            leverage: typeof row.leverage === 'number' ? String(row.leverage) : row.leverage,
          }));
          safely(() => handlers.onPositions({ accountKey, positions: bitgetPositions(rows, USDT_FUTURES.inverse, accountKey, asOf), complete: true }));
        }
        handlePositions(client, message);
      };

      let acknowledged = 0;
      let onSubscribed: () => void = () => undefined;
      const subscribed = new Promise<void>((resolve) => {
        onSubscribed = resolve;
      });
      const handleSubscriptionStatus = exchange.handleSubscriptionStatus.bind(exchange);
      exchange.handleSubscriptionStatus = (client, message) => {
        acknowledged += 1;
        if (acknowledged >= SUBSCRIPTIONS) onSubscribed();
        return handleSubscriptionStatus(client, message);
      };

      const stop = new AbortController();
      const close = async () => {
        stop.abort();
        await exchange.close().catch(() => undefined);
        created.dispose();
      };
      try {
        // Logging in first surfaces a refused key here, before the stream counts as open.
        await exchange.authenticate({ url: exchange.urls.api.ws.private });
      } catch (error) {
        await close();
        throw toError(error);
      }

      // After a reconnect each call logs in and subscribes again; otherwise the pending one is reused.
      await followWatchUntilSubscribed(subscribed, {
        watch: () =>
          Promise.race([
            exchange.watchBalance({ type: 'spot' }),
            ...PRODUCTS.map(({ productType }) => exchange.watchBalance({ type: 'swap', instType: productType })),
            exchange.watchPositions(),
          ]),
        toError,
        onError: handlers.onError,
        // The reconnected stream acknowledges its subscriptions again.
        beforeRetry: async () => {
          acknowledged = 0;
        },
        close,
        clock,
        signal: stop.signal,
      });
      return { close };
    },
  };
}

interface Context {
  accountKey: string;
  asOf: string;
  fiatCodes: ReadonlySet<string>;
}

/** The sync's spot mapper, plus the rows it leaves out as zero: in a push, zero means the coin is gone. */
function spotBalances(data: unknown, context: Context): BalanceRecord[] {
  const held = bitgetSpotBalances(data, context);
  const named = new Set(held.map((b) => b.asset.symbol));
  const gone = bitgetRows(data, 'the spot push')
    .map((row) => bitgetText(row, 'coin', 'the spot push'))
    .filter((coin) => !named.has(coin))
    .map((coin) => ({ accountKey: context.accountKey, asset: assetRefOf(coin, context.fiatCodes), free: '0', locked: '0', asOf: context.asOf }));
  return [...held, ...gone];
}

/** `{ marginCoin, equity, available, … }`: total = equity, free = available (at most the equity), locked = the rest. */
function futuresBalances(data: unknown, { accountKey, asOf, fiatCodes }: Context): BalanceRecord[] {
  const what = 'the futures account push';
  return bitgetRows(data, what).map((row: BitgetRow) => {
    const equity = bitgetAmount(row, 'equity', what);
    const locked = Decimal.max(dec('0'), Decimal.min(equity.minus(bitgetAmount(row, 'available', what)), equity));
    return {
      accountKey,
      asset: assetRefOf(bitgetText(row, 'marginCoin', what), fiatCodes),
      free: toDecimalString(equity.minus(locked)),
      locked: toDecimalString(locked),
      asOf,
    };
  });
}

export const bitgetLive = createBitgetLive();
