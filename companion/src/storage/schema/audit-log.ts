import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Security-relevant events: pairing, tokens, keys added or removed, consent. Never secrets. */
export const auditLog = sqliteTable('audit_log', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  at: text('at').notNull(),
  event: text('event').notNull(),
  subject: text('subject'),
  detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>(),
});
