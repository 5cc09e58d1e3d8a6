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
import { mexcFuturesBalances } from './mexc-balances.js';
import { mexcSpec } from './mexc-connector.js';
import { paceMexc } from './mexc-pacing.js';
import { type MexcContract, mexcPositions } from './mexc-positions.js';
import { isRow, mexcContractData, mexcDecimal, mexcUnreadable } from './mexc-raw.js';

/** ccxt pro's MEXC, as far as this file reaches into it. */
interface WsClient {
  url: string;
  resolve(result: unknown, messageHash: string): void;
  reject(error: unknown, messageHash?: string): void;
}
type ProMexc = Exchange & {
  watchSpotPrivate(channel: string, messageHash: string): Promise<unknown>;
  watchSwapPrivate(messageHash: string): Promise<unknown>;
  handleMessage(client: WsClient, message: unknown): void;
  handleBalance(client: WsClient, message: unknown): void;
  handleSubscriptionStatus(client: WsClient, message: unknown): void;
  loadExchangeSpecificFiles(): Promise<void>;
  close(): Promise<void>;
};

/** The account keys of mexc-connector.ts. */
const SPOT_KEY = 'spot';
const FUTURES_KEY = 'futures';
/** ccxt 4.5 subscribes MEXC's protobuf account channel (`.pb`): frames are binary, decoded by ccxt with protobufjs. */
const ACCOUNT_CHANNEL = 'spot@private.account.v3.api.pb';
const SPOT_HASH = 'balance:spot';
const SWAP_HASH = 'balance:swap';
const FIRST_RETRY_MS = 1_000;
const LAST_RETRY_MS = 60_000;

/**
 * MEXC, live, through ccxt pro:
 *
 * - Spot: ccxt asks for a listen key (`POST /api/v3/userDataStream`, signed; kept alive with `PUT`
 *   every 20 minutes), connects to `wss://wbs-api.mexc.com/ws?listenKey=…` and subscribes
 *   `spot@private.account.v3.api.pb`. MEXC answers with binary protobuf frames
 *   (`PushDataV3ApiWrapper.privateAccount`), which ccxt decodes with protobufjs (a dependency here
 *   for that reason): `vcoinName`, `balanceAmount` (free) and `frozenAmount` (locked), absolute
 *   strings, written as the sync reads `GET /api/v3/account` (`free`, `locked`), digit for digit.
 * - USDT-M futures: ccxt logs in on `wss://contract.mexc.com/edge` (`method: login`, signature hex
 *   HMAC-SHA256 of apiKey + reqTime); MEXC then pushes `push.personal.asset`, whose fields
 *   (available, frozen, position margin) do not give the equity the sync values the wallet at
 *   (cash balance + unrealized PnL), so each push is read back with one
 *   `GET /api/v1/private/account/assets` through the sync's mapper.
 *
 * - Futures positions: the same login also brings `push.personal.position`, which ccxt does not
 *   handle (it has no MEXC watchPositions) and which has no mark price or PnL: each push makes the
 *   open set be read back as the sync reads it and written whole (`complete`).
 *
 * ccxt ignores the login's answer; this source reads it (`rs.login` opens, `rs.error` is a refused
 * key).
 */
export function createMexcLive(
  options: { clock?: ConnectorClock /** ccxt settings tests tune (a tiny `rateLimit`). */; config?: { rateLimit?: number } } = {},
): LiveSource {
  const clock = options.clock ?? systemClock;
  return {
    async open(ctx: ConnectorContext, handlers: LiveHandlers): Promise<LiveStream> {
      const created = await createExchange({
        ctx,
        exchangeId: mexcSpec.exchangeId,
        providerId: mexcSpec.providerId,
        options: mexcSpec.options,
        config: options.config,
        clock,
        pro: true,
      });
      const exchange = created.exchange as ProMexc;
      observeWsFutures(exchange);
      const fiatCodes = fiatCodesOf(exchange.options);
      const toError = (error: unknown) =>
        mexcSpec.refineError(error, created.ccxt, mexcSpec.name) ??
        mapCcxtError(error, {
          ccxt: created.ccxt,
          exchangeName: mexcSpec.name,
          lastResponse: created.transport.last,
          secrets: [ctx.credentials.apiKey, ctx.credentials.secret].filter((v): v is string => typeof v === 'string'),
          now: clock.now(),
        });

      let queue = Promise.resolve();
      const enqueue = (work: () => void | Promise<void>) => {
        queue = queue.then(work).catch((error: unknown) => handlers.onError(toError(error), false));
      };
      const readBackFutures = async () => {
        const body = await callImplicitApi(exchange, 'contractPrivateGetAccountAssets');
        const rows = mexcContractData(body, 'the futures account');
        const asOf = new Date(clock.now()).toISOString();
        const held = mexcFuturesBalances(rows, { accountKey: FUTURES_KEY, asOf, fiatCodes });
        // Wallets the sync's mapper leaves out for being empty are written as zero ("gone").
        const emptied: BalanceRecord[] = (Array.isArray(rows) ? rows : [])
          .filter((row): row is { currency: string } => isRow(row) && typeof row.currency === 'string')
          .filter((row) => !held.some((b) => b.asset.symbol === row.currency))
          .map((row) => ({ accountKey: FUTURES_KEY, asset: assetRefOf(row.currency, fiatCodes), free: '0', locked: '0', asOf }));
        handlers.onBalances({ accountKey: FUTURES_KEY, balances: [...held, ...emptied] });
      };

      /**
       * Futures positions: `push.personal.position` has no mark price or PnL, so the open set is read
       * back as the sync reads it (open positions, each contract's size and fair price) and written
       * whole.
       */
      /** Contract sizes, read once per symbol, `contract/detail` calls 5 s apart (MEXC's limit for it, mexc-pacing.ts). */
      const details = new Map<string, Omit<MexcContract, 'fairPrice'>>();
      const readDetail = async (symbol: string) => {
        const detail = mexcContractData(
          await paceMexc(clock, 'contractDetail', () => callImplicitApi(exchange, 'contractPublicGetDetail', { symbol })),
          `the contract ${symbol}`,
        );
        if (!isRow(detail) || typeof detail.baseCoin !== 'string' || typeof detail.settleCoin !== 'string') throw mexcUnreadable(`the contract ${symbol}`);
        const read = {
          symbol,
          baseCoin: detail.baseCoin,
          settleCoin: detail.settleCoin,
          contractSize: mexcDecimal(detail.contractSize, `the contract size of ${symbol}`),
        };
        details.set(symbol, read);
        return read;
      };
      const readBackPositions = async () => {
        const rows = mexcContractData(await callImplicitApi(exchange, 'contractPrivateGetPositionOpenPositions'), 'the open positions');
        if (!Array.isArray(rows) || !rows.every(isRow)) throw mexcUnreadable('the open positions');
        const contracts = new Map<string, MexcContract>();
        for (const symbol of new Set(rows.map((r) => r.symbol).filter((v): v is string => typeof v === 'string'))) {
          const detail = details.get(symbol) ?? (await readDetail(symbol));
          const ticker = mexcContractData(await callImplicitApi(exchange, 'contractPublicGetTicker', { symbol }), `the ${symbol} price`);
          if (!isRow(ticker)) throw mexcUnreadable(`the ${symbol} price`);
          contracts.set(symbol, { ...detail, fairPrice: mexcDecimal(ticker.fairPrice, `the fair price of ${symbol}`) });
        }
        const positions = mexcPositions(rows, contracts, FUTURES_KEY, new Date(clock.now()).toISOString());
        handlers.onPositions({ accountKey: FUTURES_KEY, positions, complete: true });
      };

      const acked = new Map<string, () => void>();
      const refused = new Map<string, (error: Error) => void>();
      const handleBalance = exchange.handleBalance.bind(exchange);
      exchange.handleBalance = (client, message) => {
        const m = message as { channel?: unknown; privateAccount?: Record<string, unknown>; createTime?: unknown };
        if (m.channel === ACCOUNT_CHANNEL && isRow(m.privateAccount)) {
          const account = m.privateAccount;
          enqueue(() => {
            if (typeof account.vcoinName !== 'string') throw mexcUnreadable('a spot account update');
            const asOf = new Date(Number(account.time ?? m.createTime ?? clock.now())).toISOString();
            handlers.onBalances({
              accountKey: SPOT_KEY,
              balances: [
                {
                  accountKey: SPOT_KEY,
                  asset: assetRefOf(account.vcoinName, fiatCodes),
                  free: mexcDecimal(account.balanceAmount, 'a spot account update'),
                  locked: mexcDecimal(account.frozenAmount, 'a spot account update'),
                  asOf,
                },
              ],
            });
          });
        } else if (m.channel === 'push.personal.asset') {
          enqueue(readBackFutures);
        }
        handleBalance(client, message);
      };
      const handleStatus = exchange.handleSubscriptionStatus.bind(exchange);
      exchange.handleSubscriptionStatus = (client, message) => {
        const msg = String((message as { msg?: unknown }).msg ?? '');
        if (msg.split(',').includes(ACCOUNT_CHANNEL)) acked.get(SPOT_HASH)?.();
        // ccxt ignores a refused subscription; it would wait for events that never come.
        if (msg.startsWith('Not Subscribed successfully')) refused.get(SPOT_HASH)?.(new UnavailableError(`MEXC refused the balance channel (${msg.trim()}).`));
        handleStatus(client, message);
      };
      const handleMessage = exchange.handleMessage.bind(exchange);
      exchange.handleMessage = (client, message) => {
        const channel = isRow(message) ? message.channel : undefined;
        if (channel === 'rs.login') acked.get(SWAP_HASH)?.();
        // ccxt has no handler for positions; the push only says they changed.
        if (channel === 'push.personal.position') enqueue(readBackPositions);
        // ccxt ignores the login's refusal too: reject the futures watch with the error ccxt would raise.
        if (channel === 'rs.error') client.reject(new created.ccxt.AuthenticationError(`mexc ${JSON.stringify(message)}`), SWAP_HASH);
        handleMessage(client, message);
      };

      const stop = new AbortController();
      const close = async () => {
        stop.abort();
        // MEXC keeps at most 60 listen keys per account, and ccxt would keep this one alive: give it back.
        const listenKey = exchange.options.listenKey as string | undefined;
        exchange.options.listenKey = undefined;
        if (listenKey !== undefined) await callImplicitApi(exchange, 'spotPrivateDeleteUserDataStream', { listenKey }).catch(() => undefined);
        await exchange.close().catch(() => undefined);
        created.dispose();
      };

      let opened = false;
      const follow = (hash: string, watch: () => Promise<unknown>, failOpening: (error: unknown) => void) =>
        void (async () => {
          let wait = FIRST_RETRY_MS;
          while (!stop.signal.aborted) {
            try {
              await watch();
              wait = FIRST_RETRY_MS;
            } catch (error) {
              if (stop.signal.aborted) return;
              if (!opened) {
                failOpening(error);
                return;
              }
              // A listen key MEXC no longer knows (expired, or dropped after a failed keep-alive) is
              // not a refused API key: forget it so ccxt asks for a new one.
              const staleListenKey = hash === SPOT_HASH && /invalid listen ?key/i.test(error instanceof Error ? error.message : '');
              if (staleListenKey) exchange.options.listenKey = undefined;
              const mapped = staleListenKey
                ? new UnavailableError('MEXC dropped the balance stream’s listen key; Omnifolio asks for a new one.')
                : toError(error);
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

      try {
        // ccxt loads its protobuf decoder in the background when the exchange is built; wait for it.
        await exchange.loadExchangeSpecificFiles();
        const watches: [string, () => Promise<unknown>][] = [[SPOT_HASH, () => exchange.watchSpotPrivate(ACCOUNT_CHANNEL, SPOT_HASH)]];
        // A user who never opened futures gets code 1000 from the contract API: no futures stream.
        if (await hasFutures(exchange, created.ccxt.AuthenticationError)) watches.push([SWAP_HASH, () => exchange.watchSwapPrivate(SWAP_HASH)]);
        await Promise.all(
          watches.map(
            ([hash, watch]) =>
              new Promise<void>((resolve, reject) => {
                acked.set(hash, resolve);
                refused.set(hash, reject);
                follow(hash, watch, reject);
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

async function hasFutures(exchange: Exchange, AuthenticationError: abstract new (...args: never[]) => Error): Promise<boolean> {
  try {
    await callImplicitApi(exchange, 'contractPrivateGetAccountAssets');
    return true;
  } catch (error) {
    if (error instanceof AuthenticationError && /"code"\s*:\s*1000\b/.test(error.message)) return false;
    throw error;
  }
}

export const mexcLive = createMexcLive();
