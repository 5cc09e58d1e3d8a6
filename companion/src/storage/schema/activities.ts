import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { accounts } from './accounts.js';

/** Every movement. Unique per (account, provider_ref), so re-syncing never doubles a record. */
export const activities = sqliteTable(
  'activities',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    providerRef: text('provider_ref').notNull(),
    type: text('type', {
      enum: ['buy', 'sell', 'deposit', 'withdrawal', 'transfer', 'fee', 'dividend', 'interest', 'reward', 'funding', 'realized_pnl', 'split', 'merger'],
    }).notNull(),
    executedAt: text('executed_at').notNull(),
    asset: text('asset').notNull(),
    quantity: text('quantity').notNull(),
    quoteAsset: text('quote_asset'),
    price: text('price'),
    fee: text('fee'),
    feeAsset: text('fee_asset'),
    /** The provider's record as received, JSON, so a mapping fix can be replayed. */
    raw: text('raw'),
    /** The statement this record was parsed from; reprocessing replaces its records. */
    documentId: text('document_id'),
  },
  (t) => [
    uniqueIndex('activities_account_ref').on(t.accountId, t.providerRef),
    index('activities_executed_at').on(t.executedAt),
    // Each account's first activity (the daily snapshots start a connection there) is one
    // index probe, not a scan of every activity.
    index('activities_account_executed_at').on(t.accountId, t.executedAt),
    index('activities_document').on(t.documentId),
  ],
);
