import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { connections } from './connections.js';

/** Every sync attempt, good or bad, with what it brought and what went wrong. */
export const syncRuns = sqliteTable(
  'sync_runs',
  {
    id: text('id').primaryKey(),
    connectionId: text('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    trigger: text('trigger', { enum: ['manual', 'schedule', 'demo', 'cli'] }).notNull(),
    status: text('status', { enum: ['running', 'succeeded', 'failed'] }).notNull(),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at'),
    balancesCount: integer('balances_count').notNull().default(0),
    activitiesCount: integer('activities_count').notNull().default(0),
    positionsCount: integer('positions_count').notNull().default(0),
    requests: integer('requests').notNull().default(0),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    errorHints: text('error_hints', { mode: 'json' }).$type<string[]>(),
  },
  (t) => [index('sync_runs_connection_started').on(t.connectionId, t.startedAt)],
);
