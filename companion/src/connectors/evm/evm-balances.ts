import { toDecimalString } from '@omnifolio/shared/money';
import type { BalanceRecord } from '@omnifolio/shared/schemas';
import { type Address, erc20Abi, formatUnits, multicall3Abi, type PublicClient } from 'viem';
import type { OnChainAssetRef } from '../../pricing/asset-resolver.js';
import { type EvmChain, MULTICALL3_ADDRESS, NATIVE_DECIMALS } from './evm-chains.js';
import type { EvmToken } from './evm-token-list.js';

/**
 * How balances are read. `multicall`: the native balance and every token's `balanceOf` in
 * Multicall3 `aggregate3` calls (one request per chain for a typical list). `per-token`: one
 * `eth_getBalance` plus one `eth_call` per token; kept for chains or nodes without Multicall3
 * and as the benchmark's baseline.
 */
export type EvmBalanceStrategy = 'multicall' | 'per-token';

/** Calldata bytes per aggregate3 call: ~450 balanceOf calls, far below any node's gas cap. */
const MULTICALL_BATCH_BYTES = 16_384;

export interface EvmRawBalances {
  native: bigint;
  /** Token → raw amount; tokens whose call failed are absent (see `failed`). */
  tokens: Map<EvmToken, bigint>;
  failed: EvmToken[];
}

export async function readEvmRawBalances(
  client: PublicClient,
  owner: Address,
  tokens: readonly EvmToken[],
  strategy: EvmBalanceStrategy,
): Promise<EvmRawBalances> {
  const result: EvmRawBalances = { native: 0n, tokens: new Map(), failed: [] };
  if (strategy === 'per-token') {
    result.native = await client.getBalance({ address: owner });
    for (const token of tokens) {
      try {
        result.tokens.set(token, await client.readContract({ address: token.address, abi: erc20Abi, functionName: 'balanceOf', args: [owner] }));
      } catch {
        result.failed.push(token);
      }
    }
    return result;
  }
  const calls = [
    { address: MULTICALL3_ADDRESS, abi: multicall3Abi, functionName: 'getEthBalance', args: [owner] } as const,
    ...tokens.map((t) => ({ address: t.address, abi: erc20Abi, functionName: 'balanceOf', args: [owner] }) as const),
  ];
  const answers = await client.multicall({ contracts: calls, allowFailure: true, batchSize: MULTICALL_BATCH_BYTES, multicallAddress: MULTICALL3_ADDRESS });
  const [native, ...rest] = answers;
  // The native balance comes from Multicall3 itself: its failure means no Multicall3 here.
  if (native?.status !== 'success') throw native?.error ?? new Error('Multicall3 getEthBalance returned nothing.');
  result.native = native.result as bigint;
  rest.forEach((answer, i) => {
    const token = tokens[i] as EvmToken;
    if (answer.status === 'success') result.tokens.set(token, answer.result as bigint);
    else result.failed.push(token);
  });
  return result;
}

/** Raw on-chain amounts → balance records: exact decimal strings, zero balances left out. */
export function toEvmBalanceRecords(chain: EvmChain, accountKey: string, raw: EvmRawBalances, asOf: string): BalanceRecord[] {
  const records: BalanceRecord[] = [];
  if (raw.native > 0n) {
    records.push({
      accountKey,
      asset: { symbol: chain.nativeSymbol, kind: 'crypto', name: chain.nativeName },
      free: toDecimalString(formatUnits(raw.native, NATIVE_DECIMALS)),
      locked: '0',
      asOf,
    });
  }
  for (const [token, amount] of raw.tokens) {
    if (amount === 0n) continue;
    const asset: OnChainAssetRef = {
      symbol: token.symbol,
      kind: 'crypto',
      name: token.name,
      chainAsset: { namespace: 'evm', chainId: chain.id, address: token.address },
    };
    records.push({ accountKey, asset, free: toDecimalString(formatUnits(amount, token.decimals)), locked: '0', asOf });
  }
  return records;
}
