import { readFileSync } from 'node:fs';

let listed: ReadonlySet<string> | undefined;

/**
 * The asset ids of every token on the shipped curated lists (connectors/evm/evm-token-list.json,
 * connectors/solana/solana-token-list.json), as the asset resolver writes them:
 * `evm:<chainId>:<lowercase contract>`, `solana:<mint>`. Read straight from the JSON, without
 * viem, because the overview asks on every request.
 */
function listedTokenIds(): ReadonlySet<string> {
  if (listed !== undefined) return listed;
  const read = <T>(path: string) => (JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as { tokens: T[] }).tokens;
  listed = new Set([
    ...read<{ chainId: number; address: string }>('../connectors/evm/evm-token-list.json').map((t) => `evm:${t.chainId}:${t.address.toLowerCase()}`),
    ...read<{ mint: string }>('../connectors/solana/solana-token-list.json').map((t) => `solana:${t.mint}`),
  ]);
  return listed;
}

/**
 * True for an on-chain token no curated list names. Anyone can send any token to a wallet
 * (airdropped scams, dust), so such a token without a price is hidden in the dashboard until
 * the user asks to see it; native coins and listed tokens never are.
 */
export function isUnlistedToken(assetId: string): boolean {
  return (assetId.startsWith('evm:') || assetId.startsWith('solana:')) && !listedTokenIds().has(assetId);
}
