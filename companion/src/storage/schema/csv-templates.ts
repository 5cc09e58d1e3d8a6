import { sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Column mappings the user saved for the generic CSV parser, one per source layout. */
export const csvTemplates = sqliteTable('csv_templates', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** JSON: delimiter, header row, column → field mapping, date and number formats. */
  mapping: text('mapping', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});
