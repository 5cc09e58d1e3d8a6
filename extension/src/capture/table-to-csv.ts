/**
 * A table shown on a page, as rows of cell texts, and its CSV (RFC 4180: comma separated,
 * CRLF line ends, fields with a comma, quote or line break quoted, quotes doubled).
 * Works on `<table>` and on the ARIA grids single-page apps draw with `<div role=…>`.
 */
export interface PageTable {
  headers: string[];
  rows: string[][];
  /** The table's caption, aria-label or nearest heading, if any. */
  title: string | null;
}

/** Elements that start a line of their own: their words do not run into the neighbours'. */
const LINE_BREAKING = new Set(['BR', 'DIV', 'P', 'LI', 'UL', 'OL', 'SECTION', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6']);

/** The words of a node, with a space where a line break or block separates them. */
function wordsOf(node: Node): string {
  if (node.nodeType === 3) return node.nodeValue ?? '';
  if (node.nodeType !== 1) return '';
  const inner = [...node.childNodes].map(wordsOf).join('');
  return LINE_BREAKING.has((node as Element).tagName) ? ` ${inner} ` : inner;
}

/** Text of a cell as a person reads it: two lines in a cell stay two words; whitespace collapsed, trimmed. */
function cellText(cell: Element): string {
  // `data-value` is where apps keep the unformatted number when the text is abbreviated.
  const raw = cell.getAttribute('data-value') ?? [...cell.childNodes].map(wordsOf).join('');
  return raw.replace(/\s+/g, ' ').trim();
}

function titleOf(table: Element): string | null {
  const caption = table.querySelector('caption')?.textContent;
  const label = table.getAttribute('aria-label') ?? caption;
  if (label?.trim()) return label.trim();
  const labelledBy = table.getAttribute('aria-labelledby');
  const labelled = labelledBy ? table.ownerDocument.getElementById(labelledBy)?.textContent : null;
  return labelled?.trim() || null;
}

export function readTable(table: Element): PageTable {
  const isAria = table.tagName !== 'TABLE';
  const rowSelector = isAria ? '[role="row"]' : 'tr';
  const headerSelector = isAria ? '[role="columnheader"]' : 'th';
  const cellSelector = isAria ? '[role="cell"], [role="gridcell"], [role="rowheader"]' : 'td, th';
  const allRows = [...table.querySelectorAll(rowSelector)].filter((row) => row.closest(isAria ? '[role="table"], [role="grid"]' : 'table') === table);
  let headers: string[] = [];
  const rows: string[][] = [];
  for (const row of allRows) {
    const headerCells = [...row.querySelectorAll(headerSelector)];
    const isHeaderRow = headers.length === 0 && headerCells.length > 0 && (isAria || row.querySelector('td') === null);
    if (isHeaderRow) {
      headers = headerCells.map(cellText);
      continue;
    }
    const cells = [...row.querySelectorAll(cellSelector)].map(cellText);
    if (cells.some((c) => c !== '')) rows.push(cells);
  }
  return { headers, rows, title: titleOf(table) };
}

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function tableToCsv(table: PageTable): string {
  const lines = [table.headers, ...table.rows].map((row) => row.map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
