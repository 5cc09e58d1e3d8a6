import { eq } from 'drizzle-orm';
import { type Clock, isoNow } from '../clock.js';
import type { Db } from '../database.js';
import { connectorState } from '../schema/index.js';

/** Connector cursors. Written only inside the transaction that stores the data they cover. */
export function createCursorsRepository(db: Db, clock?: Clock) {
  return {
    load(connectionId: string): Map<string, string> {
      const rows = db.select().from(connectorState).where(eq(connectorState.connectionId, connectionId)).all();
      return new Map(rows.map((r) => [r.key, r.value]));
    },

    set(connectionId: string, values: Record<string, string>): void {
      const at = isoNow(clock);
      for (const [key, value] of Object.entries(values)) {
        db.insert(connectorState)
          .values({ connectionId, key, value, updatedAt: at })
          .onConflictDoUpdate({ target: [connectorState.connectionId, connectorState.key], set: { value, updatedAt: at } })
          .run();
      }
    },
  };
}

export type CursorsRepository = ReturnType<typeof createCursorsRepository>;
