import { binanceLive } from '../connectors/binance/binance-live.js';
import { bitgetLive } from '../connectors/bitget/bitget-live.js';
import { blofinLive } from '../connectors/blofin/blofin-live.js';
import { bybitLive } from '../connectors/bybit/bybit-live.js';
import { ccxtExchangeCatalog } from '../connectors/ccxt/ccxt-exchange-catalog.js';
import { createCcxtLiveBalances } from '../connectors/ccxt/ccxt-live-balances.js';
import { UNTESTED_CCXT_PREFIX } from '../connectors/ccxt/untested-ccxt-exchanges.js';
import { coinexLive } from '../connectors/coinex/coinex-live.js';
import { gateLive } from '../connectors/gate/gate-live.js';
import { htxLive } from '../connectors/htx/htx-live.js';
import { krakenLive } from '../connectors/kraken/kraken-live.js';
import { krakenFuturesLive } from '../connectors/krakenfutures/krakenfutures-live.js';
import { kucoinLive } from '../connectors/kucoin/kucoin-live.js';
import type { LiveSource } from '../connectors/live-source.js';
import { mexcLive } from '../connectors/mexc/mexc-live.js';
import { okxLive } from '../connectors/okx/okx-live.js';
import type { ProviderId } from '../connectors/types.js';

/**
 * Providers whose balances (and, where the exchange streams them, positions) the companion can
 * follow live while a dashboard is open: eleven of the twelve exchanges and Kraken Futures, each with its own source
 * tested against its simulator's private stream (docs/exchanges.md, "Real time"), and every
 * untested ccxt exchange (`ccxt:<id>`) whose ccxt pro class has `watchBalance`. Coinbase and every
 * other provider are polled by the dashboard. Importing this loads no ccxt: a source loads it
 * when it opens.
 */
const sources = new Map<ProviderId, LiveSource | undefined>([
  ['binance', binanceLive],
  ['okx', okxLive],
  ['bitget', bitgetLive],
  ['blofin', blofinLive],
  ['bybit', bybitLive],
  ['kraken', krakenLive],
  ['krakenfutures', krakenFuturesLive],
  ['htx', htxLive],
  ['coinex', coinexLive],
  ['kucoin', kucoinLive],
  ['gate', gateLive],
  ['mexc', mexcLive],
]);

export function liveSourceFor(providerId: ProviderId): LiveSource | undefined {
  if (sources.has(providerId)) return sources.get(providerId);
  let source: LiveSource | undefined;
  if (providerId.startsWith(UNTESTED_CCXT_PREFIX)) {
    const entry = ccxtExchangeCatalog().exchanges.find((e) => `${UNTESTED_CCXT_PREFIX}${e.id}` === providerId);
    if (entry?.has.watchBalance === true) source = createCcxtLiveBalances({ exchangeId: entry.id, providerId, name: entry.name, accountKey: 'spot' });
  }
  sources.set(providerId, source);
  return source;
}
