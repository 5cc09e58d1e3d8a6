import type { BalanceRecord } from '@omnifolio/shared/schemas';
import type { Address } from 'viem';
import type { ActivityPage, ConnectorContext } from '../types.js';
import { readAlchemyRawBalances } from './evm-alchemy-balances.js';
import { readAlchemyTransfers } from './evm-alchemy-transfers.js';
import { type EvmBalanceStrategy, readEvmRawBalances, toEvmBalanceRecords } from './evm-balances.js';
import type { EvmChain } from './evm-chains.js';
import { createAlchemyClient, createEvmClient } from './evm-client.js';
import { toEvmError } from './evm-errors.js';
import { curatedEvmTokensOn } from './evm-token-list.js';
import { readEvmTokenMetadata } from './evm-token-metadata.js';
import { scanTokenTransfers, tokensSeen } from './evm-transfer-logs.js';
import type { EvmWalletOptions } from './evm-wallet-options.js';

/**
 * Reads one chain's balances for one owner: with an Alchemy key, every token the address holds
 * (evm-alchemy-balances.ts); without one, metadata of the user's extra tokens, then the native
 * coin and every curated or added token through Multicall3. Everything that needs viem lives behind this module, which
 * the connector imports only when a wallet syncs.
 */
export async function readEvmChainBalances(
  chain: EvmChain,
  owner: Address,
  wallet: EvmWalletOptions,
  ctx: ConnectorContext,
  strategy: EvmBalanceStrategy,
  asOf: string,
  alchemyComputeUnitsPerSecond: number,
): Promise<BalanceRecord[]> {
  ctx.signal.throwIfAborted();
  if (wallet.alchemyKey !== null) {
    // With a key, Alchemy's Token API finds every token the address holds, listed or not.
    const alchemy = createAlchemyClient(chain, ctx, wallet.alchemyKey, alchemyComputeUnitsPerSecond);
    try {
      return toEvmBalanceRecords(chain, chain.key, await readAlchemyRawBalances(alchemy, chain, owner, ctx), asOf);
    } catch (error) {
      throw toEvmError(error, chain.name, ctx.signal, { via: 'Alchemy' });
    }
  }
  const client = createEvmClient(chain, ctx, wallet.rpcUrls);
  try {
    const curated = curatedEvmTokensOn(chain.id);
    const known = new Set(curated.map((t) => t.address.toLowerCase()));
    // The user's extra tokens and those the transfer-log scan saw arrive (evm-transfer-logs.ts).
    const extra = [...(wallet.tokens.get(chain.key) ?? []), ...tokensSeen(chain, ctx)];
    const wanted = [...new Map(extra.map((a) => [a.toLowerCase(), a])).entries()].filter(([lower]) => !known.has(lower)).map(([, a]) => a);
    const { tokens: added, unreadable } = await readEvmTokenMetadata(client, chain.id, wanted);
    if (unreadable.length > 0) ctx.log.warn({ chain: chain.key, unreadable }, 'contracts that do not answer decimals() are not read as tokens');
    const raw = await readEvmRawBalances(client, owner, [...curated, ...added], strategy);
    if (raw.failed.length > 0) ctx.log.warn({ chain: chain.key, tokens: raw.failed.map((t) => t.address) }, 'balanceOf failed for some tokens');
    return toEvmBalanceRecords(chain, chain.key, raw, asOf);
  } catch (error) {
    throw toEvmError(error, chain.name, ctx.signal);
  }
}

/** One chain's transfer history through Alchemy, with errors mapped as for balances. */
export async function* readEvmChainTransfers(
  chain: EvmChain,
  owner: Address,
  alchemyKey: string,
  ctx: ConnectorContext,
  alchemyComputeUnitsPerSecond: number,
): AsyncIterable<ActivityPage> {
  const alchemy = createAlchemyClient(chain, ctx, alchemyKey, alchemyComputeUnitsPerSecond);
  try {
    yield* readAlchemyTransfers(alchemy, chain, owner, ctx);
  } catch (error) {
    throw toEvmError(error, chain.name, ctx.signal, { via: 'Alchemy' });
  }
}

/** Tries the Alchemy key with one cheap call (`eth_getBalance`, 20 CU): a refused key is an AuthError. */
export async function checkAlchemyKey(
  chain: EvmChain,
  owner: Address,
  alchemyKey: string,
  ctx: ConnectorContext,
  alchemyComputeUnitsPerSecond: number,
): Promise<void> {
  try {
    await createAlchemyClient(chain, ctx, alchemyKey, alchemyComputeUnitsPerSecond).getBalance({ address: owner });
  } catch (error) {
    throw toEvmError(error, chain.name, ctx.signal, { via: 'Alchemy' });
  }
}

/**
 * Without an Alchemy key: one chain's scan for tokens sent to the address. A failed scan is
 * logged and retried next sync; it never fails the sync, whose balances are already stored.
 */
export async function scanEvmChainTransfers(
  chain: EvmChain,
  owner: Address,
  wallet: EvmWalletOptions,
  ctx: ConnectorContext,
): Promise<ActivityPage | undefined> {
  try {
    return await scanTokenTransfers(createEvmClient(chain, ctx, wallet.rpcUrls), chain, owner, ctx);
  } catch (error) {
    if (ctx.signal.aborted) throw ctx.signal.reason;
    const mapped = toEvmError(error, chain.name, ctx.signal);
    ctx.log.warn({ chain: chain.key, err: mapped }, 'the scan for tokens sent to this wallet failed; the next sync tries again');
    return undefined;
  }
}
