import { StatementError } from '../statement-error.js';
import type { SheetRows } from '../types.js';

/**
 * The cells of every worksheet as text. exceljs is loaded lazily (only XLSX needs it).
 * Dates become ISO strings, numbers their shortest decimal text, formulas their result.
 */
export async function readXlsxSheets(bytes: Uint8Array, filename = 'the workbook'): Promise<SheetRows[]> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (error) {
    throw new StatementError(`${filename} is not a readable XLSX workbook (${error instanceof Error ? error.message : String(error)}).`, {
      location: 'file',
      hints: ['The file may be truncated. Export the statement again as XLSX or CSV and upload the new file.'],
      cause: error,
    });
  }
  return workbook.worksheets.map((sheet) => {
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      const cells: string[] = [];
      for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
      rows[rowNumber - 1] = cells;
    });
    for (let i = 0; i < rows.length; i++) rows[i] ??= [];
    return { name: sheet.name, rows };
  });
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'object') {
    const v = value as { result?: unknown; text?: unknown; richText?: { text: string }[] };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if (v.result !== undefined) return cellText(v.result);
    if (typeof v.text === 'string') return v.text;
  }
  return String(value);
}
