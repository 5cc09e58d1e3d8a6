import { primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { accounts } from './accounts.js';
import { assets } from './assets.js';

/** Latest quantity per (account, asset). Decimal strings. Replaced whole by each good sync. */
export const balances = sqliteTable(
  'balances',
  {
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    assetId: text('asset_id')
      .notNull()
      .references(() => assets.id),
    free: text('free').notNull(),
    locked: text('locked').notNull(),
    total: text('total').notNull(),
    asOf: text('as_of').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.assetId] })],
);
