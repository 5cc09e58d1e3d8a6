import type { SyncRunView } from '@omnifolio/shared/api';
import { and, desc, eq } from 'drizzle-orm';
import { type Clock, isoNow } from '../clock.js';
import type { Db } from '../database.js';
import { syncRuns } from '../schema/index.js';
import { newId } from './ids.js';

export type SyncRunRow = typeof syncRuns.$inferSelect;
export type SyncTrigger = SyncRunRow['trigger'];

export function toSyncRunView(row: SyncRunRow): SyncRunView {
  return {
    id: row.id,
    connectionId: row.connectionId,
    trigger: row.trigger,
    status: row.status,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    counts: { balances: row.balancesCount, activities: row.activitiesCount, positions: row.positionsCount },
    requests: row.requests,
    error: row.errorCode ? { code: row.errorCode, message: row.errorMessage ?? '', hints: row.errorHints ?? [] } : null,
  };
}

export function createSyncRunsRepository(db: Db, clock?: Clock) {
  return {
    start(connectionId: string, trigger: SyncTrigger): SyncRunRow {
      const row = { id: newId(), connectionId, trigger, status: 'running' as const, startedAt: isoNow(clock) };
      db.insert(syncRuns).values(row).run();
      return this.get(row.id);
    },

    finish(
      id: string,
      result:
        | { status: 'succeeded'; balances: number; activities: number; positions: number; requests: number }
        | { status: 'failed'; requests: number; activities: number; error: { code: string; message: string; hints: string[] } },
    ): SyncRunRow {
      const finishedAt = isoNow(clock);
      if (result.status === 'succeeded') {
        db.update(syncRuns)
          .set({
            status: 'succeeded',
            finishedAt,
            balancesCount: result.balances,
            activitiesCount: result.activities,
            positionsCount: result.positions,
            requests: result.requests,
          })
          .where(eq(syncRuns.id, id))
          .run();
      } else {
        db.update(syncRuns)
          .set({
            status: 'failed',
            finishedAt,
            requests: result.requests,
            activitiesCount: result.activities,
            errorCode: result.error.code,
            errorMessage: result.error.message,
            errorHints: result.error.hints,
          })
          .where(eq(syncRuns.id, id))
          .run();
      }
      return this.get(id);
    },

    get(id: string): SyncRunRow {
      const row = db.select().from(syncRuns).where(eq(syncRuns.id, id)).get();
      if (!row) throw new Error(`sync run ${id} vanished`);
      return row;
    },

    find(id: string): SyncRunRow | undefined {
      return db.select().from(syncRuns).where(eq(syncRuns.id, id)).get();
    },

    list(filter: { connectionId?: string; limit?: number } = {}): SyncRunRow[] {
      const where = filter.connectionId ? eq(syncRuns.connectionId, filter.connectionId) : undefined;
      return db
        .select()
        .from(syncRuns)
        .where(where)
        .orderBy(desc(syncRuns.startedAt))
        .limit(filter.limit ?? 50)
        .all();
    },

    latest(connectionId: string): SyncRunRow | undefined {
      return db
        .select()
        .from(syncRuns)
        .where(and(eq(syncRuns.connectionId, connectionId)))
        .orderBy(desc(syncRuns.startedAt))
        .limit(1)
        .get();
    },

    /** Runs left 'running' by a crash are marked failed at start, so nothing looks stuck. */
    failDangling(): number {
      return db
        .update(syncRuns)
        .set({
          status: 'failed',
          finishedAt: isoNow(clock),
          errorCode: 'internal',
          errorMessage: 'The companion stopped while this sync was running.',
          errorHints: ['It will run again at its next scheduled time.'],
        })
        .where(eq(syncRuns.status, 'running'))
        .run().changes;
    },
  };
}

export type SyncRunsRepository = ReturnType<typeof createSyncRunsRepository>;
