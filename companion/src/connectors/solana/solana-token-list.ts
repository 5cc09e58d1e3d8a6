import { readFileSync } from 'node:fs';
import { z } from 'zod';

export interface SolanaTokenInfo {
  mint: string;
  symbol: string;
  name: string;
  decimals: number;
}

const listSchema = z.object({
  description: z.string(),
  tokens: z.array(
    z.object({
      mint: z.string().regex(/^[1-9A-HJ-NP-Za-km-z]{32,44}$/),
      symbol: z.string().min(1),
      name: z.string().min(1),
      decimals: z.number().int().min(0).max(18),
    }),
  ),
});

let byMint: ReadonlyMap<string, SolanaTokenInfo> | undefined;

/** Symbol and name of a mint from the shipped list (solana-token-list.json); undefined if not on it. */
export function solanaTokenInfo(mint: string): SolanaTokenInfo | undefined {
  byMint ??= new Map(listSchema.parse(JSON.parse(readFileSync(new URL('./solana-token-list.json', import.meta.url), 'utf8'))).tokens.map((t) => [t.mint, t]));
  return byMint.get(mint);
}
