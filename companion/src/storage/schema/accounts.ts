import { sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { connections } from './connections.js';

/** Sub-accounts of a connection: spot, futures, a wallet address, a 3a account. */
export const accounts = sqliteTable(
  'accounts',
  {
    id: text('id').primaryKey(),
    connectionId: text('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    /** The connector's name for it, stable across syncs ("spot", "futures:usdm", "0xabc…"). */
    accountKey: text('account_key').notNull(),
    type: text('type', {
      enum: ['spot', 'funding', 'margin', 'futures', 'earn', 'wallet', 'brokerage', 'pension_3a', 'vested_benefits', 'bank'],
    }).notNull(),
    name: text('name').notNull(),
    baseCurrency: text('base_currency').notNull().default('USD'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('accounts_connection_key').on(t.connectionId, t.accountKey)],
);
