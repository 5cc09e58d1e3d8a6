import type Database from 'better-sqlite3';
import type { LedgerActivity } from '../engine/activity-deltas.js';
import { resolveAsset } from '../pricing/asset-resolver.js';

/**
 * Reads stored activities for the engine, with asset codes turned into canonical asset
 * ids the way balances are (`BTC` → `cg:bitcoin`, `USD` → `fiat:USD`). Connectors that
 * already store canonical ids (`isin:…`, `evm:<chain>:<contract>`, `cg:…`) keep them.
 */
export function createLedgerReader(sqlite: Database.Database) {
  const since = sqlite.prepare(
    `SELECT id, account_id AS accountId, type, executed_at AS executedAt, asset, quantity, quote_asset AS quoteAsset, price, fee, fee_asset AS feeAsset
     FROM activities WHERE executed_at >= ? ORDER BY executed_at, id`,
  );
  const maxId = sqlite.prepare('SELECT coalesce(max(id), 0) AS id FROM activities');
  const earliestAfter = sqlite.prepare('SELECT min(executed_at) AS at FROM activities WHERE id > ?');
  const earliest = sqlite.prepare('SELECT min(executed_at) AS at FROM activities');
  const resolved = new Map<string, string>();

  const assetId = (code: string | null): string | null => {
    if (code === null || code === '') return null;
    let id = resolved.get(code);
    if (id === undefined) {
      id = /^[a-z]+:/.test(code) ? code : resolveAsset({ symbol: code, kind: 'crypto' }).id;
      resolved.set(code, id);
    }
    return id;
  };

  return {
    assetId,

    /** Activities executed at or after the instant, oldest first. */
    since(instant: string): LedgerActivity[] {
      return (since.all(instant) as Record<string, string | number | null>[]).map((r) => ({
        id: r.id as number,
        accountId: r.accountId as string,
        type: r.type as string,
        executedAt: r.executedAt as string,
        assetId: assetId(r.asset as string)!,
        quantity: r.quantity as string,
        quoteAssetId: assetId(r.quoteAsset as string | null),
        price: r.price as string | null,
        fee: r.fee as string | null,
        feeAssetId: assetId(r.feeAsset as string | null),
      }));
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
