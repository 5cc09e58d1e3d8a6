import type { AssetRef } from '@omnifolio/shared/schemas';
import type { Exchange } from 'ccxt';
import { fiatCodesOf } from '../ccxt/asset-kind.js';
import { type ConnectorClock, systemClock } from '../ccxt/clock.js';
import { createExchange } from '../ccxt/create-exchange.js';
import { followWatch, isFinalStreamError } from '../ccxt/follow-watch.js';
import { callImplicitApi } from '../ccxt/implicit-api.js';
import { mapCcxtError } from '../ccxt/map-ccxt-error.js';
import { observeWsFutures } from '../ccxt/observe-ws-futures.js';
import type { LiveHandlers, LiveStream } from '../live-source.js';
import type { ConnectorContext } from '../types.js';
import { BINANCE_ACCOUNTS } from './binance-accounts.js';
import { binanceSpec } from './binance-connector.js';
import { type BinanceFuturesKind, binancePositions } from './binance-positions.js';
import { binanceFuturesWalletBalances } from './binance-wallet-balances.js';
import { absentWalletCode } from './binance-wallets.js';

/** ccxt pro's binanceusdm / binancecoinm, as far as this file reaches into it. */
type ProBinanceFutures = Exchange & {
  watchBalance(params?: Record<string, unknown>): Promise<unknown>;
  authenticate(params?: Record<string, unknown>): Promise<unknown>;
  handleBalance(client: unknown, message: unknown): void;
  getPrivateWsUrl(type: string, listenKey: string): string;
  client(url: string): { connected: Promise<unknown> };
  close(): Promise<void>;
};

/** Per wallet: ccxt pro's class and its user-data type, and the REST reads the sync makes (binance-wallets.ts). */
const WALLETS = {
  usdm: { exchangeId: 'binanceusdm', type: 'future', account: 'fapiPrivateV2GetAccount', positions: 'fapiPrivateV2GetPositionRisk' },
  coinm: { exchangeId: 'binancecoinm', type: 'delivery', account: 'dapiPrivateGetAccount', positions: 'dapiPrivateGetPositionRisk' },
} as const satisfies Record<BinanceFuturesKind, unknown>;

/**
 * One Binance futures wallet (USDⓈ-M or COIN-M), live, through ccxt pro's binanceusdm /
 * binancecoinm: ccxt makes the listen key (`POST /fapi/v1/listenKey`, `/dapi/v1/listenKey`),
 * keeps it alive (`PUT` every 20 minutes) and holds the user data stream open; we see every
 * `ACCOUNT_UPDATE` raw by wrapping ccxt's `handleBalance`, once and in order.
 *
 * Why an `ACCOUNT_UPDATE` is followed by one read of that wallet (`account` and `positionRisk`,
 * weight 5 + 5 on USDⓈ-M, 5 + 1 on COIN-M) rather than mapped on its own: the event carries the
 * wallet balance (`wb`) and, per position, amount, entry price and uPnL (`pa`, `ep`, `up`), but
 * not the mark price, liquidation price, leverage or notional of a position, nor the wallet's
 * total uPnL and initial margin, which are what the stored equity and locked amounts are
 * (binance-wallet-balances.ts). Stored from the event alone, a position would show a new uPnL
 * beside an old mark price. Read through the sync's own mappers, the stored rows are exactly what
 * the next sync stores. Updates that arrive while a read runs are covered by one more read, not
 * one each. The read happens only when Binance says the wallet changed (and once on open and
 * after a reconnect, for what the stream could not say): no polling.
 *
 * Resolves to undefined when this account has no such futures wallet (or the key cannot read it:
 * Binance answers -2015 or -4109 to the listen key request); the scheduled sync says so already.
 */
export async function openBinanceFuturesStream(
  kind: BinanceFuturesKind,
  ctx: ConnectorContext,
  handlers: LiveHandlers,
  clock: ConnectorClock = systemClock,
): Promise<LiveStream | undefined> {
  const wallet = WALLETS[kind];
  const accountKey = BINANCE_ACCOUNTS[kind].key;
  const created = await createExchange({
    ctx,
    exchangeId: wallet.exchangeId,
    providerId: binanceSpec.providerId,
    // No markets are needed (the stream is read raw, the REST reads are implicit calls); ccxt's
    // watchBalance loads them first, so make that load nothing.
    options: { fetchMarkets: { types: [] }, fetchCurrencies: false, fetchMargins: false },
    clock,
    pro: true,
    weightHeaders: binanceSpec.weightHeaders,
  });
  const exchange = created.exchange as ProBinanceFutures;
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

  const stop = new AbortController();
  /** Assets the last read reported held, so one that is gone is reported as zero. */
  let held = new Map<string, AssetRef>();

  async function readWallet(): Promise<void> {
    const asOf = new Date(clock.now()).toISOString();
    const account = await callImplicitApi(exchange, wallet.account);
    const rows = await callImplicitApi(exchange, wallet.positions);
    if (stop.signal.aborted) return;
    const balances = binanceFuturesWalletBalances(account, { accountKey, asOf, fiatCodes });
    const now = new Map(balances.map((b) => [b.asset.symbol, b.asset]));
    const gone = [...held].filter(([symbol]) => !now.has(symbol)).map(([, asset]) => ({ accountKey, asset, free: '0', locked: '0', asOf }));
    held = now;
    handlers.onBalances({ accountKey, balances: [...balances, ...gone] });
    handlers.onPositions({ accountKey, positions: binancePositions({ kind, rows, accountKey, asOf }), complete: true });
  }

  /** One read at a time; updates during a read ask for exactly one more. */
  let reading: Promise<void> | undefined;
  let readAgain = false;
  const requestRead = (): Promise<void> => {
    if (reading !== undefined) {
      readAgain = true;
      return reading;
    }
    reading = (async () => {
      try {
        do {
          readAgain = false;
          await readWallet();
        } while (readAgain && !stop.signal.aborted);
      } finally {
        reading = undefined;
      }
    })();
    return reading;
  };

  const handleBalance = exchange.handleBalance.bind(exchange);
  exchange.handleBalance = (client, message) => {
    if ((message as { e?: unknown } | null)?.e === 'ACCOUNT_UPDATE') {
      requestRead().catch((error: unknown) => {
        if (stop.signal.aborted) return;
        // A key revoked meanwhile is final (the companion closes the stream and polls); anything
        // else waits for the next update or reconnect, which reads the wallet again.
        const mapped = toError(error);
        handlers.onError(mapped, isFinalStreamError(mapped));
      });
    }
    handleBalance(client, message);
  };

  const close = async () => {
    stop.abort();
    // Forgotten rather than deleted: Binance gives an account one listen key, shared with any other
    // program the user runs on it, and `DELETE` would end their streams too. Forgetting it also
    // stops ccxt's scheduled keep-alive from renewing it.
    forgetListenKey();
    await exchange.close().catch(() => undefined);
    created.dispose();
  };

  function forgetListenKey(): void {
    const options = exchange.options as Record<string, Record<string, unknown> | undefined>;
    options[wallet.type] = { ...options[wallet.type], listenKey: undefined, lastAuthenticatedTime: 0 };
  }

  /** Makes (or reuses) the listen key, connects the stream and waits until it is open; returns the running watch. */
  async function connect(): Promise<{ watching: Promise<unknown> }> {
    await exchange.authenticate({ type: wallet.type });
    const listenKey = (exchange.options as Record<string, { listenKey?: string } | undefined>)[wallet.type]?.listenKey;
    if (listenKey === undefined) throw new Error(`ccxt made no ${kind} listen key.`);
    const watching = exchange.watchBalance({ type: wallet.type });
    watching.catch(() => undefined);
    await exchange.client(exchange.getPrivateWsUrl(wallet.type, listenKey)).connected;
    return { watching };
  }

  let first: Promise<unknown>;
  try {
    await exchange.loadMarkets();
    ({ watching: first } = await connect());
    await requestRead();
  } catch (error) {
    await close();
    if (absentWalletCode(kind, error) !== undefined) return undefined;
    throw toError(error);
  }

  followWatch({
    first,
    watch: () => exchange.watchBalance({ type: wallet.type }),
    // A dropped stream may have missed updates, and its listen key may have expired
    // (`listenKeyExpired`): start over with a fresh key, then read what changed meanwhile.
    beforeRetry: async () => {
      forgetListenKey();
      await connect();
      await requestRead();
    },
    toError,
    onError: handlers.onError,
    close,
    clock,
    signal: stop.signal,
  });
  return { close };
}
