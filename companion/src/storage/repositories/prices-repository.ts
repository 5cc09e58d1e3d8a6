import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../database.js';
import { prices } from '../schema/index.js';

export interface PriceQuote {
  assetId: string;
  quote: string;
  source: string;
  at: string;
  price: string;
  fetchedAt: string;
}

/** Price cache and history. The newest row per (asset, quote, source) is the current price. */
export function createPricesRepository(db: Db) {
  return {
    upsert(rows: PriceQuote[]): void {
      for (const row of rows) {
        db.insert(prices)
          .values(row)
          .onConflictDoUpdate({ target: [prices.assetId, prices.quote, prices.source, prices.at], set: { price: row.price, fetchedAt: row.fetchedAt } })
          .run();
      }
    },

    latest(assetId: string, quote: string, source: string): PriceQuote | undefined {
      return db
        .select()
        .from(prices)
        .where(and(eq(prices.assetId, assetId), eq(prices.quote, quote), eq(prices.source, source)))
        .orderBy(desc(prices.at))
        .limit(1)
        .get();
    },
  };
}

export type PricesRepository = ReturnType<typeof createPricesRepository>;
