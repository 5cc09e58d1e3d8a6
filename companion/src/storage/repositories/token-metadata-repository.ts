import { and, eq } from 'drizzle-orm';
import type { Db } from '../database.js';
import { tokenMetadata } from '../schema/index.js';

export type TokenMetadataRow = typeof tokenMetadata.$inferSelect;

/**
 * The on-chain token metadata cache (symbol, name, decimals per chain + contract). A token's
 * decimals never change, so a cached row is used for good; the cache saves one provider call
 * per token per sync (Alchemy's `alchemy_getTokenMetadata`, say).
 */
export function createTokenMetadataRepository(db: Db) {
  return {
    get(chain: string, address: string): TokenMetadataRow | undefined {
      return db
        .select()
        .from(tokenMetadata)
        .where(and(eq(tokenMetadata.chain, chain), eq(tokenMetadata.address, address.toLowerCase())))
        .get();
    },
    put(rows: readonly TokenMetadataRow[]): void {
      for (const row of rows) {
        const value = { ...row, address: row.address.toLowerCase() };
        db.insert(tokenMetadata)
          .values(value)
          .onConflictDoUpdate({ target: [tokenMetadata.chain, tokenMetadata.address], set: value })
          .run();
      }
    },
  };
}

export type TokenMetadataRepository = ReturnType<typeof createTokenMetadataRepository>;
