import { sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** User settings as JSON values by key: base currency, time zone, risk-free rate, API keys' presence. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).$type<unknown>().notNull(),
  updatedAt: text('updated_at').notNull(),
});
