import type Database from 'better-sqlite3';

/** An activity row ready to store: account resolved, amounts as decimal strings. */
export interface ActivityRow {
  accountId: string;
  providerRef: string;
  type: string;
  executedAt: string;
  asset: string;
  quantity: string;
  quoteAsset: string | null;
  price: string | null;
  fee: string | null;
  feeAsset: string | null;
  raw: string | null;
}

/**
 * The hot write path of every sync and import. A prepared better-sqlite3 statement rather
 * than drizzle's builder: history backfills write hundreds of thousands of rows, and query
 * building would dominate (see bench/activities-ingest). `ON CONFLICT DO NOTHING` on
 * (account, provider_ref) makes re-syncing idempotent; the count of changes tells how many
 * records were new.
 */
export function createActivitiesRepository(sqlite: Database.Database) {
  const insert = sqlite.prepare(
    `INSERT INTO activities (account_id, provider_ref, type, executed_at, asset, quantity, quote_asset, price, fee, fee_asset, raw)
     VALUES (@accountId, @providerRef, @type, @executedAt, @asset, @quantity, @quoteAsset, @price, @fee, @feeAsset, @raw)
     ON CONFLICT (account_id, provider_ref) DO NOTHING`,
  );
  const countByConnection = sqlite.prepare('SELECT count(*) AS n FROM activities a JOIN accounts c ON c.id = a.account_id WHERE c.connection_id = ?');

  return {
    /** Inserts rows not seen before; returns how many were new. Runs in the caller's transaction if any. */
    insertMany(rows: Iterable<ActivityRow>): number {
      let inserted = 0;
      for (const row of rows) inserted += insert.run(row).changes;
      return inserted;
    },

    countByConnection(connectionId: string): number {
      return (countByConnection.get(connectionId) as { n: number }).n;
    },
  };
}

export type ActivitiesRepository = ReturnType<typeof createActivitiesRepository>;
