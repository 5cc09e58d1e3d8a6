import { primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { connections } from './connections.js';

/** Mail already taken from a mailbox, by Message-ID and attachment hash: never taken twice. */
export const mailMessages = sqliteTable(
  'mail_messages',
  {
    connectionId: text('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    messageId: text('message_id').notNull(),
    attachmentSha256: text('attachment_sha256').notNull(),
    documentId: text('document_id'),
    processedAt: text('processed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.messageId, t.attachmentSha256] })],
);
