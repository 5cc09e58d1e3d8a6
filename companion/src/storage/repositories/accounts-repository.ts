import type { AccountType } from '@omnifolio/shared/schemas';
import { and, eq } from 'drizzle-orm';
import { type Clock, isoNow } from '../clock.js';
import type { Db } from '../database.js';
import { accounts } from '../schema/index.js';
import { newId } from './ids.js';

export type AccountRow = typeof accounts.$inferSelect;

export function createAccountsRepository(db: Db, clock?: Clock) {
  return {
    /** Makes sure each named sub-account exists; returns accountKey → account id. */
    ensure(connectionId: string, specs: { key: string; type: AccountType; name: string }[]): Map<string, string> {
      const ids = new Map<string, string>();
      for (const spec of specs) {
        const existing = db
          .select({ id: accounts.id })
          .from(accounts)
          .where(and(eq(accounts.connectionId, connectionId), eq(accounts.accountKey, spec.key)))
          .get();
        if (existing) {
          ids.set(spec.key, existing.id);
          continue;
        }
        const id = newId();
        db.insert(accounts)
          .values({ id, connectionId, accountKey: spec.key, type: spec.type, name: spec.name, createdAt: isoNow(clock) })
          .run();
        ids.set(spec.key, id);
      }
      return ids;
    },

    listByConnection(connectionId: string): AccountRow[] {
      return db.select().from(accounts).where(eq(accounts.connectionId, connectionId)).all();
    },

    listAll(): AccountRow[] {
      return db.select().from(accounts).all();
    },
  };
}

export type AccountsRepository = ReturnType<typeof createAccountsRepository>;
