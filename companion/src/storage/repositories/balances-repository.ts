import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../database.js';
import { accounts, balances } from '../schema/index.js';

export type BalanceRow = typeof balances.$inferSelect;

/** A balance row with the connection its account belongs to. */
const withConnection = {
  accountId: balances.accountId,
  assetId: balances.assetId,
  free: balances.free,
  locked: balances.locked,
  total: balances.total,
  asOf: balances.asOf,
  connectionId: accounts.connectionId,
};

export function createBalancesRepository(db: Db) {
  return {
    /**
     * Replaces every balance of the given accounts with the new set. Call inside the sync's
     * transaction: a balance that disappeared at the provider disappears here, and a failed
     * sync (which never reaches this) leaves the previous set untouched.
     */
    replaceForAccounts(accountIds: string[], rows: BalanceRow[]): void {
      if (accountIds.length > 0) db.delete(balances).where(inArray(balances.accountId, accountIds)).run();
      if (rows.length > 0) db.insert(balances).values(rows).run();
    },

    listAll(): (BalanceRow & { connectionId: string })[] {
      return db.select(withConnection).from(balances).innerJoin(accounts, eq(accounts.id, balances.accountId)).all();
    },

    listByConnection(connectionId: string): (BalanceRow & { connectionId: string })[] {
      return db
        .select(withConnection)
        .from(balances)
        .innerJoin(accounts, eq(accounts.id, balances.accountId))
        .where(eq(accounts.connectionId, connectionId))
        .all();
    },
  };
}

export type BalancesRepository = ReturnType<typeof createBalancesRepository>;
