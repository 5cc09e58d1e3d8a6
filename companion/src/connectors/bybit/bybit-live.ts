import { dec } from '@omnifolio/shared/money';
import type { BalanceRecord, PositionRecord } from '@omnifolio/shared/schemas';
import type { Exchange } from 'ccxt';
import { assetRefOf, fiatCodesOf } from '../ccxt/asset-kind.js';
import { type ConnectorClock, systemClock } from '../ccxt/clock.js';
import { createExchange } from '../ccxt/create-exchange.js';
import { followWatchUntilSubscribed } from '../ccxt/follow-watch.js';
import { mapCcxtError } from '../ccxt/map-ccxt-error.js';
import { observeWsFutures } from '../ccxt/observe-ws-futures.js';
import type { LiveHandlers, LiveSource, LiveStream } from '../live-source.js';
import type { ConnectorContext } from '../types.js';
import { bybitUnifiedCoinBalance } from './bybit-balances.js';
import { bybitSpec } from './bybit-connector.js';
import { bybitPositions, inverseBaseCoin } from './bybit-positions.js';
import { bybitResult, bybitUnreadable, hasStrings } from './bybit-raw.js';

/** ccxt pro's Bybit, as far as this file reaches into it. */
type ProBybit = Exchange & {
  urls: { api: { ws: { private: { contract: string } } } };
  implodeHostname(url: string): string;
  authenticate(url: string): Promise<unknown>;
  watchBalance(params?: Record<string, unknown>): Promise<unknown>;
  watchPositions(symbols?: string[], since?: number, limit?: number, params?: Record<string, unknown>): Promise<unknown>;
  handleBalance(client: unknown, message: unknown): void;
  handlePositions(client: unknown, message: unknown): void;
  handleSubscriptionStatus(client: unknown, message: unknown): unknown;
  privateGetV5AccountInfo(params?: Record<string, unknown>): Promise<unknown>;
  close(): Promise<void>;
};

/** `{ topic: "wallet", creationTime, data: [{ accountType: "UNIFIED", coin: [ … ] }] }` */
interface WalletEvent {
  topic: 'wallet';
  creationTime: number;
  data: { accountType: string; coin: Record<string, string>[] }[];
}

/** `{ topic: "position", creationTime, data: [{ category, symbol, side, size, entryPrice, … }] }` */
interface PositionEvent {
  topic: 'position';
  creationTime: number;
  data: Record<string, unknown>[];
}

const isWalletEvent = (m: unknown): m is WalletEvent => {
  const e = m as Partial<WalletEvent> | null;
  return e?.topic === 'wallet' && typeof e.creationTime === 'number' && Array.isArray(e.data);
};
const isPositionEvent = (m: unknown): m is PositionEvent => {
  const e = m as Partial<PositionEvent> | null;
  return e?.topic === 'position' && typeof e.creationTime === 'number' && Array.isArray(e.data);
};

const UNIFIED_KEY = bybitSpec.account.key;
const _FIRST_RETRY_MS = 1_000;
const _LAST_RETRY_MS = 60_000;
/** ccxt subscribes `wallet` (watchBalance) and `position` (watchPositions) in one request each. */
const SUBSCRIPTIONS = 2;

/**
 * Linear contracts settle in USDT (`BTCUSDT`, `BTCUSDT-26DEC25`) or USDC (`BTCPERP`, `BTC-26DEC25`).
 * The REST sync knows from the `settleCoin` it asked for; the stream's rows do not say, the
 * symbol does.
 */
export function bybitLinearSettleCoin(symbol: string): string {
  return /USDT(-[0-9A-Z]+)?$/.test(symbol) ? 'USDT' : 'USDC';
}

/**
 * Bybit's unified trading account, live, through ccxt pro: ccxt opens `/v5/private`, signs
 * `{ op: "auth" }` (HMAC of `GET/realtime` + expires), subscribes `wallet` and `position`, and
 * pings every 18 s. We read every raw event once, in order, by wrapping ccxt's own handlers (its
 * watchBalance coalesces events and renames coins):
 *
 * - `wallet` carries the whole unified account; each coin row is mapped by the sync's own mapper
 *   (equity = walletBalance + unrealisedPnl, locked = spot orders + initial margin), zeros
 *   included, and a coin this stream reported earlier that is no longer listed is reported as 0;
 * - `position` names the positions that changed (`complete: false`), mapped by the sync's
 *   mapper once the stream's `entryPrice` is read as REST's `avgPrice`; a closed position (size
 *   "0", side "") closes its side, both sides in one-way mode.
 *
 * The margin mode comes from `GET /v5/account/info` once when the stream opens, as the sync reads
 * it. Funding and Earn have no stream: the scheduled sync keeps them. Bybit sends no snapshot
 * when a subscription starts, only changes, and unrealized PnL alone triggers no event.
 */
export function createBybitLive(options: { clock?: ConnectorClock } = {}): LiveSource {
  const clock = options.clock ?? systemClock;
  return {
    async open(ctx: ConnectorContext, handlers: LiveHandlers): Promise<LiveStream> {
      const created = await createExchange({
        ctx,
        exchangeId: bybitSpec.exchangeId,
        providerId: bybitSpec.providerId,
        options: {
          ...bybitSpec.options,
          // The connector reads a unified trading account; saying so spares ccxt two REST calls to find out.
          enableUnifiedAccount: true,
          enableUnifiedMargin: false,
          // Positions are stored by the sync; the stream only needs the changes, not ccxt's REST snapshot.
          watchPositions: { fetchPositionsSnapshot: false },
        },
        clock,
        pro: true,
      });
      const exchange = created.exchange as ProBybit;
      observeWsFutures(exchange);
      // Nothing here needs ccxt's markets; loading them would call endpoints the connector never uses.
      exchange.setMarkets([]);
      const fiatCodes = fiatCodesOf(exchange.options);
      const toError = (error: unknown) =>
        bybitSpec.refineError(error, created.ccxt, bybitSpec.name) ??
        mapCcxtError(error, {
          ccxt: created.ccxt,
          exchangeName: bybitSpec.name,
          lastResponse: created.transport.last,
          secrets: [ctx.credentials.apiKey, ctx.credentials.secret].filter((v): v is string => typeof v === 'string'),
          now: clock.now(),
        });

      let accountIsolated = false;
      const reported = new Set<string>();
      const handleBalance = exchange.handleBalance.bind(exchange);
      exchange.handleBalance = (client, message) => {
        if (isWalletEvent(message)) {
          const unified = message.data.find((d) => d?.accountType === 'UNIFIED');
          if (unified === undefined || !Array.isArray(unified.coin) || !unified.coin.every((row) => hasStrings(row, ['coin', 'walletBalance']))) {
            handlers.onError(bybitUnreadable('a wallet update'), false);
          } else {
            const asOf = new Date(message.creationTime).toISOString();
            const balances: BalanceRecord[] = unified.coin.map((row) => bybitUnifiedCoinBalance(row, { accountKey: UNIFIED_KEY, asOf, fiatCodes }));
            const listed = new Set(unified.coin.map((row) => row.coin as string));
            for (const coin of [...reported].sort()) {
              if (!listed.has(coin)) balances.push({ accountKey: UNIFIED_KEY, asset: assetRefOf(coin, fiatCodes), free: '0', locked: '0', asOf });
            }
            reported.clear();
            for (const coin of listed) reported.add(coin);
            handlers.onBalances({ accountKey: UNIFIED_KEY, balances });
          }
        }
        handleBalance(client, message);
      };

      const handlePositions = exchange.handlePositions.bind(exchange);
      exchange.handlePositions = (client, message) => {
        if (isPositionEvent(message)) {
          try {
            const asOf = new Date(message.creationTime).toISOString();
            handlers.onPositions({
              accountKey: UNIFIED_KEY,
              positions: message.data.flatMap((row) => positionsOf(row, accountIsolated, asOf)),
              complete: false,
            });
          } catch (error) {
            handlers.onError(error as Error, false);
          }
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
        if ((message as { success?: unknown }).success === true) {
          acknowledged += 1;
          if (acknowledged >= SUBSCRIPTIONS) onSubscribed();
        }
        return handleSubscriptionStatus(client, message);
      };

      const stop = new AbortController();
      const close = async () => {
        stop.abort();
        await exchange.close().catch(() => undefined);
        created.dispose();
      };
      try {
        // Authenticating first surfaces a refused key here, before the stream counts as open.
        await exchange.authenticate(exchange.implodeHostname(exchange.urls.api.ws.private.contract));
        const info = bybitResult(await exchange.privateGetV5AccountInfo(), 'the account information');
        accountIsolated = info.marginMode === 'ISOLATED_MARGIN';
      } catch (error) {
        await close();
        throw toError(error);
      }

      // Each call re-authenticates and re-subscribes after a reconnect; the pending one is reused otherwise.
      await followWatchUntilSubscribed(subscribed, {
        watch: () => Promise.race([exchange.watchBalance(), exchange.watchPositions()]),
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

/** One row of a `position` event as the sync's records; a closed one as zero-contract records. */
function positionsOf(row: Record<string, unknown>, accountIsolated: boolean, asOf: string): PositionRecord[] {
  if (!hasStrings(row, ['category', 'symbol', 'size'])) throw bybitUnreadable('a position update');
  const category = row.category;
  // Options have no place among the stored positions (the sync does not read them either).
  if (category !== 'linear' && category !== 'inverse') return [];
  const settleCoin = category === 'linear' ? bybitLinearSettleCoin(row.symbol) : inverseBaseCoin(row.symbol);
  if (settleCoin === undefined) throw bybitUnreadable(`the settle coin of ${row.symbol}`);
  const query = { category, settleCoin: category === 'linear' ? settleCoin : undefined, accountIsolated } as const;
  if (row.size === '' || dec(row.size).isZero()) {
    const idx = Number(row.positionIdx ?? 0);
    const sides: PositionRecord['side'][] = idx === 1 ? ['long'] : idx === 2 ? ['short'] : ['long', 'short'];
    return sides.map((side) => ({
      accountKey: UNIFIED_KEY,
      symbol: row.symbol,
      side,
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
      settleAsset: settleCoin,
      asOf,
    }));
  }
  // The stream names REST's `avgPrice` `entryPrice`; everything else is the same row.
  return bybitPositions([{ ...row, avgPrice: row.avgPrice ?? row.entryPrice }], query, UNIFIED_KEY, asOf);
}

export const bybitLive = createBybitLive();
