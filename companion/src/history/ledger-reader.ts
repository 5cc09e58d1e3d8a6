import type Database from 'better-sqlite3';
import type { LedgerActivity } from '../engine/activity-deltas.js';
import { resolveAsset } from '../pricing/asset-resolver.js';
import { isIsin } from '../pricing/isin.js';

/**
 * Reads stored activities for the engine, with asset codes turned into canonical asset
 * ids the way balances are (`BTC` → `cg:bitcoin`, `USD` → `fiat:USD`, a statement's
 * `CH0512157782` → `isin:CH0512157782`). Connectors that
 * already store canonical ids (`isin:…`, `evm:<chain>:<contract>`, `cg:…`) keep them.
 */
export function createLedgerReader(sqlite: Database.Database) {
  const since = sqlite
    .prepare(
      `SELECT id, account_id, type, executed_at, asset, quantity, quote_asset, price, fee, fee_asset
     FROM activities WHERE executed_at >= ? ORDER BY executed_at, id`,
    )
    .raw(true);
  const maxId = sqlite.prepare('SELECT coalesce(max(id), 0) AS id FROM activities');
  // One pass: the distinct (asset, quote, fee) triples are few even in a large ledger.
  const codesSince = sqlite.prepare('SELECT DISTINCT asset, quote_asset, fee_asset FROM activities WHERE executed_at >= ?').raw(true);
  // The rowid range first (the few new rows), then their minimum: written flat, SQLite walks
  // the executed_at index from the oldest activity until it meets a new id, nearly all of it.
  const earliestAfter = sqlite.prepare('SELECT min(executed_at) AS at FROM (SELECT executed_at FROM activities WHERE id > ? LIMIT -1)');
  const earliest = sqlite.prepare('SELECT min(executed_at) AS at FROM activities');
  const resolved = new Map<string, string>();

  const assetId = (code: string | null): string | null => {
    if (code === null || code === '') return null;
    let id = resolved.get(code);
    if (id === undefined) {
      // Statements write a fund by its ISIN (`CH0512157782`); their holdings are `isin:` assets
      // (ingest/statement-asset.ts), and the walk back must undo a purchase on the same asset.
      id = /^[a-z]+:/.test(code) ? code : isIsin(code) ? `isin:${code}` : resolveAsset({ symbol: code, kind: 'crypto' }).id;
      resolved.set(code, id);
    }
    return id;
  };

  return {
    assetId,

    /** Activities executed at or after the instant, oldest first. */
    since(instant: string): LedgerActivity[] {
      // Rows as arrays: a full rebuild reads every activity, and arrays skip building one
      // keyed object per row that would only be copied into the next.
      return (since.all(instant) as [number, string, string, string, string, string, string | null, string | null, string | null, string | null][]).map(
        ([id, accountId, type, executedAt, asset, quantity, quoteAsset, price, fee, feeAsset]) => ({
          id,
          accountId,
          type,
          executedAt,
          assetId: assetId(asset)!,
          quantity,
          quoteAssetId: assetId(quoteAsset),
          price,
          fee,
          feeAssetId: assetId(feeAsset),
        }),
      );
    },

    /**
     * The asset ids that activities at or after the instant move (asset, quote and fee), without
     * reading the activities themselves: a full rebuild asks this of the whole ledger.
     */
    assetIdsSince(instant: string): Set<string> {
      const out = new Set<string>();
      for (const codes of codesSince.all(instant) as (string | null)[][]) {
        for (const code of codes) {
          const id = assetId(code);
          if (id !== null) out.add(id);
        }
      }
      return out;
    },

    /** The newest activity row id: a watermark for "what has been seen". */
    maxId(): number {
      return (maxId.get() as { id: number }).id;
    },

    /** When the earliest activity stored after the watermark happened; null if none. */
    earliestAfter(watermark: number): string | null {
      return (earliestAfter.get(watermark) as { at: string | null }).at;
    },

    earliest(): string | null {
      return (earliest.get() as { at: string | null }).at;
    },
  };
}

export type LedgerReader = ReturnType<typeof createLedgerReader>;
