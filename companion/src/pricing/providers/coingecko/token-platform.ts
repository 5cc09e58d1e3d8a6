import { evmChainById } from '../../../connectors/evm/evm-chains.js';

/** Where CoinGecko lists a token: its asset platform and the contract (or mint) on it. */
export interface TokenOnPlatform {
  platform: string;
  contract: string;
}

/**
 * CoinGecko's asset platform and contract of a token asset id: `evm:<chainId>:<contract>` on
 * the chain's platform (`ethereum`, `arbitrum-one`, …), `solana:<mint>` on `solana`. Null for
 * coins (`cg:`), for other assets, and for chains CoinGecko has no platform for here. Current
 * prices (`/simple/token_price/{platform}`) and daily history
 * (`/coins/{platform}/contract/{contract}/market_chart/range`) both ask by it.
 */
export function tokenPlatformOf(assetId: string): TokenOnPlatform | null {
  const parts = assetId.split(':');
  if (parts[0] === 'solana' && parts[1]) return { platform: 'solana', contract: parts[1] };
  const chain = parts[0] === 'evm' ? evmChainById(Number(parts[1])) : undefined;
  if (chain && parts[2]) return { platform: chain.coingeckoPlatform, contract: parts[2] };
  return null;
}
