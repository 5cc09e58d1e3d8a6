import { Decimal, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord, ActivityType } from '@omnifolio/shared/schemas';
import { guessDelimiter, readCsv } from '../csv/read-csv.js';
import { StatementError } from '../statement-error.js';
import { emptyStatement, type ParsedStatement, type StatementParser } from '../types.js';
import type { CsvMapping } from './csv-mapping.js';

export const CSV_TEMPLATE_PREFIX = 'csv-template:';

function parseDate(text: string, format: CsvMapping['dateFormat']): string | null {
  const t = text.trim();
  let y: string | undefined;
  let m: string | undefined;
  let d: string | undefined;
  let time = '00:00:00';
  const withTime = /^(.*?)[ T](\d{2}:\d{2}(?::\d{2})?)/.exec(t);
  const date = withTime ? withTime[1]! : t;
  if (withTime) time = withTime[2]!.length === 5 ? `${withTime[2]}:00` : withTime[2]!;
  if (format === 'ISO') {
    const ms = Date.parse(t);
    return Number.isNaN(ms) ? null : new Date(ms).toISOString();
  }
  const parts = date.split(/[-./]/);
  if (parts.length !== 3) return null;
  if (format === 'YYYY-MM-DD') [y, m, d] = parts;
  else if (format === 'MM/DD/YYYY') [m, d, y] = parts;
  else [d, m, y] = parts;
  if (!/^\d{4}$/.test(y ?? '') || !/^\d{1,2}$/.test(m ?? '') || !/^\d{1,2}$/.test(d ?? '')) return null;
  const iso = `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}T${time}.000Z`;
  const parsed = new Date(iso);
  return Number.isNaN(parsed.getTime()) || parsed.toISOString() !== iso ? null : iso;
}

function parseAmount(text: string, separator: CsvMapping['decimalSeparator']): string | null {
  let t = text.trim().replace(/\s|['’]/g, '');
  if (separator === ',') t = t.replace(/\./g, '').replace(',', '.');
  else t = t.replace(/,/g, '');
  return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t) ? toDecimalString(new Decimal(t)) : null;
}

/**
 * The fallback for any provider: a CSV read through a saved column mapping. Each template
 * is its own parser (`csv-template:<id>`), and its rows go to one account of that
 * template's statement connection.
 */
export function createGenericCsvParser(template: { id: string; name: string; mapping: CsvMapping; updatedAt: string }): StatementParser {
  const { mapping } = template;
  const wanted = Object.values(mapping.columns).filter((c): c is string => !!c);
  const headerOf = (rows: string[][]) => rows[mapping.headerRow - 1]?.map((c) => c.trim()) ?? [];
  const rowsOf = (text: string) => {
    const lines = text.split(/\r?\n/);
    return readCsv(text, mapping.delimiter ?? guessDelimiter(lines[mapping.headerRow - 1] ?? ''), 'the file');
  };
  return {
    id: `${CSV_TEMPLATE_PREFIX}${template.id}`,
    name: `CSV template "${template.name}"`,
    // A changed mapping is a new parser version: reprocessing picks it up.
    version: template.updatedAt,
    formats: ['csv'],
    async detect(input) {
      const text = await input.text();
      const head = text.split(/\r?\n/).slice(0, mapping.headerRow).join('\n');
      const header = headerOf(rowsOf(head));
      return wanted.every((c) => header.includes(c));
    },
    async parse(input): Promise<ParsedStatement> {
      const rows = rowsOf(await input.text());
      const header = headerOf(rows);
      const missing = wanted.filter((c) => !header.includes(c));
      if (missing.length > 0) {
        throw new StatementError(`${input.filename} has no column ${missing.map((c) => `"${c}"`).join(', ')} that the template "${template.name}" maps.`, {
          code: 'layout_changed',
          location: `row ${mapping.headerRow}`,
          hints: ['Check the header row number and column names of the template, or create a template for this layout.'],
        });
      }
      const at = (name: string | undefined) => (name ? header.indexOf(name) : -1);
      const out = emptyStatement();
      const accountKey = 'main';
      out.accounts.push({ key: accountKey, type: mapping.accountType, name: template.name, baseCurrency: mapping.currency });
      for (let i = mapping.headerRow; i < rows.length; i++) {
        const cells = rows[i]!;
        const line = i + 1;
        if (cells.every((c) => c.trim() === '')) continue;
        const cell = (name: string | undefined) => (name ? (cells[at(name)] ?? '').trim() : '');
        const loc = (name: string) => `row ${line}, column ${name}`;
        if (cells.length < header.length && cells.length <= Math.max(...wanted.map(at))) {
          throw new StatementError(`the row has ${cells.length} of ${header.length} columns; the file looks cut off.`, { location: `row ${line}` });
        }
        const executedAt = parseDate(cell(mapping.columns.date), mapping.dateFormat);
        if (!executedAt)
          throw new StatementError(`"${cell(mapping.columns.date)}" is not a date in the format ${mapping.dateFormat}.`, {
            location: loc(mapping.columns.date),
          });
        const amount = parseAmount(cell(mapping.columns.quantity), mapping.decimalSeparator);
        if (amount === null) throw new StatementError(`"${cell(mapping.columns.quantity)}" is not a number.`, { location: loc(mapping.columns.quantity) });
        const number = (name: string | undefined) => {
          if (!name || cell(name) === '') return null;
          const v = parseAmount(cell(name), mapping.decimalSeparator);
          if (v === null) throw new StatementError(`"${cell(name)}" is not a number.`, { location: loc(name) });
          return v;
        };
        const asset = (cell(mapping.columns.asset) || mapping.asset || mapping.currency).toUpperCase();
        const rawType = cell(mapping.columns.type);
        const signed = new Decimal(amount);
        let type: ActivityType | undefined = rawType ? mapping.typeMap[rawType] : undefined;
        if (!type && rawType && mapping.columns.type && Object.keys(mapping.typeMap).length > 0) {
          throw new StatementError(`the type "${rawType}" is not in the template's type map.`, {
            location: loc(mapping.columns.type),
            hints: ['Add it to the template’s typeMap and reprocess.'],
          });
        }
        type ??= signed.isNegative() ? 'withdrawal' : 'deposit';
        const fee = number(mapping.columns.fee);
        const activity: ActivityRecord = {
          accountKey,
          providerRef: '',
          type,
          executedAt,
          asset,
          quantity: toDecimalString(signed.abs()),
          quoteAsset: cell(mapping.columns.quoteAsset) || (mapping.columns.price ? mapping.currency : null),
          price: number(mapping.columns.price),
          fee: fee === null ? null : toDecimalString(new Decimal(fee).abs()),
          feeAsset: fee === null ? null : cell(mapping.columns.feeAsset) || mapping.currency,
          raw: { line, cells: Object.fromEntries(header.map((h, c) => [h, cells[c] ?? ''])) },
        };
        out.activities.push(activity);
      }
      out.statementDate =
        out.activities
          .map((a) => a.executedAt.slice(0, 10))
          .sort()
          .at(-1) ?? null;
      return out;
    },
  } satisfies StatementParser;
}
