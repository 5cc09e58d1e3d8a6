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
import { krakenAsset } from './kraken-assets.js';
import { krakenEarnBalances, krakenSpotBalances } from './kraken-balances.js';
import { paceKrakenCall } from './kraken-call-pacer.js';
import { krakenSpec } from './kraken-connector.js';
import { oneAtATime } from './kraken-key-queue.js';
import { nextKrakenNonce } from './kraken-nonce.js';
import { isRecord, krakenResult } from './kraken-raw.js';

interface WsClient {
  subscriptions: Record<string, unknown>;
  reject(error: unknown, messageHash: string): void;
}

/** ccxt pro's Kraken, as far as this file reaches into it. */
type ProKraken = Exchange & {
  authenticate(params?: Record<string, unknown>): Promise<string>;
  watch(url: string, messageHash: string, message: unknown, subscribeHash: string): Promise<unknown>;
  handleBalance(client: WsClient, message: unknown): void;
  handleErrorMessage(client: WsClient, message: unknown): boolean;
  client(url: string): WsClient;
  requestId(): number;
  privatePostGetWebSocketsToken(params?: Record<string, unknown>): Promise<unknown>;
  close(): Promise<void>;
};

type Wallet = 'spot' | 'earn';
/** The connector's accounts (kraken-connector.ts): spot is BalanceEx, earn is Earn/Allocations. */
const ACCOUNT_OF: Record<Wallet, string> = { spot: 'spot', earn: 'earn' };
const FIRST_RETRY_MS = 1_000;
const LAST_RETRY_MS = 60_000;

/**
 * Kraken spot and Earn balances, live, through ccxt pro: ccxt asks `GetWebSocketsToken` (signed
 * REST, with this key's nonces and pacing) and subscribes WebSocket v2's `balances` channel with
 * the token; Kraken then sends one `update` per ledger transaction (a deposit, a fill, a reward),
 * naming the asset and the wallet (`spot`/`main`, `earn`/`flex` …) it moved.
 *
 * Why each update is followed by one BalanceEx (or Earn/Allocations) read rather than stored as
 * is: the channel carries an asset's total but not what open orders hold (`hold_trade`, which the
 * connector stores as locked) nor an allocation's bonding and unbonding parts, and it writes
 * amounts as JSON floats. The read goes through the connector's own mapping, so the live rows are
 * the rows the next sync stores, digit for digit. Updates that arrive while a read runs are
 * folded into one more read; each read costs one unit of Kraken's call counter.
 *
 * Margin positions are not on this channel and stay polled.
 */
export function createKrakenLive(options: { clock?: ConnectorClock } = {}): LiveSource {
  const clock = options.clock ?? systemClock;
  return {
    async open(ctx: ConnectorContext, handlers: LiveHandlers): Promise<LiveStream> {
      const created = await createExchange({
        ctx,
        exchangeId: krakenSpec.exchangeId,
        providerId: krakenSpec.providerId,
        clock,
        pro: true,
        config: { rateLimit: 50 },
      });
      const exchange = created.exchange as ProKraken;
      observeWsFutures(exchange);
      const apiKey = String(ctx.credentials.apiKey ?? '');
      const fiatCodes = fiatCodesOf(exchange.options);
      const stop = new AbortController();
      const toError = (error: unknown) =>
        krakenSpec.refineError(error, created.ccxt, krakenSpec.name) ??
        mapCcxtError(error, {
          ccxt: created.ccxt,
          exchangeName: krakenSpec.name,
          lastResponse: created.transport.last,
          secrets: [ctx.credentials.apiKey, ctx.credentials.secret].filter((v): v is string => typeof v === 'string'),
          now: clock.now(),
        });

      // The same nonces, one-at-a-time queue and counter pacing as the connector's calls: a sync
      // running beside the stream must not see its nonces refused.
      exchange.nonce = () => nextKrakenNonce(apiKey, clock.now());
      const privateCall = (method: string, params: object = {}) =>
        oneAtATime(apiKey, async () => {
          await paceKrakenCall(apiKey, method, clock, stop.signal);
          return krakenResult(await callImplicitApi(exchange, `privatePost${method.replace('/', '')}`, params), method);
        });
      const askToken = exchange.privatePostGetWebSocketsToken.bind(exchange);
      exchange.privatePostGetWebSocketsToken = (params) =>
        oneAtATime(apiKey, async () => {
          await paceKrakenCall(apiKey, 'GetWebSocketsToken', clock, stop.signal);
          return askToken(params);
        });

      // Wallets (and the assets in them) an update named and not yet read back.
      const pending = new Map<Wallet, Set<string>>();
      let reading: Promise<void> | undefined;
      const readBack = () => {
        if (reading !== undefined) return;
        reading = (async () => {
          while (pending.size > 0 && !stop.signal.aborted) {
            const [wallet, named] = pending.entries().next().value as [Wallet, Set<string>];
            pending.delete(wallet);
            const context = { asOf: new Date(clock.now()).toISOString(), fiatCodes };
            const accountKey = ACCOUNT_OF[wallet];
            const balances =
              wallet === 'spot'
                ? krakenSpotBalances(await privateCall('BalanceEx'), accountKey, context)
                : krakenEarnBalances(await privateCall('Earn/Allocations', { hide_zero_allocations: 'true' }), accountKey, context);
            if (stop.signal.aborted) return;
            handlers.onBalances({ accountKey, balances: [...balances, ...gone(named, balances, accountKey, context)] });
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

      let snapshots = 0;
      const handleBalance = exchange.handleBalance.bind(exchange);
      exchange.handleBalance = (client, message) => {
        if (isRecord(message) && message.type === 'snapshot') {
          // A snapshot after the first one follows a reconnection: what changed meanwhile is read back.
          snapshots += 1;
          if (snapshots > 1) for (const wallet of ['spot', 'earn'] as const) pending.set(wallet, pending.get(wallet) ?? new Set());
        }
        if (isRecord(message) && message.type === 'update' && Array.isArray(message.data)) {
          for (const entry of message.data) {
            if (!isRecord(entry) || (entry.wallet_type !== 'spot' && entry.wallet_type !== 'earn')) continue;
            const named = pending.get(entry.wallet_type) ?? new Set<string>();
            if (typeof entry.asset === 'string') named.add(krakenAsset(entry.asset).symbol);
            pending.set(entry.wallet_type, named);
          }
        }
        handleBalance(client, message);
        if (pending.size > 0) readBack();
      };

      // ccxt 4.5 rejects a refused v2 subscription only under its req_id, which nobody awaits; the
      // balances watcher would wait forever. Rejecting it under the channel ends that wait.
      const handleErrorMessage = exchange.handleErrorMessage.bind(exchange);
      exchange.handleErrorMessage = (client, message) => {
        if (isRecord(message) && message.method === 'subscribe' && message.success === false && typeof message.error === 'string') {
          delete client.subscriptions.balances;
          if (message.error.startsWith('ESession')) {
            // The token is no longer good: forget it, so the next attempt asks for a new one.
            delete exchange.client(wsUrls(exchange).private).subscriptions.authenticated;
          }
          client.reject(subscriptionRefusal(message.error), 'balances');
        }
        return handleErrorMessage(client, message);
      };

      const watchBalances = async () => {
        const token = await exchange.authenticate();
        const subscribe = { method: 'subscribe', req_id: exchange.requestId(), params: { channel: 'balances', token } };
        // watchBalance itself loads every market and currency first; the balances channel needs neither.
        return exchange.watch(wsUrls(exchange).privateV2, 'balances', subscribe, 'balances');
      };

      const close = async () => {
        stop.abort();
        await exchange.close().catch(() => undefined);
        created.dispose();
      };
      try {
        // Resolves on the snapshot that follows an accepted subscription; a refused key fails here.
        await watchBalances();
      } catch (error) {
        await close();
        throw toError(error);
      }

      void (async () => {
        let wait = FIRST_RETRY_MS;
        while (!stop.signal.aborted) {
          try {
            await watchBalances();
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
            await clock.sleep(wait, stop.signal).catch(() => undefined);
            wait = Math.min(wait * 2, LAST_RETRY_MS);
          }
        }
      })();

      return { close };
    },
  };
}

const wsUrls = (exchange: Exchange) => (exchange.urls.api as unknown as { ws: { private: string; privateV2: string } }).ws;

/** Assets an update named that the read no longer lists: gone from the wallet, so zero. */
function gone(named: Set<string>, held: BalanceRecord[], accountKey: string, context: { asOf: string; fiatCodes: ReadonlySet<string> }): BalanceRecord[] {
  const heldSymbols = new Set(held.map((b) => b.asset.symbol));
  return [...named]
    .filter((symbol) => !heldSymbols.has(symbol))
    .sort()
    .map((symbol) => ({ accountKey, asset: assetRefOf(symbol, context.fiatCodes), free: '0', locked: '0', asOf: context.asOf }));
}

function subscriptionRefusal(error: string): Error {
  if (error.includes('Permission denied')) {
    return new PermissionError('This Kraken key may not read balances: edit the key on Kraken and tick "Query Funds".', {
      hints: ['Omnifolio only needs the four "Query" permissions. Never tick "Withdraw Funds".'],
      details: error,
    });
  }
  if (error.startsWith('ESession')) {
    return new UnavailableError('Kraken no longer accepts the stream token; Omnifolio asks for a new one and subscribes again.', { details: error });
  }
  return new UnavailableError(`Kraken refused the balances subscription (${error}); Omnifolio tries again shortly.`, { details: error });
}

export const krakenLive = createKrakenLive();
