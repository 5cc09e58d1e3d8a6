import { primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { accounts } from './accounts.js';

/** Open derivatives positions, replaced whole by each good sync. */
export const positions = sqliteTable(
  'positions',
  {
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    symbol: text('symbol').notNull(),
    side: text('side', { enum: ['long', 'short'] }).notNull(),
    contracts: text('contracts').notNull(),
    sizeInBase: text('size_in_base').notNull(),
    entryPrice: text('entry_price'),
    markPrice: text('mark_price'),
    notional: text('notional'),
    unrealizedPnl: text('unrealized_pnl'),
    leverage: text('leverage'),
    liquidationPrice: text('liquidation_price'),
    marginMode: text('margin_mode', { enum: ['cross', 'isolated'] }),
    margin: text('margin'),
    settleAsset: text('settle_asset'),
    asOf: text('as_of').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.symbol, t.side] })],
);
