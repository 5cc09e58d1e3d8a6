import type { DocumentView } from '@omnifolio/shared/api';
import { BaseError, isBaseError, NotFoundError, ValidationError } from '@omnifolio/shared/errors';
import { desc, eq } from 'drizzle-orm';
import type { Logger } from '../logging/logger.js';
import { type Clock, isoNow } from '../storage/clock.js';
import type { Db } from '../storage/database.js';
import { newId } from '../storage/repositories/ids.js';
import { documents } from '../storage/schema/index.js';
import { type DocumentStore, MAX_DOCUMENT_BYTES } from './documents.js';
import { StatementError } from './parsers/statement-error.js';
import { createStatementInput, detectFormat } from './parsers/statement-input.js';
import type { ParsedStatement, StatementParser } from './parsers/types.js';
import type { StatementWriter } from './statement-writer.js';

export type DocumentRow = typeof documents.$inferSelect;
export type DocumentSource = DocumentRow['source'];

export interface IngestDocumentParameters {
  filename: string;
  mediaType: string;
  bytes: Uint8Array;
  source: DocumentSource;
  /** The provider a capture or upload names; absent: every parser's detect() is asked. */
  providerId?: string | undefined;
  /** The page URL of a capture, the Message-ID of a mail. */
  origin?: string | undefined;
}

export interface IngestDocumentReturnType {
  document: DocumentView;
  duplicate: boolean;
}

export interface DocumentServiceDeps {
  db: Db;
  store: DocumentStore;
  writer: StatementWriter;
  /** The parsers to use; a function so parsers registered after start-up count. */
  parsers: () => readonly StatementParser[];
  log: Logger;
  clock?: Clock;
  /** Called after a document produced records, so the dashboard can re-value (prices, snapshot). */
  onParsed?: () => void;
  /**
   * Removes the demo portfolio. A user's first own document replaces it, as their first own
   * connection does: the demo's simulated prices and a real statement are never summed.
   */
  removeDemo?: () => Promise<unknown>;
}

const HINTS = {
  failed: ['Check the file named in the message, then upload it again, or run `omnifolio reprocess` after updating Omnifolio.'],
  unrecognized: ['Upload it again naming its provider, or map its columns with a CSV template (POST /api/csv-templates).'],
};

export function toDocumentView(row: DocumentRow, duplicate = false): DocumentView {
  const summary = row.summary as { activities?: number; holdings?: number; statementDate?: string | null; accounts?: string[] } | null;
  return {
    id: row.id,
    sha256: row.sha256,
    providerId: row.providerId,
    source: row.source,
    filename: row.filename,
    mediaType: row.mediaType,
    sizeBytes: row.sizeBytes,
    status: row.status,
    parserId: row.parserId,
    error:
      row.status === 'failed' || row.status === 'unrecognized'
        ? { code: row.errorCode ?? row.status, message: row.errorMessage ?? '', location: row.errorLocation, hints: HINTS[row.status] }
        : null,
    summary: summary
      ? { activities: summary.activities ?? 0, holdings: summary.holdings ?? 0, statementDate: summary.statementDate ?? null, accounts: summary.accounts ?? [] }
      : null,
    duplicate,
    capturedAt: row.capturedAt,
    parsedAt: row.parsedAt,
  };
}

/** What a parse of one file gives, without storing anything (the `parse` command). */
export interface ParseFileResult {
  parser: StatementParser;
  statement: ParsedStatement;
}

/**
 * Picks the parser for a file: the named provider's, or the first whose detect() accepts
 * it. Returns the reason when none fits, for an "unrecognized" document.
 */
export async function chooseParser(
  file: { filename: string; mediaType: string; bytes: Uint8Array },
  parsers: readonly StatementParser[],
  providerId?: string,
): Promise<{ parser: StatementParser; input: ReturnType<typeof createStatementInput> } | { reason: string }> {
  const format = detectFormat(file.bytes, file.filename, file.mediaType);
  if (!format) return { reason: `${file.filename} is neither a PDF, a CSV or text file, nor an XLSX workbook.` };
  const input = createStatementInput(file, format);
  if (providerId) {
    // The provider's own parser, or another of its parsers (its page tables) that claims the file.
    const own = parsers.filter((p) => p.id === providerId || p.provider?.id === providerId);
    for (const parser of own.filter((p) => p.id !== providerId && p.formats.includes(format))) {
      try {
        if (await parser.detect(input)) return { parser, input };
      } catch {
        // detect() must not throw; a parser that does is treated as not matching.
      }
    }
    const parser = own.find((p) => p.id === providerId) ?? own[0];
    if (!parser) return { reason: `There is no statement parser for provider ${providerId}. Known: ${parsers.map((p) => p.id).join(', ')}.` };
    if (!parser.formats.includes(format)) return { reason: `${parser.name} reads ${parser.formats.join(', ')} files; ${file.filename} is ${format}.` };
    return { parser, input };
  }
  for (const parser of parsers) {
    if (!parser.formats.includes(format)) continue;
    try {
      if (await parser.detect(input)) return { parser, input };
    } catch {
      // detect() must not throw; a parser that does is treated as not matching.
    }
  }
  return {
    reason: `No parser recognized ${file.filename} (${format}); tried ${
      parsers
        .filter((p) => p.formats.includes(format))
        .map((p) => p.name)
        .join(', ') || 'none for this format'
    }.`,
  };
}

/**
 * The documents pipeline: keep the original (content-addressed) first, then parse and
 * store the records. A failure to parse never loses the file: the document stays, marked
 * failed or unrecognized with the reason, and can be reprocessed.
 */
export function createDocumentService(deps: DocumentServiceDeps) {
  const { db, store, log } = deps;
  const now = () => isoNow(deps.clock);

  const find = (id: string) => db.select().from(documents).where(eq(documents.id, id)).get();
  const get = (id: string): DocumentRow => {
    const row = find(id);
    if (!row) throw new NotFoundError(`There is no document with id ${id}.`, { hints: ['List documents with GET /api/documents or `omnifolio documents`.'] });
    return row;
  };

  async function processDocument(row: DocumentRow): Promise<DocumentRow> {
    const bytes = store.read(row.storedPath);
    const update = (patch: Partial<DocumentRow>) => {
      db.update(documents).set(patch).where(eq(documents.id, row.id)).run();
      return get(row.id);
    };
    const choice = await chooseParser({ filename: row.filename, mediaType: row.mediaType, bytes }, deps.parsers(), row.providerId ?? undefined);
    if ('reason' in choice) {
      return update({
        status: 'unrecognized',
        parserId: null,
        parserVersion: null,
        errorCode: 'unrecognized',
        errorMessage: choice.reason,
        errorLocation: null,
        summary: null,
        parsedAt: now(),
      });
    }
    const { parser, input } = choice;
    try {
      const statement = await parser.parse(input);
      const provider = parser.provider ?? { id: parser.id, name: parser.name };
      const result = deps.writer.write(row.id, provider, statement, { demo: row.source === 'demo' });
      const updated = update({
        status: 'parsed',
        providerId: provider.id,
        parserId: parser.id,
        parserVersion: parser.version,
        errorCode: null,
        errorMessage: null,
        errorLocation: null,
        connectionId: result.connectionId,
        summary: {
          activities: statement.activities.length,
          activitiesAdded: result.activitiesAdded,
          holdings: result.holdings,
          statementDate: statement.statementDate,
          accounts: result.accountKeys,
          warnings: statement.warnings,
        },
        parsedAt: now(),
      });
      deps.onParsed?.();
      return updated;
    } catch (error) {
      if (!(error instanceof StatementError)) log.error({ err: error, document: row.id, parser: parser.id }, 'statement parser failed unexpectedly');
      return update({
        status: 'failed',
        parserId: parser.id,
        parserVersion: parser.version,
        errorCode: isBaseError(error) ? error.code : 'internal',
        errorMessage: isBaseError(error) ? error.shortMessage : `The ${parser.name} parser failed: ${error instanceof Error ? error.message : String(error)}`,
        errorLocation: error instanceof StatementError ? error.location : null,
        summary: null,
        parsedAt: now(),
      });
    }
  }

  return {
    /** Stores the original, then parses it. The same bytes again: the stored document, `duplicate`. */
    async ingest(params: IngestDocumentParameters): Promise<IngestDocumentReturnType> {
      if (params.bytes.byteLength === 0) {
        throw new ValidationError(`${params.filename} is empty.`, [{ path: 'contentBase64', message: 'the file has no bytes' }], {
          hints: ['Download the statement again; the copy you have is empty.'],
        });
      }
      if (params.bytes.byteLength > MAX_DOCUMENT_BYTES) {
        throw new DocumentTooLargeError(params.filename, params.bytes.byteLength);
      }
      if (params.source !== 'demo') await deps.removeDemo?.();
      const stored = store.put(params.bytes);
      const existing = db.select().from(documents).where(eq(documents.sha256, stored.sha256)).get();
      if (existing) return { document: toDocumentView(existing, true), duplicate: true };
      const id = newId();
      db.insert(documents)
        .values({
          id,
          sha256: stored.sha256,
          providerId: params.providerId ?? null,
          source: params.source,
          filename: params.filename,
          mediaType: params.mediaType,
          sizeBytes: params.bytes.byteLength,
          storedPath: stored.storedPath,
          origin: params.origin ?? null,
          status: 'pending',
          capturedAt: now(),
        })
        .run();
      log.info({ document: id, source: params.source, bytes: params.bytes.byteLength }, 'document stored');
      const processed = await processDocument(get(id));
      return { document: toDocumentView(processed), duplicate: false };
    },

    list(limit = 500): DocumentView[] {
      return db
        .select()
        .from(documents)
        .orderBy(desc(documents.capturedAt))
        .limit(limit)
        .all()
        .map((r) => toDocumentView(r));
    },

    get(id: string): DocumentView {
      return toDocumentView(get(id));
    },

    /** Parses the stored original again; the document's previous records are replaced. */
    async reprocess(id: string): Promise<DocumentView> {
      return toDocumentView(await processDocument(get(id)));
    },

    /** Deletes the demo portfolio's documents, their stored originals and the prices they stated. */
    removeDemo(): number {
      const rows = db.select().from(documents).where(eq(documents.source, 'demo')).all();
      for (const row of rows) {
        db.delete(documents).where(eq(documents.id, row.id)).run();
        store.remove(row.storedPath);
      }
      deps.writer.removeDemoPrices();
      return rows.length;
    },

    async reprocessAll(): Promise<DocumentView[]> {
      const out: DocumentView[] = [];
      for (const row of db.select().from(documents).orderBy(documents.capturedAt).all()) out.push(toDocumentView(await processDocument(row)));
      return out;
    },
  };
}

export type DocumentService = ReturnType<typeof createDocumentService>;

/** 413: the file is larger than a statement can be; nothing was stored. */
export class DocumentTooLargeError extends BaseError {
  override name = 'DocumentTooLargeError';
  override readonly code = 'validation_failed' as const;
  override readonly status = 413;
  constructor(filename: string, size: number) {
    super(`${filename} is ${(size / 1024 / 1024).toFixed(1)} MiB; statements up to ${MAX_DOCUMENT_BYTES / 1024 / 1024} MiB are accepted.`, {
      hints: ['Export a shorter period, or split the file, and upload the parts.'],
    });
  }
}
