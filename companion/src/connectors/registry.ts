import { NotFoundError } from '@omnifolio/shared/errors';
import { alpacaConnector } from './alpaca/alpaca-connector.js';
import { binanceConnector } from './binance/binance-connector.js';
import { evmConnector } from './evm/evm-connector.js';
import { futuConnector } from './futu/futu-connector.js';
import { ibkrCpapiConnector } from './ibkr/ibkr-cpapi-connector.js';
import { ibkrFlexConnector } from './ibkr/ibkr-flex-connector.js';
import { okxConnector } from './okx/okx-connector.js';
import { solanaConnector } from './solana/solana-connector.js';
import type { Connector, ProviderId } from './types.js';

/**
 * Every API connector the companion offers. Importing this module must stay cheap: connectors
 * load their heavy libraries (ccxt: ~0.8 s, ~130 MB) only when they first run.
 */
const connectors: readonly Connector[] = [
  binanceConnector,
  okxConnector,
  evmConnector,
  solanaConnector,
  ibkrFlexConnector,
  ibkrCpapiConnector,
  alpacaConnector,
  futuConnector,
];

const byId = new Map<ProviderId, Connector>(connectors.map((c) => [c.id, c]));

export function listConnectors(): readonly Connector[] {
  return connectors;
}

export function getConnector(id: ProviderId): Connector {
  const connector = byId.get(id);
  if (connector === undefined) {
    throw new NotFoundError(`There is no connector for "${id}".`, {
      hints: [`Supported providers: ${[...byId.keys()].join(', ')}.`],
    });
  }
  return connector;
}
