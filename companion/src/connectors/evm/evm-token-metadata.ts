import { type Address, erc20Abi, getAddress, type PublicClient } from 'viem';
import { MULTICALL3_ADDRESS } from './evm-chains.js';
import type { EvmToken } from './evm-token-list.js';

/**
 * Reads symbol, name and decimals of tokens the user asked to track by contract, in one
 * multicall. A contract that does not answer `decimals()` is not an ERC-20 and is dropped:
 * without decimals no amount can be read exactly.
 */
export async function readEvmTokenMetadata(
  client: PublicClient,
  chainId: number,
  addresses: readonly Address[],
): Promise<{ tokens: EvmToken[]; unreadable: Address[] }> {
  if (addresses.length === 0) return { tokens: [], unreadable: [] };
  const calls = addresses.flatMap((address) => [
    { address, abi: erc20Abi, functionName: 'decimals' } as const,
    { address, abi: erc20Abi, functionName: 'symbol' } as const,
    { address, abi: erc20Abi, functionName: 'name' } as const,
  ]);
  const answers = await client.multicall({ contracts: calls, allowFailure: true, multicallAddress: MULTICALL3_ADDRESS });
  const tokens: EvmToken[] = [];
  const unreadable: Address[] = [];
  addresses.forEach((address, i) => {
    const [decimals, symbol, name] = answers.slice(i * 3, i * 3 + 3);
    if (decimals?.status !== 'success') {
      unreadable.push(address);
      return;
    }
    const sym = symbol?.status === 'success' ? String(symbol.result) : address.slice(0, 8);
    tokens.push({
      chainId,
      address: getAddress(address),
      decimals: Number(decimals.result),
      symbol: sym,
      name: name?.status === 'success' ? String(name.result) : sym,
    });
  });
  return { tokens, unreadable };
}
