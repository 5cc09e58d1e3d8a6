import { AuthError, PermissionError } from '@omnifolio/shared/errors';
import { toDecimalString } from '@omnifolio/shared/money';
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
import { gateFuturesBalances } from './gate-balances.js';
import { gateSpec } from './gate-connector.js';
import { type GateContract, gatePositions } from './gate-positions.js';
import { type GateRow, gateUnreadable, hasStrings, str } from './gate-raw.js';

/** ccxt pro's Gate, as far as this file reaches into it. */
interface WsClient {
  url: string;
  resolve(result: unknown, messageHash: string): void;
}
type ProGate = Exchange & {
  subscribePrivate(url: string, messageHash: string, payload: unknown[] | undefined, channel: string, params: object, requiresUid?: boolean): Promise<unknown>;
  handleBalance(client: WsClient, message: unknown): void;
  handlePositions(client: WsClient, message: unknown): void;
  handleSubscriptionStatus(client: WsClient, message: unknown): void;
  close(): Promise<void>;
};

interface GateUpdate {
  channel: string;
  event: string;
  result: GateRow[];
}

type Settle = 'usdt' | 'btc';
/** The account keys of gate-connector.ts. */
const SPOT_KEY = 'spot';
const FUTURES_KEYS: Record<Settle, string> = { usdt: 'futures-usdt', btc: 'futures-btc' };
const SETTLE_CURRENCY: Record<Settle, string> = { usdt: 'USDT', btc: 'BTC' };
const FIRST_RETRY_MS = 1_000;
const LAST_RETRY_MS = 60_000;

const isUpdate = (message: unknown): message is GateUpdate => {
  const m = message as Partial<GateUpdate> | null;
  return typeof m?.channel === 'string' && m.event === 'update' && Array.isArray(m.result);
};

/**
 * Gate, live, through ccxt pro: ccxt opens the v4 WebSockets (spot and the USDT and BTC
 * perpetual ones) and signs each private subscription on its own (`auth.SIGN` = hex
 * HMAC-SHA512 of `channel=…&event=subscribe&time=…`; futures channels name the user id first, read
 * once from `GET /account/detail`). Subscribed:
 *
 * - `spot.balances`: absolute `available` and `freeze` per currency, written as the sync reads
 *   `GET /spot/accounts` (free = available, locked = freeze/locked), digit for digit.
 * - `futures.balances` (each opened settle): the event says the wallet balance moved but carries
 *   neither the unrealised PnL nor the margins the sync values the wallet with, so each update is
 *   read back with one `GET /futures/{settle}/accounts` through the sync's own mapper.
 * - `futures.positions` (`!all`): the event lacks mark price, value and unrealised PnL, so each
 *   update is read back with one `GET /futures/{settle}/positions?holding=true` and written as the
 *   settle's whole open set (`complete`), through the sync's gatePositions.
 *
 * A unified account keeps spot, margin and (unless switched off) USDT perpetual funds in one
 * account that these channels do not describe; those are left to the scheduled sync, as are
 * isolated margin and Earn.
 */
export function createGateLive(options: { clock?: ConnectorClock } = {}): LiveSource {
  const clock = options.clock ?? systemClock;
  return {
    async open(ctx: ConnectorContext, handlers: LiveHandlers): Promise<LiveStream> {
      const created = await createExchange({
        ctx,
        exchangeId: gateSpec.exchangeId,
        providerId: gateSpec.providerId,
        options: gateSpec.options,
        clock,
        pro: true,
      });
      const exchange = created.exchange as ProGate;
      observeWsFutures(exchange);
      const fiatCodes = fiatCodesOf(exchange.options);
      const toError = (error: unknown) =>
        gateSpec.refineError(error, created.ccxt, gateSpec.name, { lastResponse: created.transport.last, now: clock.now() }) ??
        mapCcxtError(error, {
          ccxt: created.ccxt,
          exchangeName: gateSpec.name,
          lastResponse: created.transport.last,
          secrets: [ctx.credentials.apiKey, ctx.credentials.secret].filter((v): v is string => typeof v === 'string'),
          now: clock.now(),
        });
      const rest = (method: string, params: object = {}) => callImplicitApi(exchange, method, params);
      /** A REST answer, or undefined where Gate says the user never opened that wallet (USER_NOT_FOUND). */
      const unlessNotOpened = async (method: string, params: object) => {
        try {
          return await rest(method, params);
        } catch (error) {
          if (error instanceof created.ccxt.AccountNotEnabled) return undefined;
          throw error;
        }
      };
      const asOf = () => new Date(clock.now()).toISOString();

      const contracts = new Map<string, GateContract>();
      const readBackWallet = async (settle: Settle) => {
        const accountKey = FUTURES_KEYS[settle];
        const body = await unlessNotOpened('privateFuturesGetSettleAccounts', { settle });
        const context = { accountKey, asOf: asOf(), fiatCodes };
        const held = body === undefined ? [] : gateFuturesBalances(body, context);
        // An emptied wallet is left out by the sync's mapper; here it says "gone".
        const currency = hasStrings(body, ['currency']) ? str(body as GateRow, 'currency') : SETTLE_CURRENCY[settle];
        const balances: BalanceRecord[] =
          held.length > 0 ? held : [{ accountKey, asset: assetRefOf(currency, fiatCodes), free: '0', locked: '0', asOf: context.asOf }];
        handlers.onBalances({ accountKey, balances });
      };
      const readBackPositions = async (settle: Settle) => {
        const body = (await unlessNotOpened('privateFuturesGetSettlePositions', { settle, holding: true })) ?? [];
        if (!Array.isArray(body)) throw gateUnreadable('the open positions');
        for (const row of body as GateRow[]) {
          const contract = row?.contract;
          if (typeof contract !== 'string' || contracts.has(`${settle}:${contract}`)) continue;
          const spec = (await rest('publicFuturesGetSettleContractsContract', { settle, contract })) as GateContract;
          if (typeof spec?.quanto_multiplier !== 'string' || typeof spec.type !== 'string') throw gateUnreadable(`the contract ${contract}`);
          contracts.set(`${settle}:${contract}`, spec);
        }
        const bySymbol = new Map([...contracts].filter(([key]) => key.startsWith(`${settle}:`)).map(([key, spec]) => [key.slice(settle.length + 1), spec]));
        const accountKey = FUTURES_KEYS[settle];
        handlers.onPositions({ accountKey, positions: gatePositions(body, bySymbol, settle, accountKey, asOf()), complete: true });
      };

      // Updates in order, one at a time (read-backs are REST calls).
      let queue = Promise.resolve();
      const enqueue = (work: () => void | Promise<void>) => {
        queue = queue.then(work).catch((error: unknown) => handlers.onError(toError(error), false));
      };
      const settleOf = (client: WsClient): Settle => (client.url.replace(/\/+$/, '').endsWith('/btc') ? 'btc' : 'usdt');

      const handleBalance = exchange.handleBalance.bind(exchange);
      exchange.handleBalance = (client, message) => {
        if (isUpdate(message) && message.channel === 'spot.balances') {
          const rows = message.result;
          enqueue(() => {
            const at = rows.map((row) => Number(row.timestamp_ms)).find(Number.isFinite);
            const stamp = new Date(at ?? clock.now()).toISOString();
            const balances = rows.map((row) => {
              if (!hasStrings(row, ['currency', 'available', 'freeze'])) throw gateUnreadable('a spot balance update');
              return {
                accountKey: SPOT_KEY,
                asset: assetRefOf(str(row, 'currency'), fiatCodes),
                free: toDecimalString(str(row, 'available')),
                locked: toDecimalString(str(row, 'freeze')),
                asOf: stamp,
              };
            });
            handlers.onBalances({ accountKey: SPOT_KEY, balances });
          });
          client.resolve(message, 'spot.balances');
        } else if (isUpdate(message) && message.channel === 'futures.balances') {
          const settle = settleOf(client);
          enqueue(() => readBackWallet(settle));
          client.resolve(message, `futures.balances:${settle}`);
        }
        handleBalance(client, message);
      };
      // ccxt's position handler keeps a unified cache this source does not use (and tells the market
      // type from the host name); the update only says which settle to read back.
      exchange.handlePositions = (client, message) => {
        if (!isUpdate(message)) return;
        const settle = settleOf(client);
        enqueue(() => readBackPositions(settle));
        client.resolve(message, `futures.positions:${settle}`);
      };
      const acked = new Map<string, () => void>();
      const handleStatus = exchange.handleSubscriptionStatus.bind(exchange);
      exchange.handleSubscriptionStatus = (client, message) => {
        const m = message as { channel?: unknown; result?: { status?: unknown } };
        if (m.result?.status === 'success') acked.get(`${client.url} ${String(m.channel)}`)?.();
        handleStatus(client, message);
      };

      const stop = new AbortController();
      const close = async () => {
        stop.abort();
        await exchange.close().catch(() => undefined);
        created.dispose();
      };

      let opened = false;
      /** Keeps one channel subscribed: ccxt (re)connects and signs the subscription on the first call and after a drop. */
      const follow = (url: string, channel: string, hash: string, payload: unknown[] | undefined, failOpening: (error: unknown) => void) =>
        void (async () => {
          let wait = FIRST_RETRY_MS;
          while (!stop.signal.aborted) {
            try {
              await exchange.subscribePrivate(url, hash, payload, channel, {}, channel.startsWith('futures.'));
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
              await clock.sleep(wait, stop.signal).catch(() => undefined);
              wait = Math.min(wait * 2, LAST_RETRY_MS);
            }
          }
        })();

      try {
        const urls = exchange.urls.api as unknown as { spot: string; swap: Record<Settle, string> };
        const mode = await unifiedMode(rest, created.ccxt.PermissionDenied);
        const detail = (await rest('privateAccountGetDetail')) as { user_id?: unknown } | null;
        if (typeof detail?.user_id !== 'number' && typeof detail?.user_id !== 'string') throw gateUnreadable('the account detail');
        exchange.uid = String(detail.user_id);
        const subscriptions: { url: string; channel: string; hash: string; payload?: unknown[] }[] = [];
        if (mode === undefined) subscriptions.push({ url: urls.spot, channel: 'spot.balances', hash: 'spot.balances' });
        for (const settle of ['usdt', 'btc'] as const) {
          if (settle === 'usdt' && mode?.usdtFutures === true) continue;
          if ((await unlessNotOpened('privateFuturesGetSettleAccounts', { settle })) === undefined) continue;
          subscriptions.push({ url: urls.swap[settle], channel: 'futures.balances', hash: `futures.balances:${settle}` });
          subscriptions.push({ url: urls.swap[settle], channel: 'futures.positions', hash: `futures.positions:${settle}`, payload: ['!all'] });
        }
        await Promise.all(
          subscriptions.map(
            ({ url, channel, hash, payload }) =>
              new Promise<void>((resolve, reject) => {
                acked.set(`${url} ${channel}`, resolve);
                follow(url, channel, hash, payload, reject);
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

/** As gate-connector.ts reads it: undefined for a classic account (or a key that may not read the unified area). */
async function unifiedMode(
  rest: (method: string) => Promise<unknown>,
  PermissionDenied: abstract new (...args: never[]) => Error,
): Promise<{ usdtFutures: boolean } | undefined> {
  let body: unknown;
  try {
    body = await rest('privateUnifiedGetUnifiedMode');
  } catch (error) {
    if (error instanceof PermissionDenied) return undefined;
    throw error;
  }
  const mode = (body as { mode?: unknown } | null)?.mode;
  if (typeof mode !== 'string') throw gateUnreadable('the account mode');
  if (mode === 'classic') return undefined;
  return { usdtFutures: (body as { settings?: { usdt_futures?: unknown } }).settings?.usdt_futures !== false };
}

export const gateLive = createGateLive();
