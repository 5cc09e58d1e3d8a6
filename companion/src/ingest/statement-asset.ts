import { resolveAsset } from '../pricing/asset-resolver.js';
import type { ResolvedAsset } from '../storage/repositories/assets-repository.js';
import type { StatementAsset } from './parsers/types.js';

/**
 * A statement's instrument as a canonical asset. Funds and shares are known by ISIN
 * (`isin:CH0512157782`, with the Valor as a second identifier) so a market price source can
 * find them; currencies and coins go through the common resolver.
 */
export function resolveStatementAsset(asset: StatementAsset): ResolvedAsset {
  if (asset.isin) {
    const identifiers = [{ scheme: 'isin', value: asset.isin }];
    if (asset.valor) identifiers.push({ scheme: 'valor', value: asset.valor });
    return { id: `isin:${asset.isin}`, symbol: asset.isin, name: asset.name ?? null, assetClass: asset.kind === 'equity' ? 'equity' : 'fund', identifiers };
  }
  return resolveAsset({ symbol: asset.symbol, kind: asset.kind, ...(asset.name ? { name: asset.name } : {}) });
}
