import type { BalanceRecord } from '@omnifolio/shared/schemas';
import type { Exchange } from 'ccxt';
import { fiatCodesOf } from '../ccxt/asset-kind.js';
import { type ConnectorClock, systemClock } from '../ccxt/clock.js';
import { createExchange } from '../ccxt/create-exchange.js';
import { followWatchUntilSubscribed } from '../ccxt/follow-watch.js';
import { callImplicitApi } from '../ccxt/implicit-api.js';
import { mapCcxtError } from '../ccxt/map-ccxt-error.js';
import { observeWsFutures } from '../ccxt/observe-ws-futures.js';
import type { LiveHandlers, LiveSource, LiveStream } from '../live-source.js';
import type { ConnectorContext } from '../types.js';
import { krakenFuturesAccountSpecs, krakenFuturesAccountsOf, krakenFuturesBalances } from './krakenfutures-accounts.js';
import { krakenFuturesSpec } from './krakenfutures-connector.js';
import { krakenFuturesLastBody } from './krakenfutures-raw.js';

/** ccxt pro's Kraken Futures, as far as this file reaches into it. */
type ProKrakenFutures = Exchange & {
  watchBalance(params?: Record<string, unknown>): Promise<unknown>;
  handleMessage(client: unknown, message: unknown): void;
  close(): Promise<void>;
};

const feedOf = (m: unknown) => (m as { feed?: unknown } | null)?.feed;
const isBalancesPush = (m: unknown) =>
  (m as { event?: unknown } | null)?.event === undefined && (feedOf(m) === 'balances' || feedOf(m) === 'balances_snapshot');
const isSubscribed = (m: unknown) => (m as { event?: unknown } | null)?.event === 'subscribed' && feedOf(m) === 'balances';

/**
 * Every Kraken Futures balance, live, through ccxt pro's `watchBalance`: ccxt asks for a challenge
 * (`{ "event": "challenge", "api_key" }`), signs it (Base64 of HMAC-SHA512, keyed with the
 * Base64-decoded secret, of SHA-256 of the challenge) and subscribes the `balances` feed.
 *
 * The feed is the trigger, `/accounts` the content: a push carries the cash account (`holding`),
 * the single-collateral accounts (`futures`, as `balance`/`available`) and `flex_futures`, but not
 * the figures the sync stores (a margin account's currency balance apart from its contracts,
 * flex's `available` as the sync reads it), and it writes amounts as JSON numbers. So each push
 * (the snapshot included) is followed by one read of `GET /derivatives/api/v3/accounts` (cost 2 of
 * 500 per 10 s), mapped by the sync's own functions: the live rows are the rows the next sync
 * stores, digit for digit. Pushes arriving during a read are folded into one more read. An asset
 * that an earlier read of this stream listed and a later one does not is written as zero.
 *
 * Positions are not streamed here (the `open_positions` feed has no mark price or contract kind);
 * they stay polled. A refused key (`Failed to subscribe to authenticated feed`, or a refused
 * `/accounts`) ends the stream for good; anything else reconnects with back-off (1 s to 60 s).
 */
export function createKrakenFuturesLive(options: { clock?: ConnectorClock } = {}): LiveSource {
  const clock = options.clock ?? systemClock;
  return {
    async open(ctx: ConnectorContext, handlers: LiveHandlers): Promise<LiveStream> {
      const created = await createExchange({
        ctx,
        exchangeId: krakenFuturesSpec.exchangeId,
        providerId: krakenFuturesSpec.providerId,
        options: krakenFuturesSpec.options,
        clock,
        pro: true,
      });
      const exchange = created.exchange as ProKrakenFutures;
      observeWsFutures(exchange);
      // watchBalance loads markets unless some are set; nothing here needs them.
      exchange.setMarkets([]);
      const toError = (error: unknown) =>
        krakenFuturesSpec.refineError(error, created.ccxt, krakenFuturesSpec.name, { lastResponse: created.transport.last, now: clock.now() }) ??
        mapCcxtError(error, {
          ccxt: created.ccxt,
          exchangeName: krakenFuturesSpec.name,
          lastResponse: created.transport.last,
          secrets: [ctx.credentials.apiKey, ctx.credentials.secret].filter((v): v is string => typeof v === 'string'),
          now: clock.now(),
        });

      const seen = new Map<string, Map<string, BalanceRecord>>();
      const readBack = async () => {
        await callImplicitApi(exchange, 'privateGetAccounts');
        const accounts = krakenFuturesAccountsOf(krakenFuturesLastBody(exchange, 'the accounts'));
        const asOf = new Date(clock.now()).toISOString();
        const rows = krakenFuturesBalances(accounts, asOf, fiatCodesOf(exchange.options));
        for (const { key } of krakenFuturesAccountSpecs(accounts)) {
          const current = new Map(rows.filter((b) => b.accountKey === key).map((b) => [b.asset.symbol, b]));
          const gone = [...(seen.get(key)?.values() ?? [])].filter((b) => !current.has(b.asset.symbol)).map((b) => ({ ...b, free: '0', locked: '0', asOf }));
          seen.set(key, current);
          if (current.size + gone.length > 0) handlers.onBalances({ accountKey: key, balances: [...current.values(), ...gone] });
        }
      };

      // One read at a time; pushes during a read ask for exactly one more.
      let reading: Promise<void> | undefined;
      let again = false;
      const onPush = () => {
        if (reading !== undefined) {
          again = true;
          return;
        }
        reading = (async () => {
          do {
            again = false;
            try {
              await readBack();
            } catch (error) {
              const mapped = toError(error);
              handlers.onError(mapped, false);
            }
          } while (again);
          reading = undefined;
        })();
      };

      let onSubscribed: () => void = () => undefined;
      const subscribed = new Promise<void>((resolve) => {
        onSubscribed = resolve;
      });
      const handleMessage = exchange.handleMessage.bind(exchange);
      exchange.handleMessage = (client, message) => {
        if (isSubscribed(message)) onSubscribed();
        if (isBalancesPush(message)) onPush();
        handleMessage(client, message);
      };

      const stop = new AbortController();
      const close = async () => {
        stop.abort();
        await reading;
        await exchange.close().catch(() => undefined);
        created.dispose();
      };
      await followWatchUntilSubscribed(subscribed, {
        watch: () => exchange.watchBalance(),
        toError,
        onError: handlers.onError,
        close,
        clock,
        signal: stop.signal,
      });
      return { close };
    },
  };
}

export const krakenFuturesLive = createKrakenFuturesLive();
