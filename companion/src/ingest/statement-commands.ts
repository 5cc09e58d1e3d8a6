import { readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { DocumentView } from '@omnifolio/shared/api';
import { NotFoundError, ValidationError } from '@omnifolio/shared/errors';
import type { Command } from 'commander';
import type { CompanionCore } from '../main.js';
import { fingerprintActivities } from './activity-fingerprint.js';
import { DISPLAYED_REF_PREFIX } from './displayed-activities.js';
import { chooseParser, DocumentTooLargeError } from './document-service.js';
import { MAX_DOCUMENT_BYTES } from './documents.js';
import { listParsers } from './parsers/registry.js';

export interface StatementCommandContext {
  json: () => boolean;
  withCore: <T>(fn: (core: CompanionCore) => Promise<T>) => Promise<T>;
  emit: (json: boolean, data: unknown, human: () => string) => void;
}

const MEDIA_TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.csv': 'text/csv',
  '.txt': 'text/plain',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

function readDocumentFile(path: string): { filename: string; mediaType: string; bytes: Uint8Array } {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new NotFoundError(`There is no file ${path}.`, { hints: ['Check the path; relative paths start in the current directory.'] });
  }
  if (size > MAX_DOCUMENT_BYTES) throw new DocumentTooLargeError(basename(path), size);
  return {
    filename: basename(path),
    mediaType: MEDIA_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
    bytes: new Uint8Array(readFileSync(path)),
  };
}

const describeDocument = (d: DocumentView) =>
  d.status === 'parsed'
    ? `✓ ${d.filename}: ${d.parserId}, ${d.summary?.activities ?? 0} activities, ${d.summary?.holdings ?? 0} holdings${d.summary?.statementDate ? `, as of ${d.summary.statementDate}` : ''}${d.duplicate ? ' (already stored)' : ''}`
    : `✗ ${d.filename}: ${d.status}: ${d.error?.message ?? ''}${d.error?.hints.length ? `\n    → ${d.error.hints.join('\n    → ')}` : ''}`;

/** `parse`, `upload`, `reprocess` and `documents`: statements from the command line. */
export function registerStatementCommands(program: Command, ctx: StatementCommandContext): void {
  program
    .command('parse')
    .description('print the normalized records of one statement file, without storing anything')
    .argument('<file>', 'statement: CSV, XLSX, PDF, or a .txt of text extracted from a PDF statement')
    .option(
      '--provider <id>',
      `parser to use (${listParsers()
        .map((p) => p.id)
        .join(', ')}); default: detect`,
    )
    .action(async (file: string, cmd: { provider?: string }) => {
      const input = readDocumentFile(file);
      const choice = await chooseParser(input, listParsers(), cmd.provider);
      if ('reason' in choice)
        throw new ValidationError(choice.reason, [{ path: 'file', message: 'unrecognized' }], { hints: ['Name the provider with --provider <id>.'] });
      const statement = await choice.parser.parse(choice.input);
      const result = {
        parser: choice.parser.id,
        version: choice.parser.version,
        ...statement,
        activities: fingerprintActivities(
          choice.parser.provider?.id ?? choice.parser.id,
          statement.activities,
          statement.displayed ? DISPLAYED_REF_PREFIX : undefined,
        ),
      };
      ctx.emit(ctx.json(), result, () =>
        [
          `${choice.parser.name} (${choice.parser.id} v${choice.parser.version})${statement.statementDate ? `, as of ${statement.statementDate}` : ''}`,
          `Accounts: ${statement.accounts.map((a) => `${a.key} (${a.type}, ${a.baseCurrency})`).join(', ')}`,
          `Activities (${statement.activities.length}):`,
          ...statement.activities.map(
            (a) =>
              `  ${a.executedAt.slice(0, 16).replace('T', ' ')}  ${a.type.padEnd(10)} ${a.quantity} ${a.asset}${a.price ? ` @ ${a.price} ${a.quoteAsset}` : ''}${a.fee ? `  fee ${a.fee} ${a.feeAsset}` : ''}`,
          ),
          `Holdings (${statement.holdings.length}):`,
          ...statement.holdings.map(
            (h) => `  ${h.accountKey}: ${h.quantity} ${h.asset.symbol}${h.asset.name ? ` (${h.asset.name})` : ''} as of ${h.asOf.slice(0, 10)}`,
          ),
          ...(statement.prices.length
            ? [`Prices (${statement.prices.length}):`, ...statement.prices.map((p) => `  ${p.asset.symbol}: ${p.price} ${p.currency} on ${p.at.slice(0, 10)}`)]
            : []),
          ...statement.warnings.map((w) => `! ${w}`),
        ].join('\n'),
      );
    });

  program
    .command('upload')
    .description('store a statement file and parse it into its provider’s accounts')
    .argument('<file>', 'statement: CSV, XLSX or PDF')
    .option('--provider <id>', 'parser to use; default: detect')
    .action(async (file: string, cmd: { provider?: string }) => {
      const input = readDocumentFile(file);
      await ctx.withCore(async (core) => {
        const { document } = await core.documents.ingest({ ...input, source: 'cli', providerId: cmd.provider });
        ctx.emit(ctx.json(), document, () => describeDocument(document));
        if (document.status !== 'parsed') process.exitCode = 1;
      });
    });

  program
    .command('reprocess')
    .description('parse stored documents again (after an update); their records are replaced, never doubled')
    .argument('[document]', 'document id; default: all documents')
    .action(async (id: string | undefined) => {
      await ctx.withCore(async (core) => {
        const docs = id ? [await core.documents.reprocess(id)] : await core.documents.reprocessAll();
        ctx.emit(ctx.json(), docs, () => docs.map(describeDocument).join('\n') || 'No documents stored yet.');
        if (docs.some((d) => d.status === 'failed')) process.exitCode = 1;
      });
    });

  program
    .command('documents')
    .description('list stored statement documents, newest first, with their status')
    .action(async () => {
      await ctx.withCore(async (core) => {
        const docs = core.documents.list();
        ctx.emit(
          ctx.json(),
          docs,
          () => docs.map((d) => `${d.id}  ${d.capturedAt.slice(0, 16)}  ${describeDocument(d)}`).join('\n') || 'No documents stored yet.',
        );
      });
    });
}
