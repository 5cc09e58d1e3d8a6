import type { Connector, CredentialSpec } from '../types.js';
import { createCcxtConnector } from './ccxt-connector.js';
import type { CcxtExchangeEntry } from './ccxt-exchange-catalog.js';
import type { CcxtRuntimeOverrides } from './ccxt-session.js';
import { UNTESTED_CCXT_PREFIX } from './untested-ccxt-exchanges.js';

function credentialSpec(key: string, name: string): CredentialSpec {
  switch (key) {
    case 'apiKey':
      return {
        key,
        label: 'API key',
        secret: false,
        help: `Create an API key on ${name} with permission to read balances and history only; never allow trading or withdrawals.`,
      };
    case 'secret':
      return {
        key,
        label: 'Secret',
        secret: true,
        help: `The secret ${name} shows once, next to the key. Omnifolio stores it encrypted on this computer only.`,
      };
    case 'password':
      return {
        key,
        label: 'Passphrase',
        secret: true,
        help: `The passphrase or API password you set while creating the key on ${name} (not your login password).`,
      };
    case 'uid':
      return { key, label: 'User ID', secret: false, help: `Your account or user id on ${name}, which it requires together with the API key.` };
    default:
      throw new Error(`The generic ccxt path has no form field for "${key}".`);
  }
}

/**
 * A connector for an exchange ccxt supports but Omnifolio has not tested: ccxt's unified
 * methods only (createCcxtConnector), with the credential fields ccxt's `requiredCredentials`
 * names. Provider id `ccxt:<ccxt id>`; `ctx.baseUrls` uses the same key.
 *
 * What "untested" means, in the help text the form shows: no simulator checks this exchange's
 * signing or paging, its key permissions cannot be checked, and it reads one spot account
 * (no futures positions, no earn).
 */
export function createUntestedCcxtConnector(entry: CcxtExchangeEntry, overrides: CcxtRuntimeOverrides = {}): Connector {
  const id = `${UNTESTED_CCXT_PREFIX}${entry.id}`;
  const reads = [
    'balances',
    entry.has.fetchMyTrades ? 'trades' : undefined,
    entry.has.fetchDeposits ? 'deposits' : undefined,
    entry.has.fetchWithdrawals ? 'withdrawals' : undefined,
  ].filter((kind) => kind !== undefined);
  const listed = reads.length === 1 ? reads[0] : `${reads.slice(0, -1).join(', ')} and ${reads.at(-1)}`;
  const tradesNote = entry.has.fetchMyTrades ? ` (trades only where ${entry.name} lists them without naming a market)` : '';
  return createCcxtConnector(
    {
      id,
      exchangeId: entry.id,
      providerId: id,
      name: entry.name,
      credentials: entry.credentials.map((key) => credentialSpec(key, entry.name)),
      help: `Reads ${entry.name} ${listed} through ccxt's generic support${tradesNote}. Futures positions and earn accounts are not read, and Omnifolio cannot check that the key is read-only, so create one that can only read.`,
    },
    overrides,
  );
}
