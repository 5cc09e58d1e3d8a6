import { sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Canonical assets. The id says how it is known: `cg:bitcoin` (CoinGecko id),
 * `fiat:USD`, `sym:XYZ` (a symbol we cannot resolve yet, unpriced until we can).
 */
export const assets = sqliteTable('assets', {
  id: text('id').primaryKey(),
  symbol: text('symbol').notNull(),
  name: text('name'),
  assetClass: text('asset_class', { enum: ['crypto', 'fiat', 'equity', 'fund', 'other'] }).notNull(),
  createdAt: text('created_at').notNull(),
});
