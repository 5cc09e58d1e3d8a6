import { Decimal, toDecimalString } from '@omnifolio/shared/money';
import { readCsv } from '../csv/read-csv.js';
import { parseSwissNumber } from '../decimal-text.js';
import { StatementError } from '../statement-error.js';
import type { StatementInput } from '../types.js';

/*
 * A table the extension captured from a provider's page (extension/src/capture/
 * page-table-document.ts writes it): a short preamble that says what it is, then the table
 * as the page showed it, with the page's own column headers (RFC 4180 CSV):
 *
 *   Omnifolio page table,1
 *   Provider,finpension
 *   Table,transactions
 *   Title,Transaktionen
 *   Page,https://app.finpension.ch/portfolio/3a/1/transactions
 *   Captured on,2026-11-22
 *
 *   Date,Category,Asset Name,ISIN,Number of Shares,Cash Flow,Balance
 *   2023-11-07,Interests,,,,0.45,200.99
 *
 * Values are what the page displays: rounded, sometimes with a currency or a sign of their
 * own. "Captured on" is the day the page was read: the valuation date of the holdings it shows.
 */

export const PAGE_TABLE_MARKER = 'Omnifolio page table';

export interface PageTableRow {
  /** 1 = the table's first row under its headers, as a person counts rows on the page. */
  number: number;
  cells: string[];
}

export interface PageTable {
  /** The companion's provider id the capture named. */
  provider: string;
  /** `transactions` or `holdings` (the capture's rule for the table). */
  table: string;
  /** The table's caption or heading on the page, for messages: `table "Transaktionen"`. */
  title: string;
  page: string | null;
  /** The day the page was read, `YYYY-MM-DD`. */
  capturedOn: string;
  headers: string[];
  rows: PageTableRow[];
}

/** The preamble's first line, cheaply: does this text claim to be a page table of `provider`? */
export function isPageTableOf(text: string, provider: string): boolean {
  const head = text.replace(/^\uFEFF/, '').split(/\r?\n/, 3);
  return head[0]?.startsWith(`${PAGE_TABLE_MARKER},`) === true && head[1]?.trim() === `Provider,${provider}`;
}

export async function readPageTable(input: StatementInput): Promise<PageTable> {
  const rows = readCsv(await input.text(), ',', input.filename);
  const meta = new Map<string, string>();
  let at = 0;
  for (; at < rows.length; at++) {
    const cells = rows[at]!;
    if (cells.every((c) => c.trim() === '')) break;
    meta.set(cells[0]!.trim(), (cells[1] ?? '').trim());
  }
  if (!meta.has(PAGE_TABLE_MARKER)) {
    throw new StatementError(`${input.filename} is not a table captured from a provider's page (its first line is not "${PAGE_TABLE_MARKER}").`, {
      code: 'not_supported',
      location: 'line 1',
    });
  }
  const capturedOn = meta.get('Captured on') ?? '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(capturedOn)) {
    throw new StatementError(`the capture date should be YYYY-MM-DD, found "${capturedOn}".`, {
      location: 'preamble, line "Captured on"',
      hints: ['Capture the page again with the Omnifolio extension.'],
    });
  }
  const headers = (rows[at + 1] ?? []).map((h) => h.trim());
  const title = meta.get('Title') || meta.get('Table') || 'page table';
  if (headers.length === 0 || headers.every((h) => h === '')) {
    throw new StatementError('the table has no column headers.', { location: `table "${title}", header row` });
  }
  const data: PageTableRow[] = [];
  let number = 0;
  for (const cells of rows.slice(at + 2)) {
    if (cells.every((c) => c.trim() === '')) continue;
    number += 1;
    data.push({ number, cells: cells.map((c) => c.trim()) });
  }
  return {
    provider: meta.get('Provider') ?? '',
    table: meta.get('Table') ?? '',
    title,
    page: meta.get('Page') || null,
    capturedOn,
    headers,
    rows: data,
  };
}

/**
 * Finds a table's columns by the words of their headers, in any of the provider's languages:
 * `{ date: [['date'], ['datum']] }` takes the first header containing every word of one
 * alternative (case-insensitive). Required columns that are missing fail with the headers seen.
 */
export function locateColumns<K extends string>(
  table: PageTable,
  spec: Record<K, readonly (readonly string[])[]>,
  optional: readonly NoInfer<K>[] = [],
): Record<K, number> {
  const lower = table.headers.map((h) => h.toLowerCase());
  const out = {} as Record<K, number>;
  const missing: string[] = [];
  for (const key of Object.keys(spec) as K[]) {
    const index = lower.findIndex((h) => spec[key].some((words) => words.every((w) => h.includes(w))));
    out[key] = index;
    if (index < 0 && !optional.includes(key)) missing.push(spec[key].map((words) => words.join(' ')).join(' / '));
  }
  if (missing.length > 0) {
    throw new StatementError(`the table has no column for ${missing.join('; ')} (its columns: ${table.headers.join(', ')}).`, {
      code: 'layout_changed',
      location: `table "${table.title}", header row`,
      hints: ['The provider may have changed its page; the captured table is kept for a parser update.'],
    });
  }
  return out;
}

/** Where a cell is, in the words the person sees on the page. */
export const cellLocation = (table: PageTable, row: PageTableRow, column: number): string =>
  `table "${table.title}", row ${row.number}, column ${table.headers[column] ?? column + 1}`;

export const cellOf = (row: PageTableRow, column: number): string => (column < 0 ? '' : (row.cells[column] ?? ''));

/**
 * A number as a page displays it: `CHF 1'234.56`, `−1.32` (typographic minus), `+0.45`,
 * `1 234.56 USD`. Returns the decimal string and how many decimals were shown (the page's
 * rounding), or null when the cell is not a number.
 */
export function parseDisplayedNumber(text: string): { value: string; decimals: number } | null {
  const t = text
    .replace(/[\u2212\u2013]/g, '-')
    .replace(/\u00a0/g, ' ')
    .replace(/^\s*(?:[A-Z]{3}|[$€£])\s*/, '')
    .replace(/\s*(?:[A-Z]{3}|[$€£])\s*$/, '')
    .replace(/^\+/, '')
    .trim();
  // English pages group thousands with commas (`47,312.50`); a comma before three digits is no decimal point.
  const value = parseSwissNumber(/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t) ? t.replace(/,/g, '') : t);
  if (value === null) return null;
  return { value, decimals: /\.(\d+)$/.exec(t)?.[1]?.length ?? 0 };
}

/** A required displayed number; the error names the table, row and column. */
export function requireDisplayedNumber(table: PageTable, row: PageTableRow, column: number, what: string): { value: string; decimals: number } {
  const text = cellOf(row, column);
  const parsed = parseDisplayedNumber(text);
  if (!parsed) {
    throw new StatementError(`${what} should be a number, found ${text === '' ? 'nothing' : `"${text.slice(0, 40)}"`}.`, {
      location: cellLocation(table, row, column),
      hints: ['Capture the page again once it has loaded completely; the captured table is kept.'],
    });
  }
  return parsed;
}

/** `28.12.2023`, `2023-12-28`, `28/12/2023` (day first, as Swiss pages show dates) → `YYYY-MM-DD`. */
export function requireDisplayedDate(table: PageTable, row: PageTableRow, column: number): string {
  const text = cellOf(row, column);
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const dmy = /^(\d{1,2})[./](\d{1,2})[./](\d{4})/.exec(text);
  if (dmy) return `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}`;
  throw new StatementError(`the date should look like 28.12.2023 or 2023-12-28, found ${text === '' ? 'nothing' : `"${text.slice(0, 40)}"`}.`, {
    location: cellLocation(table, row, column),
  });
}

/**
 * Checks that a displayed value equals quantity × price to the page's rounding (half a unit
 * of its last shown digit, plus the price's own rounding carried through the quantity).
 */
export function agreesWithDisplayed(value: { value: string; decimals: number }, quantity: string, price: { value: string; decimals: number }): boolean {
  const tolerance = new Decimal(10)
    .pow(-value.decimals)
    .div(2)
    .plus(new Decimal(10).pow(-price.decimals).div(2).mul(new Decimal(quantity).abs()));
  return new Decimal(quantity).mul(price.value).minus(value.value).abs().lte(tolerance);
}

export const divide = (a: string, b: string): string => toDecimalString(new Decimal(a).div(b).toSignificantDigits(20));

/** A table kind the provider's page-table parser does not read (the capture's rules name it). */
export function unsupportedTable(table: PageTable, providerName: string): never {
  throw new StatementError(`a ${providerName} "${table.table}" table is neither a transactions nor a holdings table.`, {
    code: 'not_supported',
    location: 'preamble, line "Table"',
  });
}

/** The provider the preamble names must be the parser's own. */
export function requireProvider(table: PageTable, provider: string, providerName: string): void {
  if (table.provider !== provider) {
    throw new StatementError(`this table was captured from ${table.provider || 'an unnamed provider'}, not ${providerName}.`, {
      location: 'preamble, line "Provider"',
    });
  }
}
