import type Database from 'better-sqlite3';

/** A day's close in both stored quote currencies. */
export interface DailyPrice {
  usd: string;
  chf: string;
}

/** Revisions kept: enough for months of syncs; a reader whose revision is older builds again. */
const KEPT_REVISIONS = 10_000;

type CloseRow = { assetId: string; quote: 'usd' | 'chf'; day: string; price: string };

/**
 * Historical daily closes in the `prices` table: source `<provider>:daily`, `at` the UTC day
 * (YYYY-MM-DD), quotes `usd` and `chf`. Raw prepared statements: a backfill reads and writes
 * tens of thousands of rows at once.
 *
 * Every write that adds, changes or removes a close records a revision with the earliest day it
 * touched (`daily_close_revisions`); a close written again at the same price is left as it was
 * and records nothing. What was derived from the closes can so tell a revised close of last
 * month from yesterday's new one without comparing them all.
 */
export function createDailyPriceStore(sqlite: Database.Database, source: string) {
  // Rewritten only when the price differs: `changes` then says whether anything changed.
  const upsert = sqlite.prepare(
    `INSERT INTO prices (asset_id, quote, source, at, price, fetched_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (asset_id, quote, source, at) DO UPDATE SET price = excluded.price, fetched_at = excluded.fetched_at
     WHERE prices.price IS NOT excluded.price`,
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
  const inRange = sqlite.prepare<[string, string, string, string], { quote: string; at: string }>(
    'SELECT quote, at FROM prices WHERE asset_id = ? AND source = ? AND at >= ? AND at <= ?',
  );
  const removeOne = sqlite.prepare('DELETE FROM prices WHERE asset_id = ? AND quote = ? AND source = ? AND at = ?');
  const record = sqlite.prepare('INSERT INTO daily_close_revisions (source, earliest_day) VALUES (?, ?)');
  const prune = sqlite.prepare('DELETE FROM daily_close_revisions WHERE id <= ?');
  const newest = sqlite.prepare<[string], { id: number }>('SELECT coalesce(max(id), 0) AS id FROM daily_close_revisions WHERE source = ?');
  const oldestKept = sqlite.prepare<[], { id: number | null }>('SELECT min(id) AS id FROM daily_close_revisions');
  const earliestSince = sqlite.prepare<[number, string], { day: string | null }>(
    'SELECT min(earliest_day) AS day FROM daily_close_revisions WHERE id > ? AND source = ?',
  );

  /** Upserts `rows`; the earliest day whose close was added or changed, or null. */
  function upsertAll(rows: CloseRow[], fetchedAt: string): string | null {
    let earliest: string | null = null;
    for (const r of rows) {
      if (upsert.run(r.assetId, r.quote, source, r.day, r.price, fetchedAt).changes > 0 && (earliest === null || r.day < earliest)) earliest = r.day;
    }
    return earliest;
  }

  function recordRevision(earliest: string | null): void {
    if (earliest === null) return;
    const id = Number(record.run(source, earliest).lastInsertRowid);
    prune.run(id - KEPT_REVISIONS);
  }

  return {
    source,

    write(rows: CloseRow[], fetchedAt: string): void {
      sqlite.transaction(() => recordRevision(upsertAll(rows, fetchedAt)))();
    },

    /**
     * Replaces every close of `assetIds` from `fromDay` to `toDay` with `rows`, in one
     * transaction: a series from another source (fiat implied by bitcoin, which has weekend
     * closes) leaves no day behind that the new one (ECB, working days only) does not cover.
     * Closes that `rows` repeat at the same price stay as they are.
     */
    replaceRange(assetIds: string[], fromDay: string, toDay: string, rows: CloseRow[], fetchedAt: string): void {
      const kept = new Set(rows.map((r) => `${r.assetId}|${r.quote}|${r.day}`));
      sqlite.transaction(() => {
        let earliest = upsertAll(rows, fetchedAt);
        for (const id of assetIds) {
          for (const { quote, at } of inRange.all(id, source, fromDay, toDay)) {
            if (kept.has(`${id}|${quote}|${at}`)) continue;
            removeOne.run(id, quote, source, at);
            if (earliest === null || at < earliest) earliest = at;
          }
        }
        recordRevision(earliest);
      })();
    },

    /** The newest revision of this source's closes; 0 before any was recorded. */
    revision(): number {
      return newest.get(source)?.id ?? 0;
    },

    /**
     * What changed after `revision`: the earliest day whose close was added, changed or removed
     * (null when none was), or `unknown` when the revisions since then are no longer all kept.
     */
    changesSince(revision: number): { earliestDay: string | null } | 'unknown' {
      const oldest = oldestKept.get()?.id ?? null;
      if (oldest !== null && oldest > revision + 1) return 'unknown';
      return { earliestDay: earliestSince.get(revision, source)?.day ?? null };
    },

    /** Whether a close before `day` was added, changed or removed after `revision`; unknown counts as changed. */
    changedBefore(revision: number, day: string): boolean {
      const changes = this.changesSince(revision);
      return changes === 'unknown' || (changes.earliestDay !== null && changes.earliestDay < day);
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
