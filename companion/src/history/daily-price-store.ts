import type Database from 'better-sqlite3';

/** A day's close in both stored quote currencies. */
export interface DailyPrice {
  usd: string;
  chf: string;
}

/**
 * Historical daily closes in the `prices` table: source `<provider>:daily`, `at` the UTC day
 * (YYYY-MM-DD), quotes `usd` and `chf`. Raw prepared statements: a backfill reads and writes
 * tens of thousands of rows at once.
 */
export function createDailyPriceStore(sqlite: Database.Database, source: string) {
  const upsert = sqlite.prepare(
    `INSERT INTO prices (asset_id, quote, source, at, price, fetched_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (asset_id, quote, source, at) DO UPDATE SET price = excluded.price, fetched_at = excluded.fetched_at`,
  );
  const lastDay = sqlite.prepare('SELECT max(at) AS day FROM prices WHERE asset_id = ? AND quote = ? AND source = ?');
  const firstDay = sqlite.prepare('SELECT min(at) AS day FROM prices WHERE asset_id = ? AND quote = ? AND source = ?');
  const series = sqlite.prepare('SELECT at, quote, price FROM prices WHERE asset_id = ? AND source = ? AND at >= ? ORDER BY at');
  // The newest day before a bound with both quotes: the close a later day carries forward.
  const lastBothBefore = sqlite.prepare<[string, string, string], { day: string | null }>(
    `SELECT max(u.at) AS day FROM prices u
       JOIN prices c ON c.asset_id = u.asset_id AND c.source = u.source AND c.at = u.at AND c.quote = 'chf'
     WHERE u.asset_id = ? AND u.source = ? AND u.quote = 'usd' AND u.at < ?`,
  );
  const removeRange = sqlite.prepare('DELETE FROM prices WHERE asset_id = ? AND source = ? AND at >= ? AND at <= ?');

  return {
    source,

    write(rows: { assetId: string; quote: 'usd' | 'chf'; day: string; price: string }[], fetchedAt: string): void {
      sqlite.transaction(() => {
        for (const r of rows) upsert.run(r.assetId, r.quote, source, r.day, r.price, fetchedAt);
      })();
    },

    /**
     * Replaces every close of `assetIds` from `fromDay` to `toDay` with `rows`, in one
     * transaction: a series from another source (fiat implied by bitcoin, which has weekend
     * closes) leaves no day behind that the new one (ECB, working days only) does not cover.
     */
    replaceRange(
      assetIds: string[],
      fromDay: string,
      toDay: string,
      rows: { assetId: string; quote: 'usd' | 'chf'; day: string; price: string }[],
      fetchedAt: string,
    ): void {
      sqlite.transaction(() => {
        for (const id of assetIds) removeRange.run(id, source, fromDay, toDay);
        for (const r of rows) upsert.run(r.assetId, r.quote, source, r.day, r.price, fetchedAt);
      })();
    },

    /** The stored range of one asset in one quote, or null when nothing is stored. */
    coverage(assetId: string, quote: 'usd' | 'chf'): { first: string; last: string } | null {
      const last = (lastDay.get(assetId, quote, source) as { day: string | null }).day;
      const first = (firstDay.get(assetId, quote, source) as { day: string | null }).day;
      return first && last ? { first, last } : null;
    },

    /**
     * The stored closes of the asset, day → price; only days with both quotes. With `fromDay`,
     * the days from it on and the last one before it (what `fromDay` carries forward), so an
     * incremental rebuild of a few days does not read five years of closes.
     */
    load(assetId: string, fromDay?: string): Map<string, DailyPrice> {
      const usd = new Map<string, string>();
      const chf = new Map<string, string>();
      const from = fromDay === undefined ? '' : (lastBothBefore.get(assetId, source, fromDay)?.day ?? fromDay);
      for (const row of series.all(assetId, source, from) as { at: string; quote: string; price: string }[]) {
        if (row.quote === 'usd') usd.set(row.at, row.price);
        else if (row.quote === 'chf') chf.set(row.at, row.price);
      }
      const out = new Map<string, DailyPrice>();
      for (const [day, u] of usd) {
        const c = chf.get(day);
        if (c !== undefined) out.set(day, { usd: u, chf: c });
      }
      return out;
    },
  };
}

export type DailyPriceStore = ReturnType<typeof createDailyPriceStore>;
