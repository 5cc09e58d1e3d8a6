import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * One row per write of daily closes that added, changed or removed at least one: which source,
 * and the earliest day it touched. What was derived from the closes (the performance ledger)
 * asks "did anything before day D change since revision N?" here, instead of comparing every
 * stored close. Written only by the daily price store (history/daily-price-store.ts), in the
 * same transaction as the closes; kept short (the newest 10,000 rows), so the question reads a
 * range of ids and needs no other index.
 */
export const dailyCloseRevisions = sqliteTable('daily_close_revisions', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  source: text('source').notNull(),
  earliestDay: text('earliest_day').notNull(),
});
