import { primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** FX cache and history: how many `quote` one unit of `base` buys, at a time, from a source. */
export const fxRates = sqliteTable(
  'fx_rates',
  {
    base: text('base').notNull(),
    quote: text('quote').notNull(),
    source: text('source').notNull(),
    at: text('at').notNull(),
    rate: text('rate').notNull(),
    fetchedAt: text('fetched_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.base, t.quote, t.source, t.at] })],
);
