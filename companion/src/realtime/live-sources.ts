import { binanceLiveBalances } from '../connectors/binance/binance-live-balances.js';
import { ccxtExchangeCatalog } from '../connectors/ccxt/ccxt-exchange-catalog.js';
import { createCcxtLiveBalances } from '../connectors/ccxt/ccxt-live-balances.js';
import { UNTESTED_CCXT_PREFIX } from '../connectors/ccxt/untested-ccxt-exchanges.js';
import type { LiveBalanceSource } from '../connectors/live-balance-source.js';
import type { ProviderId } from '../connectors/types.js';

/**
 * Providers whose balances the companion can follow live while a dashboard is open: Binance
 * (its own source, tested against the simulator's user data stream) and every untested ccxt
 * exchange (`ccxt:<id>`) whose ccxt pro class has `watchBalance`. Every other provider is polled
 * by the dashboard. Importing this loads no ccxt: a source imports it when it opens.
 */
const sources = new Map<ProviderId, LiveBalanceSource | undefined>([['binance', binanceLiveBalances]]);

export function liveBalanceSourceFor(providerId: ProviderId): LiveBalanceSource | undefined {
  if (sources.has(providerId)) return sources.get(providerId);
  let source: LiveBalanceSource | undefined;
  if (providerId.startsWith(UNTESTED_CCXT_PREFIX)) {
    const entry = ccxtExchangeCatalog().exchanges.find((e) => `${UNTESTED_CCXT_PREFIX}${e.id}` === providerId);
    if (entry?.has.watchBalance === true) source = createCcxtLiveBalances({ exchangeId: entry.id, providerId, name: entry.name, accountKey: 'spot' });
  }
  sources.set(providerId, source);
  return source;
}
