import { extractPdfLines } from './pdf/pdf-lines.js';
import type { SheetRows, StatementFormat, StatementInput } from './types.js';
import { readXlsxSheets } from './xlsx/xlsx-sheets.js';

const PDF_MAGIC = '%PDF-';
/** XLSX is a ZIP: local file header signature. */
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/**
 * What kind of file this is, by its bytes first (a capture's media type and a mail's
 * file name can lie), then its name. Unknown binary content is null.
 */
export function detectFormat(bytes: Uint8Array, filename: string, mediaType = ''): StatementFormat | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (head.includes(PDF_MAGIC)) return 'pdf';
  if (ZIP_MAGIC.every((b, i) => bytes[i] === b))
    return /\.xlsx$/i.test(filename) || mediaType.includes('spreadsheetml') || !/\.(zip|docx|pptx)$/i.test(filename) ? 'xlsx' : null;
  if (!looksLikeText(bytes)) return null;
  if (/\.txt$/i.test(filename) || mediaType === 'text/plain') return 'text';
  return 'csv';
}

/** No NUL bytes and valid UTF-8 in the first 64 KiB: a text file. */
function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 65536);
  if (sample.includes(0)) return false;
  try {
    // A sample cut in the middle of a multi-byte character is still text: allow a tail.
    new TextDecoder('utf-8', { fatal: true }).decode(sample.length === bytes.length ? sample : sample.subarray(0, sample.length - 4));
    return true;
  } catch {
    return false;
  }
}

/** Decodes text, dropping a UTF-8 BOM (Finpension and SwissBorg exports start with one). */
export function decodeText(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
}

/** A StatementInput whose views are computed once, on first use. */
export function createStatementInput(file: { filename: string; mediaType: string; bytes: Uint8Array }, kind: StatementFormat): StatementInput {
  let lines: Promise<string[]> | undefined;
  let sheets: Promise<SheetRows[]> | undefined;
  const input: StatementInput = {
    filename: file.filename,
    mediaType: file.mediaType,
    kind,
    bytes: file.bytes,
    lines() {
      lines ??=
        kind === 'pdf'
          ? extractPdfLines(file.bytes, file.filename).then((r) => r.lines)
          : kind === 'xlsx'
            ? Promise.resolve([])
            : Promise.resolve(decodeText(file.bytes).split(/\r?\n/));
      return lines;
    },
    async text() {
      return kind === 'csv' || kind === 'text' ? decodeText(file.bytes) : (await input.lines()).join('\n');
    },
    sheets() {
      sheets ??= kind === 'xlsx' ? readXlsxSheets(file.bytes, file.filename) : Promise.resolve([]);
      return sheets;
    },
  };
  return input;
}
