import { ValidationError } from '@omnifolio/shared/errors';
import type { Address } from 'viem';
import { parseEvmAddress } from '../../wallets/evm-address.js';
import type { ConnectorContext } from '../types.js';
import { EVM_CHAINS, type EvmChain, evmChainByKey } from './evm-chains.js';

/**
 * What the user chose for an EVM wallet besides its address, read from the connection's
 * fields (see the connector's `credentials`):
 * - `chains`: chain keys, comma or space separated (default: all seven);
 * - `rpcUrls`: `chain=url` pairs, one per line or comma separated; kept encrypted because
 *   keyed endpoints (Alchemy, Infura) carry the key in the URL;
 * - `tokens`: `chain:0xcontract` pairs, tokens to read besides the curated list;
 * - `alchemyKey`: an Alchemy API key (kept encrypted).
 */
export interface EvmWalletOptions {
  chains: EvmChain[];
  rpcUrls: Map<string, string>;
  tokens: Map<string, Address[]>;
  /** An Alchemy API key: every token held, and transfer history (evm-alchemy-*.ts). */
  alchemyKey: string | null;
}

const split = (value: string | undefined) => (value ?? '').split(/[\s,;]+/).filter((s) => s !== '');

const invalid = (field: string, message: string, hint: string) => new ValidationError(`${field}: ${message}`, [{ path: field, message }], { hints: [hint] });

const knownChains = `Known chains: ${EVM_CHAINS.map((c) => c.key).join(', ')}.`;

function chainNamed(key: string, field: string): EvmChain {
  const chain = evmChainByKey(key.toLowerCase());
  if (!chain) throw invalid(field, `"${key}" is not a chain Omnifolio reads.`, knownChains);
  return chain;
}

export function readEvmWalletOptions(credentials: ConnectorContext['credentials']): EvmWalletOptions {
  const chainKeys = split(credentials.chains);
  const chains = chainKeys.length === 0 ? [...EVM_CHAINS] : [...new Set(chainKeys.map((k) => chainNamed(k, 'credentials.chains')))];

  const rpcUrls = new Map<string, string>();
  for (const pair of split(credentials.rpcUrls)) {
    const eq = pair.indexOf('=');
    if (eq <= 0)
      throw invalid(
        'credentials.rpcUrls',
        `"${pair.replace(/\/\/.*/, '//…')}" is not of the form chain=https://….`,
        'Write one chain=URL pair per line, e.g. ethereum=https://eth.example.org.',
      );
    const chain = chainNamed(pair.slice(0, eq), 'credentials.rpcUrls');
    const url = pair.slice(eq + 1);
    if (!/^https?:\/\/[^\s]+$/.test(url))
      throw invalid(
        'credentials.rpcUrls',
        `The URL for ${chain.key} must start with https:// (or http:// for a node on this computer).`,
        'Copy the RPC URL from your provider’s dashboard.',
      );
    rpcUrls.set(chain.key, url);
  }

  const tokens = new Map<string, Address[]>();
  for (const pair of split(credentials.tokens)) {
    const colon = pair.indexOf(':');
    if (colon <= 0)
      throw invalid('credentials.tokens', `"${pair}" is not of the form chain:0xcontract.`, 'Write e.g. ethereum:0x6B175474E89094C44Da98b954EedeAC495271d0F.');
    const chain = chainNamed(pair.slice(0, colon), 'credentials.tokens');
    const list = tokens.get(chain.key) ?? [];
    list.push(parseEvmAddress(pair.slice(colon + 1), 'credentials.tokens'));
    tokens.set(chain.key, list);
  }
  const alchemyKey = (credentials.alchemyKey ?? '').trim();
  if (alchemyKey !== '' && !/^[\w-]{8,128}$/.test(alchemyKey))
    throw invalid(
      'credentials.alchemyKey',
      'An Alchemy API key is letters, digits, - and _ only.',
      'Copy the key (not the whole URL) from your app in the Alchemy dashboard.',
    );
  return { chains, rpcUrls, tokens, alchemyKey: alchemyKey === '' ? null : alchemyKey };
}
