import type { ConnectorContext, TokenMetadata } from '../types.js';
import { solanaRpc } from './solana-rpc.js';

const CHAIN = 'solana:mainnet';
/** getAssetBatch takes at most 1000 ids. */
const BATCH = 1000;

/** One DAS asset as getAssetBatch returns it; null for an id it does not know. */
interface DasAsset {
  id: string;
  content?: { metadata?: { name?: string; symbol?: string } };
  token_info?: { symbol?: string; decimals?: number };
}

export interface MintName {
  symbol: string;
  name: string;
}

/**
 * Symbols and names of mints the shipped list does not have, from Helius's DAS index
 * (`getAssetBatch`: the token's Metaplex or Token-2022 metadata), asked once per mint ever and
 * kept in the companion's token metadata cache. A mint Helius does not know keeps no name.
 * These names are what a token's creator wrote: they are shown, never used to price (pricing
 * goes by mint), and an unlisted token without a price stays hidden in the dashboard.
 */
export async function heliusMintNames(
  heliusUrl: string,
  mints: readonly string[],
  decimalsOf: (mint: string) => number,
  ctx: ConnectorContext,
): Promise<Map<string, MintName>> {
  const names = new Map<string, MintName>();
  const unknown: string[] = [];
  for (const mint of mints) {
    const cached = ctx.tokenMetadata?.get(CHAIN, mint);
    if (cached?.symbol) names.set(mint, { symbol: cached.symbol, name: cached.name ?? cached.symbol });
    else unknown.push(mint);
  }
  const learned: TokenMetadata[] = [];
  for (let i = 0; i < unknown.length; i += BATCH) {
    const ids = unknown.slice(i, i + BATCH);
    const assets = await solanaRpc<(DasAsset | null)[]>(heliusUrl, 'getAssetBatch', { ids }, ctx);
    for (const asset of assets) {
      if (asset === null) continue;
      // Creator-written text: trimmed and kept short, like any label from outside.
      const symbol = (asset.token_info?.symbol ?? asset.content?.metadata?.symbol ?? '').trim().slice(0, 32);
      if (symbol === '') continue;
      const name = (asset.content?.metadata?.name ?? '').trim().slice(0, 100) || symbol;
      names.set(asset.id, { symbol, name });
      learned.push({
        chain: CHAIN,
        address: asset.id,
        symbol,
        name,
        decimals: asset.token_info?.decimals ?? decimalsOf(asset.id),
        logo: null,
        source: 'helius',
        fetchedAt: new Date().toISOString(),
      });
    }
  }
  if (learned.length > 0) ctx.tokenMetadata?.put(learned);
  return names;
}
