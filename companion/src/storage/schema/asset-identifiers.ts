import { primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { assets } from './assets.js';

/** Every id an asset is known by: coingecko, chain+contract, isin, valor, ticker, provider symbol. */
export const assetIdentifiers = sqliteTable(
  'asset_identifiers',
  {
    assetId: text('asset_id')
      .notNull()
      .references(() => assets.id, { onDelete: 'cascade' }),
    scheme: text('scheme').notNull(),
    value: text('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.scheme, t.value] })],
);
