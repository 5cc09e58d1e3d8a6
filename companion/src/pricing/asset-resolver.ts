import type { AssetRef } from '@omnifolio/shared/schemas';
import type { ResolvedAsset } from '../storage/repositories/assets-repository.js';
import { FIAT_CURRENCIES } from './fiat-currencies.js';
import { COINGECKO_IDS_BY_SYMBOL } from './providers/coingecko/symbol-map.js';

/**
 * An on-chain token as a wallet connector reports it: the chain and contract identify it;
 * its symbol and name are only what the contract claims (spam tokens imitate real ones).
 * Balance records carry it where an `AssetRef` is expected.
 */
export interface OnChainAssetRef extends AssetRef {
  chainAsset: { namespace: 'evm'; chainId: number; address: string } | { namespace: 'solana'; address: string };
}

/** The canonical id of an EVM token: `evm:<chainId>:<lowercase contract>`. */
export const evmAssetId = (chainId: number, address: string) => `evm:${chainId}:${address.toLowerCase()}`;

/** The canonical id of a Solana token: `solana:<mint>` (base58 is case-sensitive, so kept as is). */
export const solanaAssetId = (mint: string) => `solana:${mint}`;

const isOnChain = (ref: AssetRef): ref is OnChainAssetRef => 'chainAsset' in ref && typeof (ref as OnChainAssetRef).chainAsset === 'object';

/**
 * Turns a connector's asset reference into a canonical asset:
 * - fiat codes → `fiat:USD`, priced through FX;
 * - crypto symbols with a settled CoinGecko id → `cg:<id>`;
 * - on-chain tokens (OnChainAssetRef) → `evm:<chainId>:<contract>` or `solana:<mint>`, priced by contract;
 * - anything else → `sym:<SYMBOL>`, kept and shown, but unpriced until resolved.
 */
export function resolveAsset(ref: AssetRef): ResolvedAsset {
  if (isOnChain(ref) && ref.chainAsset.namespace === 'solana') {
    const { address } = ref.chainAsset;
    return {
      id: solanaAssetId(address),
      symbol: ref.symbol.trim(),
      name: ref.name ?? null,
      assetClass: 'crypto',
      identifiers: [{ scheme: 'solana', value: address }],
    };
  }
  if (isOnChain(ref) && ref.chainAsset.namespace === 'evm') {
    const { chainId, address } = ref.chainAsset;
    return {
      id: evmAssetId(chainId, address),
      symbol: ref.symbol.trim(),
      name: ref.name ?? null,
      assetClass: 'crypto',
      identifiers: [{ scheme: 'evm', value: `${chainId}:${address.toLowerCase()}` }],
    };
  }
  const symbol = ref.symbol.trim().toUpperCase();
  if (ref.kind === 'fiat' || FIAT_CURRENCIES.has(symbol)) {
    return { id: `fiat:${symbol}`, symbol, name: null, assetClass: 'fiat', identifiers: [{ scheme: 'iso4217', value: symbol }] };
  }
  const cgId = COINGECKO_IDS_BY_SYMBOL[symbol];
  if (cgId && (ref.kind === 'crypto' || ref.kind === undefined)) {
    return {
      id: `cg:${cgId}`,
      symbol,
      name: ref.name ?? null,
      assetClass: 'crypto',
      identifiers: [{ scheme: 'coingecko', value: cgId }],
    };
  }
  const assetClass = ref.kind === 'equity' ? 'equity' : ref.kind === 'fund' ? 'fund' : 'crypto';
  return { id: `sym:${symbol}`, symbol, name: ref.name ?? null, assetClass, identifiers: [] };
}
