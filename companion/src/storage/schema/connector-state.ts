import { primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { connections } from './connections.js';

/** Cursors per (connection, key), advanced in the same transaction as the data they cover. */
export const connectorState = sqliteTable(
  'connector_state',
  {
    connectionId: text('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    value: text('value').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.key] })],
);
