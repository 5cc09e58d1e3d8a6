import type { BalanceRecord } from '@omnifolio/shared/schemas';
import type { Address } from 'viem';
import type { ConnectorContext } from '../types.js';
import { type EvmBalanceStrategy, readEvmRawBalances, toEvmBalanceRecords } from './evm-balances.js';
import type { EvmChain } from './evm-chains.js';
import { createEvmClient } from './evm-client.js';
import { toEvmError } from './evm-errors.js';
import { curatedEvmTokensOn } from './evm-token-list.js';
import { readEvmTokenMetadata } from './evm-token-metadata.js';
import type { EvmWalletOptions } from './evm-wallet-options.js';

/**
 * Reads one chain's balances for one owner: metadata of the user's extra tokens, then the
 * native coin and every token. Everything that needs viem lives behind this module, which
 * the connector imports only when a wallet syncs.
 */
export async function readEvmChainBalances(
  chain: EvmChain,
  owner: Address,
  wallet: EvmWalletOptions,
  ctx: ConnectorContext,
  strategy: EvmBalanceStrategy,
  asOf: string,
): Promise<BalanceRecord[]> {
  ctx.signal.throwIfAborted();
  const client = createEvmClient(chain, ctx, wallet.rpcUrls);
  try {
    const curated = curatedEvmTokensOn(chain.id);
    const known = new Set(curated.map((t) => t.address.toLowerCase()));
    const wanted = (wallet.tokens.get(chain.key) ?? []).filter((a) => !known.has(a.toLowerCase()));
    const { tokens: added, unreadable } = await readEvmTokenMetadata(client, chain.id, wanted);
    if (unreadable.length > 0) ctx.log.warn({ chain: chain.key, unreadable }, 'contracts that do not answer decimals() are not read as tokens');
    const raw = await readEvmRawBalances(client, owner, [...curated, ...added], strategy);
    if (raw.failed.length > 0) ctx.log.warn({ chain: chain.key, tokens: raw.failed.map((t) => t.address) }, 'balanceOf failed for some tokens');
    return toEvmBalanceRecords(chain, chain.key, raw, asOf);
  } catch (error) {
    throw toEvmError(error, chain.name, ctx.signal);
  }
}
