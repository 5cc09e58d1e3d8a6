import type { AssetRef } from '@omnifolio/shared/schemas';
import type { ResolvedAsset } from '../storage/repositories/assets-repository.js';
import { FIAT_CURRENCIES } from './fiat-currencies.js';
import { COINGECKO_IDS_BY_SYMBOL } from './providers/coingecko/symbol-map.js';

/**
 * Turns a connector's asset reference into a canonical asset:
 * - fiat codes → `fiat:USD`, priced through FX;
 * - crypto symbols with a settled CoinGecko id → `cg:<id>`;
 * - anything else → `sym:<SYMBOL>`, kept and shown, but unpriced until resolved.
 */
export function resolveAsset(ref: AssetRef): ResolvedAsset {
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
