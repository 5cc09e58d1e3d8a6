import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../database.js';
import { accounts, positions } from '../schema/index.js';

export type PositionRow = typeof positions.$inferSelect;

export function createPositionsRepository(db: Db) {
  return {
    /** Replaces the open positions of the given accounts, inside the sync's transaction. */
    replaceForAccounts(accountIds: string[], rows: PositionRow[]): void {
      if (accountIds.length > 0) db.delete(positions).where(inArray(positions.accountId, accountIds)).run();
      if (rows.length > 0) db.insert(positions).values(rows).run();
    },

    listByAccount(accountId: string): PositionRow[] {
      return db.select().from(positions).where(eq(positions.accountId, accountId)).all();
    },

    listAll(): (PositionRow & { connectionId: string })[] {
      return db
        .select({
          accountId: positions.accountId,
          symbol: positions.symbol,
          side: positions.side,
          contracts: positions.contracts,
          sizeInBase: positions.sizeInBase,
          entryPrice: positions.entryPrice,
          markPrice: positions.markPrice,
          notional: positions.notional,
          unrealizedPnl: positions.unrealizedPnl,
          leverage: positions.leverage,
          liquidationPrice: positions.liquidationPrice,
          marginMode: positions.marginMode,
          margin: positions.margin,
          settleAsset: positions.settleAsset,
          asOf: positions.asOf,
          connectionId: accounts.connectionId,
        })
        .from(positions)
        .innerJoin(accounts, eq(accounts.id, positions.accountId))
        .all();
    },
  };
}

export type PositionsRepository = ReturnType<typeof createPositionsRepository>;
