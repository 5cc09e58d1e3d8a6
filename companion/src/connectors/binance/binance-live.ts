import { type ConnectorClock, systemClock } from '../ccxt/clock.js';
import type { LiveHandlers, LiveSource, LiveStream } from '../live-source.js';
import type { ConnectorContext } from '../types.js';
import { openBinanceFuturesStream } from './binance-futures-live.js';
import { openBinanceSpotStream } from './binance-spot-live.js';

/**
 * Binance, live: the three user data streams of one account, opened together while a dashboard
 * listens, each writing the account the sync writes.
 *
 * | stream  | how (ccxt pro)                                              | account         | what                         |
 * | ------- | ----------------------------------------------------------- | --------------- | ---------------------------- |
 * | spot    | binance, WebSocket API `userDataStream.subscribe.signature` | `spot`          | balances (`outboundAccountPosition`) |
 * | USDⓈ-M  | binanceusdm, listen key, `/private/ws?listenKey=`           | `futures-usdm`  | equity and positions on `ACCOUNT_UPDATE` |
 * | COIN-M  | binancecoinm, listen key, `/ws/<listenKey>`                 | `futures-coinm` | equity and positions on `ACCOUNT_UPDATE` |
 *
 * Spot opens first, so a key Binance refuses is refused there (an AuthError: the companion polls
 * instead) before any futures listen key is asked for. A futures wallet the account does not have
 * is simply not streamed. Funding, cross margin and Simple Earn have no user data stream Binance
 * offers to a read-only key; the scheduled sync keeps them up to date.
 */
export function createBinanceLive(options: { clock?: ConnectorClock } = {}): LiveSource {
  const clock = options.clock ?? systemClock;
  return {
    async open(ctx: ConnectorContext, handlers: LiveHandlers): Promise<LiveStream> {
      const streams: LiveStream[] = [await openBinanceSpotStream(ctx, handlers, clock)];
      const close = async () => {
        await Promise.all(streams.splice(0).map((stream) => stream.close()));
      };
      try {
        for (const kind of ['usdm', 'coinm'] as const) {
          const stream = await openBinanceFuturesStream(kind, ctx, handlers, clock);
          if (stream !== undefined) streams.push(stream);
        }
      } catch (error) {
        await close();
        throw error;
      }
      return { close };
    },
  };
}

export const binanceLive = createBinanceLive();
