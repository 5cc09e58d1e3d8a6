import { AuthError, PermissionError } from '@omnifolio/shared/errors';
import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { Exchange } from 'ccxt';
import { assetRefOf, fiatCodesOf } from '../ccxt/asset-kind.js';
import { type ConnectorClock, systemClock } from '../ccxt/clock.js';
import { createExchange } from '../ccxt/create-exchange.js';
import { callImplicitApi } from '../ccxt/implicit-api.js';
import type { CcxtModule } from '../ccxt/load-ccxt.js';
import { mapCcxtError } from '../ccxt/map-ccxt-error.js';
import { observeWsFutures } from '../ccxt/observe-ws-futures.js';
import type { LiveHandlers, LiveSource, LiveStream } from '../live-source.js';
import type { ConnectorContext } from '../types.js';
import { HTX_ACCOUNTS } from './htx-accounts.js';
import { htxLinearBalances, htxWalletBalances } from './htx-balances.js';
import { htxSpec } from './htx-connector.js';
import { htxData, htxList, htxString, htxUnreadable } from './htx-raw.js';

interface WsClient {
  url: string;
  error?: unknown;
}

/** ccxt pro's HTX, as far as this file reaches into it. */
type ProHtx = Exchange & {
  subscribePrivate(channel: string, messageHash: string, type: string, subtype: string, params: object, subscriptionParams: object): Promise<unknown>;
  handleBalance(client: WsClient, message: unknown): void;
  client(url: string): WsClient;
  onClose(client: WsClient, error: unknown): void;
  onError(client: WsClient, error: unknown): void;
  close(): Promise<void>;
};

interface WsUrls {
  spot: { private: string };
  swap: { linear: { privateV5: string } };
  future: { linear: { privateV5: string } };
}

interface AccountPush {
  currency: string;
  accountId: number;
  balance: string;
  available: string;
  changeTime: number | null;
}

const CHANNEL = 'accounts.update#2';
/**
 * HTX account types whose balance is one `trade` row (available) and one `frozen` row per
 * currency, so a push's two amounts are the whole record.
 */
const DIRECT: Record<string, string> = { spot: HTX_ACCOUNTS.spot.key, otc: HTX_ACCOUNTS.otc.key };
/**
 * Margin accounts add `loan` and `interest` rows, and isolated margin is one account per symbol,
 * summed per currency by the sync: a push of one row cannot give the net balance, so a push there
 * is followed by a read of the account's balances (every isolated account for isolated margin).
 */
const READ_BACK: Record<string, string> = { 'super-margin': HTX_ACCOUNTS.crossMargin.key, margin: HTX_ACCOUNTS.isolatedMargin.key };
const FIRST_RETRY_MS = 1_000;
const LAST_RETRY_MS = 60_000;

const CONTRACT_AUTH_REFUSED = /"op":"auth".*"err-code":200[13]\b/;

/**
 * ccxt 4.5 knows the contract socket's refusals of a key (2001 "Invalid authentication.", 2003
 * "Authentication failed.") only as an ExchangeError; as such it would be retried forever. They
 * are the key's fault, so they become ccxt's AuthenticationError, which ends the stream.
 */
export function asContractAuthRefusal(error: unknown, ccxt: CcxtModule): unknown {
  return error instanceof ccxt.ExchangeError && !(error instanceof ccxt.AuthenticationError) && CONTRACT_AUTH_REFUSED.test(error.message)
    ? new ccxt.AuthenticationError(error.message)
    : error;
}

/** The USDT-M account of a v5 `account` notify (`{ "op": "notify", "topic": "account", "data": { "details": [ … ] } }`). */
function linearAccount(message: unknown): unknown {
  const m = message as { op?: unknown; topic?: unknown; data?: unknown } | null;
  return m?.op === 'notify' && m.topic === 'account' && m.data !== null && typeof m.data === 'object' ? m.data : undefined;
}

function accountPush(message: unknown): AccountPush | undefined {
  const m = message as { ch?: unknown; data?: Partial<AccountPush> } | null;
  const d = m?.data;
  if (m?.ch !== CHANNEL || d === undefined || d === null) return undefined;
  if (typeof d.currency !== 'string' || typeof d.accountId !== 'number' || typeof d.balance !== 'string' || typeof d.available !== 'string') return undefined;
  return d as AccountPush;
}

/**
 * HTX spot, OTC, margin and USDT-M balances, live, through ccxt pro, on two sockets.
 *
 * HTX's asset and order WebSocket (`/ws/v2`, plain JSON, no gzip): ccxt authenticates with
 * signature version 2.1 and subscribes `accounts.update#2`; HTX first pushes every currency's
 * current balance, then one push per change with the currency's whole `balance` and its
 * `available` part, as decimal strings. A spot or OTC push is written as the sync writes the
 * balance endpoint's rows (htx-balances.ts): free = available (`trade`), locked = balance −
 * available (`frozen` + `lock`), currency upper-cased. A cross or isolated margin push carries one
 * row (`trade`, `loan` or `interest`), not the net balance, so it is followed by one read of that
 * account's balances (every isolated account, summed as the sync sums them), mapped by the sync's
 * own function; pushes arriving meanwhile are folded into one more read. The push names its
 * account by id; the account list (`GET /v1/account/accounts`, read once the stream is open) says
 * which is which.
 *
 * HTX's v5 contract notification socket (`/ws/v5/notification`, gzip frames): ccxt authenticates
 * with signature version 2 and subscribes `account`; each notify carries the whole USDT-M account
 * as `GET /v5/account/balance` serves it, mapped by the sync's own function.
 *
 * ccxt's own `watchBalance` would load every market first and merge all accounts into one balance,
 * so its message handler is wrapped to see each push, in order, in HTX's own strings.
 */
export function createHtxLive(options: { clock?: ConnectorClock } = {}): LiveSource {
  const clock = options.clock ?? systemClock;
  return {
    async open(ctx: ConnectorContext, handlers: LiveHandlers): Promise<LiveStream> {
      const created = await createExchange({ ctx, exchangeId: htxSpec.exchangeId, providerId: htxSpec.providerId, options: htxSpec.options, clock, pro: true });
      const exchange = created.exchange as ProHtx;
      pointStreamsAtOverride(exchange, ctx.baseUrls?.[htxSpec.providerId]);
      observeWsFutures(exchange);
      const fiatCodes = fiatCodesOf(exchange.options);
      const toError = (raw: unknown) => {
        const error = asContractAuthRefusal(raw, created.ccxt);
        return (
          htxSpec.refineError(error, created.ccxt, htxSpec.name) ??
          mapCcxtError(error, {
            ccxt: created.ccxt,
            exchangeName: htxSpec.name,
            lastResponse: created.transport.last,
            secrets: [ctx.credentials.apiKey, ctx.credentials.secret].filter((v): v is string => typeof v === 'string'),
            now: clock.now(),
          })
        );
      };

      // Pushes wait here until the account list says which account each id is.
      let accountKeys: Map<number, string> | undefined;
      /** Read-back accounts: our account key → HTX's account ids (several for isolated margin). */
      const readBackIds = new Map<string, string[]>();
      const waiting: AccountPush[] = [];
      const stop = new AbortController();

      // Read-back accounts (and currencies) a push named and not yet read.
      const pending = new Map<string, Set<string>>();
      let reading: Promise<void> | undefined;
      const readBack = () => {
        if (reading !== undefined) return;
        reading = (async () => {
          while (pending.size > 0 && !stop.signal.aborted) {
            const [accountKey, named] = pending.entries().next().value as [string, Set<string>];
            pending.delete(accountKey);
            const lists: unknown[] = [];
            for (const id of readBackIds.get(accountKey) ?? []) {
              const data = htxData(
                await callImplicitApi(exchange, 'spotPrivateGetV1AccountAccountsAccountIdBalance', { 'account-id': id }),
                'an account balance',
              );
              const list = (data as { list?: unknown }).list;
              if (!Array.isArray(list)) throw htxUnreadable('an account balance');
              lists.push(list);
            }
            if (stop.signal.aborted) return;
            const asOf = new Date(clock.now()).toISOString();
            const held = htxWalletBalances(lists, accountKey, { asOf, fiatCodes });
            const heldSymbols = new Set(held.map((b) => b.asset.symbol));
            const gone = [...named].filter((symbol) => !heldSymbols.has(symbol)).sort();
            handlers.onBalances({
              accountKey,
              balances: [...held, ...gone.map((symbol) => ({ accountKey, asset: assetRefOf(symbol, fiatCodes), free: '0', locked: '0', asOf }))],
            });
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

      const deliver = (push: AccountPush) => {
        const accountKey = accountKeys?.get(push.accountId);
        if (accountKey === undefined) return;
        if (readBackIds.has(accountKey)) {
          pending.set(accountKey, (pending.get(accountKey) ?? new Set()).add(push.currency.toUpperCase()));
          readBack();
          return;
        }
        const balance = dec(push.balance);
        const available = dec(push.available);
        handlers.onBalances({
          accountKey,
          balances: [
            {
              accountKey,
              asset: assetRefOf(push.currency.toUpperCase(), fiatCodes),
              free: toDecimalString(available),
              locked: toDecimalString(balance.minus(available)),
              asOf: new Date(push.changeTime ?? clock.now()).toISOString(),
            },
          ],
        });
      };
      const handleBalance = exchange.handleBalance.bind(exchange);
      let linearHeld = new Set<string>();
      exchange.handleBalance = (client, message) => {
        const linear = linearAccount(message);
        if (linear !== undefined) {
          // The whole USDT-M account, mapped as the sync maps GET /v5/account/balance; a currency
          // that left it since the last push is written as zero.
          const accountKey = HTX_ACCOUNTS.usdtm.key;
          const asOf = new Date(clock.now()).toISOString();
          const held = htxLinearBalances(linear, accountKey, { asOf, fiatCodes });
          const symbols = new Set(held.map((b) => b.asset.symbol));
          const gone = [...linearHeld].filter((symbol) => !symbols.has(symbol)).sort();
          linearHeld = symbols;
          handlers.onBalances({
            accountKey,
            balances: [...held, ...gone.map((symbol) => ({ accountKey, asset: assetRefOf(symbol, fiatCodes), free: '0', locked: '0', asOf }))],
          });
        }
        const push = accountPush(message);
        if (push !== undefined) {
          if (accountKeys === undefined) waiting.push(push);
          else deliver(push);
        }
        handleBalance(client, message);
      };

      /** Each resolves on the socket's next push (the first one follows an accepted subscription). */
      const sockets = [
        () => exchange.subscribePrivate(CHANNEL, CHANNEL, 'spot', 'linear', {}, { type: 'spot', subType: 'linear', margin: undefined, isV5: false }),
        () => exchange.subscribePrivate('account', 'account', 'swap', 'linear', {}, { type: 'swap', subType: 'linear', margin: 'cross', isV5: true }),
      ];

      const close = async () => {
        stop.abort();
        await exchange.close().catch(() => undefined);
        created.dispose();
      };
      try {
        const [spotSocket, linearSocket] = sockets as [() => Promise<unknown>, () => Promise<unknown>];
        await spotSocket();
        const keys = new Map<number, string>();
        for (const account of htxList(await callImplicitApi(exchange, 'spotPrivateGetV1AccountAccounts'), 'the account list')) {
          const type = htxString(account, 'type', 'the account list');
          const id = htxString(account, 'id', 'the account list');
          const direct = DIRECT[type];
          const readBackKey = READ_BACK[type];
          if (direct !== undefined) keys.set(Number(id), direct);
          if (readBackKey !== undefined) {
            keys.set(Number(id), readBackKey);
            readBackIds.set(readBackKey, [...(readBackIds.get(readBackKey) ?? []), id]);
          }
        }
        accountKeys = keys;
        for (const push of waiting.splice(0)) deliver(push);
        await linearSocket();
      } catch (error) {
        await close();
        throw toError(error);
      }

      for (const subscribe of sockets) void follow(subscribe);
      async function follow(subscribe: () => Promise<unknown>) {
        let wait = FIRST_RETRY_MS;
        while (!stop.signal.aborted) {
          try {
            await subscribe();
            wait = FIRST_RETRY_MS;
          } catch (error) {
            if (stop.signal.aborted) return;
            const mapped = toError(error);
            const final = mapped instanceof AuthError || mapped instanceof PermissionError;
            handlers.onError(mapped, final);
            if (final) {
              await close();
              return;
            }
            // ccxt reconnects (and HTX pushes every balance again) on the next subscribe.
            await clock.sleep(wait, stop.signal).catch(() => undefined);
            wait = Math.min(wait * 2, LAST_RETRY_MS);
          }
        }
      }

      return { close };
    },
  };
}

/**
 * ccxt signs a stream's path as the part of the URL after `wss://<HTX host>` (`/ws/v2`,
 * `/ws/v5/notification`). With the API pointed elsewhere (a simulator), the rewritten URL would
 * put that origin into the signed path; so the exchange keeps HTX's URLs, signs what HTX would
 * verify, and only the connections go to the override.
 */
function pointStreamsAtOverride(exchange: ProHtx, override: string | undefined): void {
  if (override === undefined || override === '') return;
  const ws = (exchange.urls.api as unknown as { ws: { api: WsUrls } }).ws.api;
  const hostnames = (exchange.urls as unknown as { hostnames: { contract: string } }).hostnames;
  const hostname = String((exchange as unknown as { hostname: string }).hostname);
  /** HTX's URL → where the connection goes instead. */
  const targets = new Map<string, string>();
  const spotTarget = ws.spot.private;
  ws.spot.private = `wss://{hostname}${new URL(spotTarget).pathname}`;
  targets.set(`wss://${hostname}${new URL(spotTarget).pathname}`, spotTarget);
  for (const kind of ['swap', 'future'] as const) {
    const target = ws[kind].linear.privateV5;
    const production = `wss://${hostnames.contract}${new URL(target).pathname}`;
    ws[kind].linear.privateV5 = production;
    targets.set(production, target);
  }
  const clientOf = exchange.client.bind(exchange);
  exchange.client = (url: string) => {
    const client = clientOf(url);
    const target = targets.get(url);
    if (target !== undefined) client.url = target;
    return client;
  };
  // ccxt forgets a closed (or failed) client by its url; these are kept under HTX's urls, so they
  // are forgotten under those too, or the next subscription would reuse the dead connection.
  const forget = (client: WsClient, dead: boolean) => {
    const clients = (exchange as unknown as { clients: Record<string, WsClient> }).clients;
    for (const production of targets.keys()) if (dead && clients[production] === client) delete clients[production];
  };
  const onClose = exchange.onClose.bind(exchange);
  exchange.onClose = (client: WsClient, error: unknown) => {
    onClose(client, error);
    forget(client, client.error === undefined);
  };
  const onError = exchange.onError.bind(exchange);
  exchange.onError = (client: WsClient, error: unknown) => {
    onError(client, error);
    forget(client, client.error !== undefined);
  };
}

export const htxLive = createHtxLive();
