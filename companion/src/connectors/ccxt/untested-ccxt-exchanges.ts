import { type CcxtExchangeEntry, ccxtExchangeCatalog } from './ccxt-exchange-catalog.js';
import { FULLY_SUPPORTED_CCXT_EXCHANGES } from './fully-supported-exchanges.js';

/** Provider ids of the generic path are `ccxt:<ccxt exchange id>`: `ccxt:bitstamp`. */
export const UNTESTED_CCXT_PREFIX = 'ccxt:';

/** The credentials the generic path passes to ccxt. */
const GENERIC_CREDENTIALS: ReadonlySet<string> = new Set(['apiKey', 'secret', 'password', 'uid']);

/** Whether a provider id has a registered connector of its own. */
export type IsRegistered = (providerId: string) => boolean;

/**
 * Why an exchange ccxt supports is not offered through the generic path, or undefined if it is.
 * A fully supported exchange is left out once its own connector is registered; until then (a
 * connector still being built) the generic path keeps it reachable.
 */
export function untestedExclusionReason(entry: CcxtExchangeEntry, isRegistered: IsRegistered): string | undefined {
  const supported = FULLY_SUPPORTED_CCXT_EXCHANGES.get(entry.id);
  if (supported !== undefined && isRegistered(supported)) return `${entry.name} is fully supported: use the provider "${supported}".`;
  if (!entry.has.fetchBalance) return `ccxt cannot read balances on ${entry.name}.`;
  // Decentralised venues sign with a wallet's private key, which can move funds; Omnifolio
  // only ever asks for keys that read. The other fields (login, account id, 2FA secret) are
  // exchange-specific logins the generic path does not know how to ask for safely.
  const unsupported = entry.credentials.filter((key) => !GENERIC_CREDENTIALS.has(key));
  if (unsupported.length > 0) return `${entry.name} signs with ${unsupported.join(' and ')}, which the generic path does not ask for.`;
  return undefined;
}

/** Exchanges offered as "untested", sorted by name. */
export function untestedCcxtExchanges(isRegistered: IsRegistered): CcxtExchangeEntry[] {
  return ccxtExchangeCatalog()
    .exchanges.filter((entry) => untestedExclusionReason(entry, isRegistered) === undefined)
    .sort((a, b) => a.name.localeCompare(b.name, 'en'));
}

/** The catalog entry behind a `ccxt:<id>` provider id, with the reason when it is not offered. */
export function findCcxtExchange(providerId: string, isRegistered: IsRegistered): { entry: CcxtExchangeEntry; excluded?: string } | undefined {
  if (!providerId.startsWith(UNTESTED_CCXT_PREFIX)) return undefined;
  const id = providerId.slice(UNTESTED_CCXT_PREFIX.length);
  const entry = ccxtExchangeCatalog().exchanges.find((e) => e.id === id);
  if (entry === undefined) return undefined;
  const excluded = untestedExclusionReason(entry, isRegistered);
  return excluded === undefined ? { entry } : { entry, excluded };
}
