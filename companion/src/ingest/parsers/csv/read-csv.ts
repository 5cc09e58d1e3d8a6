import { parse } from 'csv-parse/sync';
import { StatementError } from '../statement-error.js';

/**
 * Rows of a CSV as text cells (csv-parse: quotes, embedded separators and newlines).
 * A broken quote or a file cut off mid-record becomes a StatementError naming the line.
 */
export function readCsv(text: string, delimiter: string, filename: string): string[][] {
  try {
    return parse(text, { delimiter, bom: true, relax_column_count: true, skip_empty_lines: false, trim: false }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new StatementError(`${filename} is not valid CSV: ${(error as Error).message.replace(/^Invalid Record Length: /, '')}.`, {
      ...(line ? { location: `line ${line}` } : {}),
      hints: ['The file may have been cut off while downloading. Export it again and upload the new file.'],
      cause: error,
    });
  }
}

/** Guesses the separator from the header line: the candidate that splits it most. */
export function guessDelimiter(headerLine: string): string {
  const candidates = [',', ';', '\t', '|'];
  return candidates.reduce((best, c) => (headerLine.split(c).length > headerLine.split(best).length ? c : best), ',');
}
