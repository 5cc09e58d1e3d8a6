import { primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Price cache and history: one row per (asset, quote currency, source, time). */
export const prices = sqliteTable(
  'prices',
  {
    assetId: text('asset_id').notNull(),
    quote: text('quote').notNull(),
    source: text('source').notNull(),
    at: text('at').notNull(),
    price: text('price').notNull(),
    fetchedAt: text('fetched_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.assetId, t.quote, t.source, t.at] })],
);
