import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { connections } from './connections.js';

/**
 * Statements captured by the extension, fetched from a mailbox or uploaded. The original
 * bytes are stored content-addressed (sha256) under the data directory before any parsing,
 * so the same file twice is one document and a parser fix can reprocess it.
 */
export const documents = sqliteTable(
  'documents',
  {
    id: text('id').primaryKey(),
    sha256: text('sha256').notNull(),
    /** The provider whose parser produced records, or the one the user or capture named. */
    providerId: text('provider_id'),
    source: text('source', { enum: ['extension', 'imap', 'upload', 'cli', 'demo'] }).notNull(),
    filename: text('filename').notNull(),
    mediaType: text('media_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    /** Path of the original below the data directory: documents/ab/abcdef…. */
    storedPath: text('stored_path').notNull(),
    /** Where it came from: the page URL of a capture, the Message-ID of a mail. */
    origin: text('origin'),
    status: text('status', { enum: ['pending', 'parsed', 'failed', 'unrecognized'] }).notNull(),
    parserId: text('parser_id'),
    parserVersion: text('parser_version'),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    /** Where in the document the problem is: `row 12, column amount`, `page 3`. */
    errorLocation: text('error_location'),
    /** JSON summary of what the parser produced: counts per record kind, statement date. */
    summary: text('summary', { mode: 'json' }).$type<Record<string, unknown>>(),
    /** The statement connection whose accounts the records belong to (a `demo` document's: the demo's own). */
    connectionId: text('connection_id').references(() => connections.id, { onDelete: 'set null' }),
    capturedAt: text('captured_at').notNull(),
    parsedAt: text('parsed_at'),
  },
  (t) => [uniqueIndex('documents_sha256').on(t.sha256), index('documents_status').on(t.status)],
);
