import { AuthError, PermissionError } from '@omnifolio/shared/errors';
import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { BalanceRecord, PositionRecord } from '@omnifolio/shared/schemas';
import type { Exchange } from 'ccxt';
import { assetRefOf, fiatCodesOf } from '../ccxt/asset-kind.js';
import { type ConnectorClock, systemClock } from '../ccxt/clock.js';
import { createExchange } from '../ccxt/create-exchange.js';
import { callImplicitApi } from '../ccxt/implicit-api.js';
import { mapCcxtError } from '../ccxt/map-ccxt-error.js';
import { observeWsFutures } from '../ccxt/observe-ws-futures.js';
import type { LiveHandlers, LiveSource, LiveStream } from '../live-source.js';
import type { ConnectorContext } from '../types.js';
import { kucoinCrossMarginBalances, kucoinSpotBalances } from './kucoin-balances.js';
import { KUCOIN_ENDPOINTS } from './kucoin-call.js';
import { kucoinSpec } from './kucoin-connector.js';
import { type KucoinContract, kucoinPositions } from './kucoin-positions.js';
import { kucoinAssetCode, kucoinData, kucoinDecimal, kucoinUnreadable } from './kucoin-raw.js';

/** ccxt pro's KuCoin, as far as this file reaches into it. */
interface WsClient {
  subscriptions: Record<string, unknown>;
  resolve(result: unknown, messageHash: string): void;
}
type ProKucoin = Exchange & {
  negotiate(privateChannel: boolean, isFuturesMethod?: boolean): Promise<string>;
  subscribe(url: string, messageHash: string, topic: string, params?: Record<string, unknown>): Promise<unknown>;
  handleBalance(client: WsClient, message: unknown): void;
  handlePosition(client: WsClient, message: unknown): void;
  handleSubscriptionStatus(client: WsClient, message: unknown): void;
  loadHttpProxyAgent(): Promise<unknown>;
  close(): Promise<void>;
};

interface KucoinEvent {
  topic: string;
  subject: string;
  data: Record<string, unknown>;
}

/** The account keys of kucoin-connector.ts. */
const FUNDING_KEY = 'funding';
const TRADING_KEY = 'trading';
const MARGIN_KEY = 'margin';
const FUTURES_KEY = 'futures';
const BALANCE_TOPIC = '/account/balance';
const WALLET_TOPIC = '/contractAccount/wallet';
const POSITIONS_TOPIC = '/contract/positionAll';
const FIRST_RETRY_MS = 1_000;
const LAST_RETRY_MS = 60_000;

const isEvent = (message: unknown): message is KucoinEvent => {
  const m = message as Partial<KucoinEvent> | null;
  return typeof m?.topic === 'string' && typeof m.subject === 'string' && typeof m.data === 'object' && m.data !== null;
};

/**
 * KuCoin, live, through ccxt pro: ccxt asks for a bullet token (`POST /api/v1/bullet-private` on
 * the spot and on the futures host, signed like any private call), connects to the server it
 * names, keeps KuCoin's JSON ping every `pingInterval`, and subscribes the private topics:
 *
 * - `/account/balance` (spot connection): `account.balance` events, one currency each;
 *   `relationEvent` names the account first. Funding (`main.*`): absolute `total` and `hold`,
 *   written as the sync reads `GET /api/v1/accounts` (free = total − hold, locked = hold).
 *   Trading (`trade.*`, `trade_hf.*`): the sync adds a currency's classic and high-frequency rows
 *   into one balance and an event carries one of them, so the currency's rows are read back with
 *   one `GET /api/v1/accounts?currency=…`. Cross margin (`margin.*`): the event has no liability,
 *   which the sync nets out, so `GET /api/v3/margin/accounts` is read back. Both through the
 *   sync's own mappers.
 * - `/contractAccount/wallet` (futures connection): `walletBalance.change` with the wallet's
 *   `equity` and margins, written as the sync reads the account overview: locked = position +
 *   order margins (cross and isolated) + `holdBalance` (frozen), free = equity − locked.
 * - `/contract/positionAll` (futures connection): `position.change` with the whole position in
 *   the shape of `GET /api/v1/positions`, mapped by the sync's own kucoinPositions; a mark-price
 *   update that carries only the changed fields is merged into the last whole position seen.
 *
 * The raw events are read by wrapping ccxt's handlers (as binance-live-balances.ts does): ccxt's
 * watchBalance coalesces events and renames currencies, and its classic position handler expects
 * one topic per symbol. Isolated margin, Earn and the older `availableBalance.change` (no equity
 * in it) are left to the scheduled sync.
 */
export function createKucoinLive(options: { clock?: ConnectorClock } = {}): LiveSource {
  const clock = options.clock ?? systemClock;
  return {
    async open(ctx: ConnectorContext, handlers: LiveHandlers): Promise<LiveStream> {
      const created = await createExchange({
        ctx,
        exchangeId: kucoinSpec.exchangeId,
        providerId: kucoinSpec.providerId,
        // Classic accounts (not unified), and no REST snapshot: the stream only reports changes.
        options: { uta: false, watchBalance: { fetchBalanceSnapshot: false } },
        clock,
        pro: true,
      });
      const exchange = created.exchange as ProKucoin;
      observeWsFutures(exchange);
      const fiatCodes = fiatCodesOf(exchange.options);
      const toError = (error: unknown) =>
        kucoinSpec.refineError(error, created.ccxt, kucoinSpec.name) ??
        mapCcxtError(error, {
          ccxt: created.ccxt,
          exchangeName: kucoinSpec.name,
          lastResponse: created.transport.last,
          secrets: [ctx.credentials.apiKey, ctx.credentials.secret, ctx.credentials.passphrase].filter((v): v is string => typeof v === 'string'),
          now: clock.now(),
        });

      const contracts = new Map<string, KucoinContract>();
      const loadContracts = async () => {
        const listed = kucoinData(await callImplicitApi(exchange, 'futuresPublicGetContractsActive'), 'the futures contracts');
        if (!Array.isArray(listed)) throw kucoinUnreadable('the futures contracts');
        for (const row of listed as KucoinContract[]) contracts.set(row.symbol, row);
      };
      /** The last whole position per symbol, for updates that carry only what changed. */
      const positions = new Map<string, Record<string, unknown>>();

      const context = () => ({ asOf: new Date(clock.now()).toISOString(), fiatCodes });
      /** A currency the sync's mapper leaves out for being empty is written as zero ("gone"). */
      const orZero = (balances: BalanceRecord[], accountKey: string, currency: string, asOf: string): BalanceRecord[] =>
        balances.some((b) => b.asset.symbol === currency)
          ? balances
          : [...balances, { accountKey, asset: assetRefOf(currency, fiatCodes), free: '0', locked: '0', asOf }];
      /**
       * Trading: the sync adds the classic (`trade`) and high-frequency (`trade_hf`) rows of a
       * currency into one balance, and an event carries only one of them, so the currency's rows are
       * read back (`GET /api/v1/accounts?currency=…`) through the sync's mapper.
       */
      const readBackTrading = async (currency: string) => {
        const ctx = context();
        const rows = kucoinData(await callImplicitApi(exchange, KUCOIN_ENDPOINTS.accounts.method, { currency }), 'the account list');
        const trading = kucoinSpotBalances(rows, (type) => (type === 'trade' || type === 'trade_hf' ? TRADING_KEY : undefined), ctx);
        handlers.onBalances({ accountKey: TRADING_KEY, balances: orZero(trading, TRADING_KEY, currency, ctx.asOf) });
      };
      /** Cross margin: the event has no liability, which the sync nets out, so the account is read back. */
      const readBackCrossMargin = async (currency: string) => {
        const ctx = context();
        const body = kucoinData(await callImplicitApi(exchange, KUCOIN_ENDPOINTS.crossMargin.method), 'the cross margin account');
        handlers.onBalances({ accountKey: MARGIN_KEY, balances: orZero(kucoinCrossMarginBalances(body, MARGIN_KEY, ctx), MARGIN_KEY, currency, ctx.asOf) });
      };

      const onEvent = (event: KucoinEvent): void | Promise<void> => {
        const asOf = (field: unknown) => new Date(Number(field ?? clock.now())).toISOString();
        if (event.topic === BALANCE_TOPIC && event.subject === 'account.balance') {
          const d = event.data;
          const type = String(d.relationEvent ?? '').split('.')[0] ?? '';
          if (typeof d.currency !== 'string') return;
          if (type === 'main') {
            const total = dec(kucoinDecimal(d.total, 'a balance total'));
            const hold = dec(kucoinDecimal(d.hold, 'a balance hold'));
            const balance = {
              accountKey: FUNDING_KEY,
              asset: assetRefOf(d.currency, fiatCodes),
              free: toDecimalString(total.minus(hold)),
              locked: toDecimalString(hold),
              asOf: asOf(d.time),
            };
            handlers.onBalances({ accountKey: FUNDING_KEY, balances: [balance] });
          } else if (type === 'trade' || type === 'trade_hf') {
            return readBackTrading(d.currency);
          } else if (type === 'margin' || type === 'margin_v2') {
            return readBackCrossMargin(d.currency);
          }
        } else if (event.topic === WALLET_TOPIC && event.subject === 'walletBalance.change') {
          const d = event.data;
          if (typeof d.currency !== 'string') return;
          const equity = dec(kucoinDecimal(d.equity, 'the futures equity'));
          const locked = ['crossPosMargin', 'isolatedPosMargin', 'crossOrderMargin', 'isolatedOrderMargin', 'holdBalance'].reduce(
            (sum, field) => sum.plus(kucoinDecimal(d[field] ?? '0', `the futures ${field}`)),
            dec('0'),
          );
          const balance: BalanceRecord = {
            accountKey: FUTURES_KEY,
            asset: assetRefOf(kucoinAssetCode(d.currency), fiatCodes),
            free: toDecimalString(equity.minus(locked)),
            locked: toDecimalString(locked),
            asOf: asOf(d.timestamp),
          };
          handlers.onBalances({ accountKey: FUTURES_KEY, balances: [balance] });
        }
      };

      const onPosition = async (event: KucoinEvent) => {
        const symbol = typeof event.data.symbol === 'string' ? event.data.symbol : undefined;
        if (symbol === undefined) return;
        const whole = { ...positions.get(symbol), ...event.data };
        if (whole.currentQty === undefined || whole.settleCurrency === undefined) return;
        const asOf = new Date(Number(whole.currentTimestamp ?? clock.now())).toISOString();
        if (whole.currentQty === 0 || whole.isOpen === false) {
          positions.delete(symbol);
          handlers.onPositions({ accountKey: FUTURES_KEY, positions: (['long', 'short'] as const).map((side) => closed(symbol, side, asOf)), complete: false });
          return;
        }
        positions.set(symbol, whole);
        if (!contracts.has(symbol)) await loadContracts();
        handlers.onPositions({ accountKey: FUTURES_KEY, positions: kucoinPositions([whole], contracts, FUTURES_KEY, asOf), complete: false });
      };

      // Events in order, one at a time (a position may wait for the contract list).
      let queue = Promise.resolve();
      const enqueue = (work: () => void | Promise<void>) => {
        queue = queue.then(work).catch((error: unknown) => handlers.onError(toError(error), false));
      };

      const handleBalance = exchange.handleBalance.bind(exchange);
      exchange.handleBalance = (client, message) => {
        if (isEvent(message)) {
          enqueue(() => onEvent(message));
          client.resolve(message, message.topic);
        }
        handleBalance(client, message);
      };
      // ccxt's classic handler keeps a per-symbol cache this source does not use; the raw event is all we need.
      exchange.handlePosition = (client, message) => {
        if (isEvent(message) && message.subject === 'position.change') enqueue(() => onPosition(message));
        client.resolve(message, POSITIONS_TOPIC);
      };
      // Each topic's acknowledgement, so that open() returns once KuCoin has accepted them all.
      const acked = new Map<string, () => void>();
      const handleStatus = exchange.handleSubscriptionStatus.bind(exchange);
      exchange.handleSubscriptionStatus = (client, message) => {
        const id = String((message as { id?: unknown }).id);
        const topic = client.subscriptions[id];
        if (typeof topic === 'string') acked.get(topic)?.();
        handleStatus(client, message);
      };

      const stop = new AbortController();
      const close = async () => {
        stop.abort();
        await exchange.close().catch(() => undefined);
        created.dispose();
      };

      let opened = false;
      /**
       * Keeps one topic subscribed: ccxt (re)connects and sends the subscription on the first call
       * and after a dropped connection; each call returns with the topic's next event.
       */
      /** ccxt's cached bullet of one connection (`private`, `privateFutures`): the URL with its token. */
      const bullets = () => (exchange.options.urls ?? {}) as Record<string, Promise<string> | undefined>;
      const follow = (futures: boolean, topic: string, failOpening: (error: unknown) => void) =>
        void (async () => {
          const connectId = futures ? 'privateFutures' : 'private';
          let wait = FIRST_RETRY_MS;
          let url: string | undefined;
          while (!stop.signal.aborted) {
            try {
              // A cached bullet, or a new one after a failure (below).
              url = await exchange.negotiate(true, futures);
              await exchange.subscribe(url, topic, topic, { privateChannel: true });
              wait = FIRST_RETRY_MS;
            } catch (error) {
              if (stop.signal.aborted) return;
              if (!opened) {
                failOpening(error);
                return;
              }
              const mapped = toError(error);
              const final = mapped instanceof AuthError || mapped instanceof PermissionError;
              handlers.onError(mapped, final);
              if (final) {
                await close();
                return;
              }
              // Reconnect with a new bullet (a dropped connection's token may be spent or expired),
              // unless another topic of the same connection already asked for one.
              const cached = bullets()[connectId];
              if (cached !== undefined && (await cached.catch(() => undefined)) === url) delete bullets()[connectId];
              await clock.sleep(wait, stop.signal).catch(() => undefined);
              wait = Math.min(wait * 2, LAST_RETRY_MS);
            }
          }
        })();

      try {
        // KuCoin names its push servers `wss://`; a simulator or proxy answers `ws://`, for which ccxt
        // needs a plain HTTP agent loaded first. Nothing changes for `wss://`.
        await exchange.loadHttpProxyAgent();
        // The bullet requests are the signed part: a refused key fails here, before the stream counts as open.
        await exchange.negotiate(true, false);
        await exchange.negotiate(true, true);
        await loadContracts();
        const subscriptions: [boolean, string][] = [
          [false, BALANCE_TOPIC],
          [true, WALLET_TOPIC],
          [true, POSITIONS_TOPIC],
        ];
        await Promise.all(
          subscriptions.map(
            ([futures, topic]) =>
              new Promise<void>((resolve, reject) => {
                acked.set(topic, resolve);
                follow(futures, topic, reject);
              }),
          ),
        );
        opened = true;
      } catch (error) {
        await close();
        throw toError(error);
      }
      return { close };
    },
  };
}

function closed(symbol: string, side: 'long' | 'short', asOf: string): PositionRecord {
  return {
    accountKey: FUTURES_KEY,
    symbol,
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
    settleAsset: null,
    asOf,
  };
}

export const kucoinLive = createKucoinLive();
