import { AuthError, PermissionError } from '@omnifolio/shared/errors';
import type { BalanceRecord } from '@omnifolio/shared/schemas';
import type { Balances, Exchange } from 'ccxt';
import type { LiveSource, LiveStream } from '../live-source.js';
import { assetRefOf, fiatCodesOf } from './asset-kind.js';
import { balancesFromCcxt } from './ccxt-balances.js';
import { type ConnectorClock, systemClock } from './clock.js';
import { createExchange } from './create-exchange.js';
import { mapCcxtError } from './map-ccxt-error.js';
import { observeWsFutures } from './observe-ws-futures.js';

export interface CcxtLiveBalancesSpec {
  exchangeId: string;
  providerId: string;
  name: string;
  /** The account the generic connector stores fetchBalance under (`spot`). */
  accountKey: string;
}

type ProExchange = Exchange & {
  watchBalance(params?: Record<string, unknown>): Promise<Balances>;
  close(): Promise<void>;
};

/** Keys of a ccxt balance structure that are not currency codes. */
const NON_CURRENCY_KEYS = new Set(['info', 'free', 'used', 'total', 'debt', 'timestamp', 'datetime']);
const FIRST_RETRY_MS = 1_000;
const LAST_RETRY_MS = 60_000;

/**
 * Live balances for an exchange the generic connector reads (`ccxt:<id>`), where ccxt pro has
 * `watchBalance`: each time it resolves, ccxt's whole balance cache (seeded from a REST snapshot
 * with `fetchBalanceSnapshot`) is written as absolute amounts, in ccxt's unified codes, the same
 * codes the generic connector's `fetchBalance` stores. Applying the whole state rather than one
 * event's delta is what makes ccxt's coalescing of events between two calls harmless here.
 *
 * Untested like the generic connector itself: no simulator of these exchanges speaks their
 * streams. `open()` returns once the loop runs; a key the exchange refuses arrives as a final
 * error, and the companion falls back to polling.
 */
export function createCcxtLiveBalances(spec: CcxtLiveBalancesSpec, options: { clock?: ConnectorClock } = {}): LiveSource {
  const clock = options.clock ?? systemClock;
  return {
    async open(ctx, handlers): Promise<LiveStream> {
      const created = await createExchange({
        ctx,
        exchangeId: spec.exchangeId,
        providerId: spec.providerId,
        options: { watchBalance: { fetchBalanceSnapshot: true, awaitBalanceSnapshot: true } },
        clock,
        pro: true,
      });
      const exchange = created.exchange as ProExchange;
      observeWsFutures(exchange);
      const fiatCodes = fiatCodesOf(exchange.options);
      const toError = (error: unknown) =>
        mapCcxtError(error, {
          ccxt: created.ccxt,
          exchangeName: spec.name,
          lastResponse: created.transport.last,
          secrets: [ctx.credentials.apiKey, ctx.credentials.secret, ctx.credentials.password, ctx.credentials.uid].filter(
            (v): v is string => typeof v === 'string',
          ),
          now: clock.now(),
        });

      const stop = new AbortController();
      const close = async () => {
        stop.abort();
        await exchange.close().catch(() => undefined);
        created.dispose();
      };

      void (async () => {
        let wait = FIRST_RETRY_MS;
        while (!stop.signal.aborted) {
          try {
            const balance = await exchange.watchBalance();
            if (stop.signal.aborted) return;
            wait = FIRST_RETRY_MS;
            handlers.onBalances({
              accountKey: spec.accountKey,
              balances: wholeBalance(balance, spec.accountKey, new Date(clock.now()).toISOString(), fiatCodes),
            });
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

/** Every currency in ccxt's cache: the held ones as the generic connector maps them, the rest as zero (gone). */
function wholeBalance(balance: Balances, accountKey: string, asOf: string, fiatCodes: ReadonlySet<string>): BalanceRecord[] {
  const held = balancesFromCcxt({ balance, accountKey, asOf, fiatCodes });
  const heldCodes = new Set(held.map((record) => record.asset.symbol));
  const gone = Object.keys(balance)
    .filter((code) => !NON_CURRENCY_KEYS.has(code) && !heldCodes.has(code))
    .sort()
    .map((code) => ({ accountKey, asset: assetRefOf(code, fiatCodes), free: '0', locked: '0', asOf }));
  return [...held, ...gone];
}
