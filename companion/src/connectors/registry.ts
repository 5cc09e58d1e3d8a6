import { NotFoundError } from '@omnifolio/shared/errors';
import { alpacaConnector } from './alpaca/alpaca-connector.js';
import { binanceConnector } from './binance/binance-connector.js';
import { bitgetConnector } from './bitget/bitget-connector.js';
import { blofinConnector } from './blofin/blofin-connector.js';
import { bybitConnector } from './bybit/bybit-connector.js';
import { createUntestedCcxtConnector } from './ccxt/untested-ccxt-connector.js';
import { findCcxtExchange, UNTESTED_CCXT_PREFIX, untestedCcxtExchanges } from './ccxt/untested-ccxt-exchanges.js';
import { coinbaseConnector } from './coinbase/coinbase-connector.js';
import { coinexConnector } from './coinex/coinex-connector.js';
import { evmConnector } from './evm/evm-connector.js';
import { futuConnector } from './futu/futu-connector.js';
import { gateConnector } from './gate/gate-connector.js';
import { htxConnector } from './htx/htx-connector.js';
import { ibkrCpapiConnector } from './ibkr/ibkr-cpapi-connector.js';
import { ibkrFlexConnector } from './ibkr/ibkr-flex-connector.js';
import { krakenConnector } from './kraken/kraken-connector.js';
import { krakenFuturesConnector } from './krakenfutures/krakenfutures-connector.js';
import { kucoinConnector } from './kucoin/kucoin-connector.js';
import { mexcConnector } from './mexc/mexc-connector.js';
import { okxConnector } from './okx/okx-connector.js';
import { schwabConnector } from './schwab/schwab-connector.js';
import { solanaConnector } from './solana/solana-connector.js';
import type { Connector, ProviderId } from './types.js';

/**
 * Every API connector the companion offers. Importing this module must stay cheap: connectors
 * load their heavy libraries (ccxt: ~0.8 s, ~130 MB) only when they first run.
 */
const connectors: readonly Connector[] = [
  binanceConnector,
  okxConnector,
  bybitConnector,
  blofinConnector,
  kucoinConnector,
  bitgetConnector,
  coinbaseConnector,
  krakenConnector,
  krakenFuturesConnector,
  gateConnector,
  mexcConnector,
  htxConnector,
  coinexConnector,
  evmConnector,
  solanaConnector,
  ibkrFlexConnector,
  ibkrCpapiConnector,
  alpacaConnector,
  futuConnector,
  schwabConnector,
];

const byId = new Map<ProviderId, Connector>(connectors.map((c) => [c.id, c]));

export function listConnectors(): readonly Connector[] {
  return connectors;
}

/** Generic connectors of the "untested" ccxt exchanges, built on first use (building loads no ccxt). */
const untested = new Map<ProviderId, Connector>();

function untestedConnector(id: ProviderId): Connector {
  const cached = untested.get(id);
  if (cached !== undefined) return cached;
  const found = findCcxtExchange(id, (providerId) => byId.has(providerId));
  if (found === undefined) {
    throw new NotFoundError(`ccxt has no exchange called "${id.slice(UNTESTED_CCXT_PREFIX.length)}".`, {
      hints: ['The options page lists every exchange ccxt supports; pick one there.'],
    });
  }
  if (found.excluded !== undefined) throw new NotFoundError(`"${id}" is not offered through the generic ccxt path.`, { hints: [found.excluded] });
  const connector = createUntestedCcxtConnector(found.entry);
  untested.set(id, connector);
  return connector;
}

/**
 * Exchanges ccxt supports that Omnifolio has not tested, as generic connectors with provider ids
 * `ccxt:<id>`; the twelve fully supported exchanges are not among them once their connectors are
 * registered.
 */
export function listUntestedConnectors(): readonly Connector[] {
  return untestedCcxtExchanges((providerId) => byId.has(providerId)).map((entry) => untestedConnector(`${UNTESTED_CCXT_PREFIX}${entry.id}`));
}

export function getConnector(id: ProviderId): Connector {
  if (id.startsWith(UNTESTED_CCXT_PREFIX)) return untestedConnector(id);
  const connector = byId.get(id);
  if (connector === undefined) {
    throw new NotFoundError(`There is no connector for "${id}".`, {
      hints: [`Supported providers: ${[...byId.keys()].join(', ')}.`],
    });
  }
  return connector;
}
