import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Materialized valuations per account (or `total`), at a day's end or at a sync. */
export const snapshots = sqliteTable(
  'snapshots',
  {
    id: text('id').primaryKey(),
    scope: text('scope').notNull(),
    kind: text('kind', { enum: ['daily', 'sync'] }).notNull(),
    at: text('at').notNull(),
    valueUsd: text('value_usd').notNull(),
    valueChf: text('value_chf').notNull(),
    unpricedCount: text('unpriced_count').notNull().default('0'),
  },
  (t) => [index('snapshots_scope_at').on(t.scope, t.at)],
);
