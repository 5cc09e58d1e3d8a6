import { sql } from 'drizzle-orm';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** One per linked source. Credentials live in `secrets`; this row only names them. */
export const connections = sqliteTable('connections', {
  id: text('id').primaryKey(),
  kind: text('kind', { enum: ['exchange', 'wallet', 'broker', 'statement', 'imap'] }).notNull(),
  providerId: text('provider_id').notNull(),
  label: text('label').notNull(),
  /** JSON object of non-secret settings (base URL override, options). */
  settings: text('settings', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default(sql`'{}'`),
  secretId: text('secret_id'),
  demo: integer('demo', { mode: 'boolean' }).notNull().default(false),
  syncIntervalMinutes: integer('sync_interval_minutes').notNull().default(60),
  status: text('status', { enum: ['new', 'ok', 'syncing', 'error', 'paused'] })
    .notNull()
    .default('new'),
  consecutiveFailures: integer('consecutive_failures').notNull().default(0),
  lastSuccessAt: text('last_success_at'),
  lastErrorAt: text('last_error_at'),
  /** JSON `{ code, message, hints }` of the last failure, for the user. */
  lastError: text('last_error', { mode: 'json' }).$type<{ code: string; message: string; hints: string[] } | null>(),
  /** JSON array of sentences the user should know (a key that can trade). */
  warnings: text('warnings', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
  nextRunAt: text('next_run_at'),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});
