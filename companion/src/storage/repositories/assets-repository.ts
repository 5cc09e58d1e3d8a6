import { type Clock, isoNow } from '../clock.js';
import type { Db } from '../database.js';
import { assetIdentifiers, assets } from '../schema/index.js';

export type AssetRow = typeof assets.$inferSelect;

export interface ResolvedAsset {
  id: string;
  symbol: string;
  name: string | null;
  assetClass: AssetRow['assetClass'];
  identifiers: { scheme: string; value: string }[];
}

export function createAssetsRepository(db: Db, clock?: Clock) {
  return {
    /** Inserts the asset and its identifiers if new; an existing asset keeps its row. */
    ensure(asset: ResolvedAsset): void {
      db.insert(assets)
        .values({ id: asset.id, symbol: asset.symbol, name: asset.name, assetClass: asset.assetClass, createdAt: isoNow(clock) })
        .onConflictDoNothing()
        .run();
      for (const ident of asset.identifiers) {
        db.insert(assetIdentifiers).values({ assetId: asset.id, scheme: ident.scheme, value: ident.value }).onConflictDoNothing().run();
      }
    },

    listAll(): AssetRow[] {
      return db.select().from(assets).all();
    },
  };
}

export type AssetsRepository = ReturnType<typeof createAssetsRepository>;
