import { NotFoundError } from '@omnifolio/shared/errors';
import type { ConnectionKind, ConnectionStatus } from '@omnifolio/shared/schemas';
import { asc, eq } from 'drizzle-orm';
import { type Clock, isoNow } from '../clock.js';
import type { Db } from '../database.js';
import { connections } from '../schema/index.js';
import { newId } from './ids.js';

export type ConnectionRow = typeof connections.$inferSelect;

export interface NewConnection {
  kind: ConnectionKind;
  providerId: string;
  label: string;
  settings?: Record<string, unknown>;
  secretId: string | null;
  demo?: boolean;
  syncIntervalMinutes?: number;
  warnings?: string[];
}

export function createConnectionsRepository(db: Db, clock?: Clock) {
  const now = () => isoNow(clock);
  return {
    insert(input: NewConnection): ConnectionRow {
      const at = now();
      const row = {
        id: newId(),
        kind: input.kind,
        providerId: input.providerId,
        label: input.label,
        settings: input.settings ?? {},
        secretId: input.secretId,
        demo: input.demo ?? false,
        syncIntervalMinutes: input.syncIntervalMinutes ?? 60,
        status: 'new' as const,
        consecutiveFailures: 0,
        warnings: input.warnings ?? [],
        nextRunAt: at,
        createdAt: at,
        updatedAt: at,
      };
      db.insert(connections).values(row).run();
      return this.get(row.id);
    },

    list(): ConnectionRow[] {
      return db.select().from(connections).orderBy(asc(connections.createdAt)).all();
    },

    find(id: string): ConnectionRow | undefined {
      return db.select().from(connections).where(eq(connections.id, id)).get();
    },

    get(id: string): ConnectionRow {
      const row = this.find(id);
      if (!row) throw new NotFoundError(`There is no connection with id ${id}.`, { hints: ['List connections with GET /api/connections.'] });
      return row;
    },

    update(
      id: string,
      patch: Partial<Pick<ConnectionRow, 'label' | 'syncIntervalMinutes' | 'status' | 'nextRunAt' | 'warnings' | 'settings' | 'secretId'>>,
    ): ConnectionRow {
      db.update(connections)
        .set({ ...patch, updatedAt: now() })
        .where(eq(connections.id, id))
        .run();
      return this.get(id);
    },

    setStatus(id: string, status: ConnectionStatus): void {
      db.update(connections).set({ status, updatedAt: now() }).where(eq(connections.id, id)).run();
    },

    recordSuccess(id: string, nextRunAt: string): void {
      const at = now();
      db.update(connections)
        .set({ status: 'ok', consecutiveFailures: 0, lastSuccessAt: at, lastError: null, nextRunAt, updatedAt: at })
        .where(eq(connections.id, id))
        .run();
    },

    /** Records a failure; pauses the connection once failures reach `pauseAfter`. */
    recordFailure(id: string, error: { code: string; message: string; hints: string[] }, nextRunAt: string, pauseAfter: number): ConnectionRow {
      const current = this.get(id);
      const failures = current.consecutiveFailures + 1;
      const at = now();
      db.update(connections)
        .set({
          status: failures >= pauseAfter ? 'paused' : 'error',
          consecutiveFailures: failures,
          lastError: error,
          lastErrorAt: at,
          nextRunAt,
          updatedAt: at,
        })
        .where(eq(connections.id, id))
        .run();
      return this.get(id);
    },

    delete(id: string): void {
      db.delete(connections).where(eq(connections.id, id)).run();
    },
  };
}

export type ConnectionsRepository = ReturnType<typeof createConnectionsRepository>;
