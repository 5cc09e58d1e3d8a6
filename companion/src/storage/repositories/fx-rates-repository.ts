import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../database.js';
import { fxRates } from '../schema/index.js';

export interface FxRate {
  base: string;
  quote: string;
  source: string;
  at: string;
  rate: string;
  fetchedAt: string;
}

/** FX cache and history: how many `quote` one `base` buys. */
export function createFxRatesRepository(db: Db) {
  return {
    upsert(rows: FxRate[]): void {
      for (const row of rows) {
        db.insert(fxRates)
          .values(row)
          .onConflictDoUpdate({ target: [fxRates.base, fxRates.quote, fxRates.source, fxRates.at], set: { rate: row.rate, fetchedAt: row.fetchedAt } })
          .run();
      }
    },
    latest(base: string, quote: string, source: string): FxRate | undefined {
      return db
        .select()
        .from(fxRates)
        .where(and(eq(fxRates.base, base), eq(fxRates.quote, quote), eq(fxRates.source, source)))
        .orderBy(desc(fxRates.at))
        .limit(1)
        .get();
    },
  };
}

export type FxRatesRepository = ReturnType<typeof createFxRatesRepository>;
