import type { BalanceRecord, PositionRecord } from '@omnifolio/shared/schemas';
import type { Exchange } from 'ccxt';
import { assetRefOf, fiatCodesOf } from '../ccxt/asset-kind.js';
import { type ConnectorClock, systemClock } from '../ccxt/clock.js';
import { createExchange } from '../ccxt/create-exchange.js';
import { followWatch, isFinalStreamError } from '../ccxt/follow-watch.js';
import { callImplicitApi } from '../ccxt/implicit-api.js';
import { mapCcxtError } from '../ccxt/map-ccxt-error.js';
import { observeWsFutures } from '../ccxt/observe-ws-futures.js';
import type { LiveHandlers, LiveSource, LiveStream } from '../live-source.js';
import type { ConnectorContext } from '../types.js';
import { okxTradingBalances } from './okx-balances.js';
import { OKX_ACCOUNTS, okxSpec } from './okx-connector.js';
import { type OkxInstrument, okxOptionFamily, okxPositions } from './okx-positions.js';
import { okxData } from './okx-raw.js';

/** ccxt pro's OKX, as far as this file reaches into it. */
type ProOkx = Exchange & {
  authenticate(params?: Record<string, unknown>): Promise<unknown>;
  watchBalance(params?: Record<string, unknown>): Promise<unknown>;
  watchPositions(symbols?: string[], since?: number, limit?: number, params?: Record<string, unknown>): Promise<unknown>;
  handleBalance(client: unknown, message: unknown): void;
  handlePositions(client: unknown, message: unknown): void;
  handleSubscriptionStatus(client: unknown, message: unknown): unknown;
  close(): Promise<void>;
};

/** A push on the `account` or `positions` channel, as OKX sends it. */
interface OkxPush {
  arg: { channel: string };
  eventType?: string;
  curPage?: number;
  lastPage?: boolean;
  data: unknown[];
}

const isPush = (message: unknown): message is OkxPush =>
  message !== null && typeof message === 'object' && Array.isArray((message as OkxPush).data) && typeof (message as OkxPush).arg?.channel === 'string';

const hasStrings = (row: unknown, keys: readonly string[]): row is Record<string, string> =>
  row !== null && typeof row === 'object' && keys.every((key) => typeof (row as Record<string, unknown>)[key] === 'string');

/**
 * OKX, live: the trading account's balances and every open position, through ccxt pro's OKX
 * on the private WebSocket (`/ws/v5/private`): ccxt logs in (`op: login`, Base64 HMAC-SHA256 of
 * timestamp + "GET" + "/users/self/verify" with the key's passphrase), subscribes `account` and
 * `positions` (instType ANY) and keeps the connection alive with text pings. Each push is read raw
 * by wrapping ccxt's `handleBalance` and `handlePositions`, once and in order, and mapped with
 * the sync's own mappers: the `account` channel's `details[]` rows are `/account/balance`'s, the
 * `positions` rows are `/account/positions`', so live and sync agree digit for digit.
 *
 * - balances: absolute per currency; a currency a push names with zero equity is reported as
 *   zero (gone), and one a snapshot no longer lists, after this stream saw it held, too;
 * - positions: a `snapshot` push (after subscribing, and OKX's periodic ones) is the whole open
 *   set (`complete`), pages gathered up to `lastPage`; an `event_update` names what changed,
 *   a closed position with `pos` "0". Contract sizes come from `/public/instruments`, asked once
 *   per kind held (per family for options), as the sync asks them.
 *
 * Funding, Simple Earn and On-chain Earn have no private channel a read-only key can follow
 * balances on; the scheduled sync keeps them.
 */
export function createOkxLive(options: { clock?: ConnectorClock } = {}): LiveSource {
  const clock = options.clock ?? systemClock;
  return {
    async open(ctx: ConnectorContext, handlers: LiveHandlers): Promise<LiveStream> {
      const created = await createExchange({ ctx, exchangeId: okxSpec.exchangeId, providerId: okxSpec.providerId, options: okxSpec.options, clock, pro: true });
      const exchange = created.exchange as ProOkx;
      observeWsFutures(exchange);
      const fiatCodes = fiatCodesOf(exchange.options);
      const accountKey = OKX_ACCOUNTS.trading.key;
      const toError = (error: unknown) =>
        okxSpec.refineError(error, created.ccxt, okxSpec.name) ??
        mapCcxtError(error, {
          ccxt: created.ccxt,
          exchangeName: okxSpec.name,
          lastResponse: created.transport.last,
          secrets: [ctx.credentials.apiKey, ctx.credentials.secret, ctx.credentials.passphrase, ctx.credentials.password].filter(
            (v): v is string => typeof v === 'string',
          ),
          now: clock.now(),
        });
      const stop = new AbortController();

      const instruments = new Map<string, OkxInstrument>();
      /** Loads the contract sizes of instruments not known yet, with the requests the sync makes. */
      async function ensureInstruments(rows: readonly Record<string, string>[]): Promise<void> {
        const requests = new Map<string, object>();
        for (const row of rows) {
          if (instruments.has(row.instId as string)) continue;
          if (row.instType === 'SWAP' || row.instType === 'FUTURES') requests.set(row.instType, { instType: row.instType });
          if (row.instType === 'OPTION') {
            const family = okxOptionFamily(row as { instId: string });
            requests.set(`OPTION ${family}`, { instType: 'OPTION', instFamily: family });
          }
        }
        for (const params of requests.values()) {
          for (const row of okxData(await callImplicitApi(exchange, 'publicGetPublicInstruments', params), 'the instruments') as OkxInstrument[]) {
            instruments.set(row.instId, row);
          }
        }
      }

      /** Currencies this stream last saw held, so a snapshot that no longer lists one reports it as zero. */
      const held = new Set<string>();
      function balancesOf(push: OkxPush): BalanceRecord[] {
        const asOf = new Date(clock.now()).toISOString();
        const details = (push.data[0] as { details?: unknown } | undefined)?.details;
        const records = okxTradingBalances(push.data, { accountKey, asOf, fiatCodes });
        const now = new Set(records.map((r) => r.asset.symbol));
        const named = Array.isArray(details) ? details.filter((d) => hasStrings(d, ['ccy'])).map((d) => d.ccy as string) : [];
        const gone = new Set(named.filter((ccy) => !now.has(ccy)));
        if (push.eventType === 'snapshot') for (const ccy of held) if (!now.has(ccy)) gone.add(ccy);
        for (const ccy of now) held.add(ccy);
        for (const ccy of gone) held.delete(ccy);
        return [...records, ...[...gone].sort().map((ccy) => ({ accountKey, asset: assetRefOf(ccy, fiatCodes), free: '0', locked: '0', asOf }))];
      }

      /** A net-mode position (`posSide` "net") is stored long or short by its sign, unknown once it is zero. */
      const sidesOf = (row: Record<string, string>): ('long' | 'short')[] =>
        row.posSide === 'long' ? ['long'] : row.posSide === 'short' ? ['short'] : ['long', 'short'];

      /** Positions a push names as closed (`pos` "0"): one record per side they may be stored under. */
      function closedOf(rows: readonly Record<string, string>[], asOf: string): PositionRecord[] {
        return rows
          .filter((row) => row.pos === '0' || row.pos === '')
          .flatMap((row) => sidesOf(row).map((side) => ({ row, side })))
          .map(({ row, side }) => ({
            accountKey,
            symbol: row.instId as string,
            side,
            contracts: '0',
            sizeInBase: '0',
            entryPrice: null,
            markPrice: null,
            notional: null,
            unrealizedPnl: null,
            leverage: null,
            liquidationPrice: null,
            marginMode: row.mgnMode === 'isolated' ? 'isolated' : 'cross',
            margin: null,
            settleAsset: null,
            asOf,
          }));
      }

      /** Snapshot pages gathered until `lastPage`. */
      let snapshotPages: Record<string, string>[] = [];
      async function handlePositionsPush(push: OkxPush): Promise<void> {
        if (!push.data.every((row) => hasStrings(row, ['instId', 'instType', 'pos', 'posSide']))) {
          // The sync's mapper names what is missing.
          okxPositions(push.data, instruments, accountKey, new Date(clock.now()).toISOString());
          return;
        }
        const rows = push.data as Record<string, string>[];
        if (push.eventType === 'snapshot') {
          if ((push.curPage ?? 1) === 1) snapshotPages = [];
          snapshotPages.push(...rows);
          if (push.lastPage === false) return;
        }
        const all = push.eventType === 'snapshot' ? snapshotPages : rows;
        const open = all.filter((row) => row.pos !== '0' && row.pos !== '');
        await ensureInstruments(open);
        const asOf = new Date(clock.now()).toISOString();
        const positions = okxPositions(open, instruments, accountKey, asOf);
        if (push.eventType === 'snapshot') {
          snapshotPages = [];
          handlers.onPositions({ accountKey, positions, complete: true });
        } else {
          handlers.onPositions({ accountKey, positions: [...positions, ...closedOf(all, asOf)], complete: false });
        }
      }

      // Pushes are handled one after another, so a position push that waits for contract sizes
      // is not overtaken by the balance push that follows it.
      let queue = Promise.resolve();
      const enqueue = (work: () => void | Promise<void>) => {
        queue = queue.then(work).catch((error: unknown) => {
          if (stop.signal.aborted) return;
          // An instruments read refused for good ends the stream; anything else is retried by the next push.
          const mapped = toError(error);
          handlers.onError(mapped, isFinalStreamError(mapped));
        });
      };
      const handleBalance = exchange.handleBalance.bind(exchange);
      exchange.handleBalance = (client, message) => {
        if (isPush(message)) enqueue(() => handlers.onBalances({ accountKey, balances: balancesOf(message) }));
        handleBalance(client, message);
      };
      const handlePositions = exchange.handlePositions.bind(exchange);
      exchange.handlePositions = (client, message) => {
        if (isPush(message)) enqueue(() => handlePositionsPush(message));
        try {
          handlePositions(client, message);
        } catch {
          // ccxt's own position cache needs markets this source does not load (it reads OKX's rows
          // itself, above); its failure to parse one must not end the stream.
        }
      };

      /** Resolves once OKX acknowledged both subscriptions. */
      const acknowledged = new Set<string>();
      let onAcknowledged: (() => void) | undefined;
      const handleSubscriptionStatus = exchange.handleSubscriptionStatus.bind(exchange);
      exchange.handleSubscriptionStatus = (client, message) => {
        const channel = (message as { arg?: { channel?: unknown } } | null)?.arg?.channel;
        if (typeof channel === 'string') acknowledged.add(channel);
        if (acknowledged.has('account') && acknowledged.has('positions')) onAcknowledged?.();
        return handleSubscriptionStatus(client, message);
      };

      const close = async () => {
        stop.abort();
        await exchange.close().catch(() => undefined);
        created.dispose();
      };
      const watch = () => Promise.race([exchange.watchBalance(), exchange.watchPositions()]);

      let first: Promise<unknown>;
      try {
        // No markets: the pushes are read raw (above), as the connector reads REST bodies without
        // ever loading OKX's markets; an empty set keeps ccxt's watch methods from loading them.
        exchange.setMarkets([]);
        // Logging in first surfaces a refused key (60005, 60007, 60024) here, before the stream counts as open.
        await exchange.authenticate();
        const subscribed = new Promise<void>((resolve) => {
          onAcknowledged = resolve;
        });
        first = watch();
        first.catch(() => undefined);
        // The balance snapshot may resolve the first watch before OKX acknowledged `positions`.
        await Promise.race([subscribed, first.then(() => subscribed)]);
      } catch (error) {
        await close();
        throw toError(error);
      }

      followWatch({ first, watch, toError, onError: handlers.onError, close, clock, signal: stop.signal });
      return { close };
    },
  };
}

export const okxLive = createOkxLive();
