import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { StatementError } from '../statement-error.js';

/** Text items whose baselines differ by less than this (PDF units) belong to one line. */
const SAME_LINE_TOLERANCE = 2;

interface PositionedText {
  str: string;
  x: number;
  y: number;
  width: number;
}

let standardFontDataUrl: string | undefined;
function fontDataUrl(): string {
  // pdfjs needs the standard fonts for PDFs that do not embed theirs (most bank letters).
  standardFontDataUrl ??= `${pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts')).href}/`;
  return standardFontDataUrl;
}

/**
 * A PDF's text as lines, page by page: pdfjs-dist gives positioned text items; items on one
 * baseline (y within a tolerance) are one line, sorted left to right and joined by a space
 * where there is a gap. Pages are separated by a line `\f`. pdfjs is loaded lazily: it
 * costs start-up time and memory that only PDF statements need.
 */
export async function extractPdfLines(bytes: Uint8Array, filename = 'the PDF'): Promise<{ lines: string[]; pages: number }> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let doc: Awaited<ReturnType<typeof getDocument>['promise']>;
  try {
    // pdfjs takes ownership of (and detaches) the buffer it is given: pass a copy.
    doc = await getDocument({ data: new Uint8Array(bytes), standardFontDataUrl: fontDataUrl(), isEvalSupported: false, verbosity: 0 }).promise;
  } catch (error) {
    throw new StatementError(`${filename} is not a readable PDF (${error instanceof Error ? error.message : String(error)}).`, {
      location: 'file header',
      hints: ['The file may be truncated or not a PDF at all. Download the statement again and upload the new file.'],
      cause: error,
    });
  }
  try {
    const lines: string[] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      if (p > 1) lines.push('\f');
      let content: Awaited<ReturnType<Awaited<ReturnType<typeof doc.getPage>>['getTextContent']>>;
      try {
        const page = await doc.getPage(p);
        content = await page.getTextContent();
        page.cleanup();
      } catch (error) {
        throw new StatementError(`Page ${p} of ${filename} cannot be read (${error instanceof Error ? error.message : String(error)}).`, {
          location: `page ${p}`,
          hints: ['The file may be damaged. Download the statement again and upload the new file.'],
          cause: error,
        });
      }
      const items: PositionedText[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str.length === 0) continue;
        items.push({ str: item.str, x: item.transform[4] as number, y: item.transform[5] as number, width: item.width });
      }
      lines.push(...groupIntoLines(items));
    }
    return { lines, pages: doc.numPages };
  } finally {
    await doc.destroy();
  }
}

/** Top to bottom (PDF y grows upwards), then left to right within a line. */
export function groupIntoLines(items: PositionedText[]): string[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: PositionedText[][] = [];
  for (const item of sorted) {
    const row = rows.at(-1);
    if (row && Math.abs(row[0]!.y - item.y) < SAME_LINE_TOLERANCE) row.push(item);
    else rows.push([item]);
  }
  return rows
    .map((row) => {
      row.sort((a, b) => a.x - b.x);
      let text = '';
      let end = Number.NEGATIVE_INFINITY;
      for (const item of row) {
        // A visible gap means separate words or columns; pdfjs also emits its own spaces.
        if (text && item.x - end > 0.5 && !text.endsWith(' ') && !item.str.startsWith(' ')) text += ' ';
        text += item.str;
        end = item.x + item.width;
      }
      return text.replace(/\s+/g, ' ').trim();
    })
    .filter((line) => line.length > 0);
}

/**
 * pdfjs-dist's text extraction alone (every page's text items, no line building): the floor
 * the statement benchmark measures the full parser against. Returns the number of items.
 */
export async function extractRawPdfTextItems(bytes: Uint8Array): Promise<number> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(bytes), standardFontDataUrl: fontDataUrl(), isEvalSupported: false, verbosity: 0 }).promise;
  try {
    let items = 0;
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      items += (await page.getTextContent()).items.length;
      page.cleanup();
    }
    return items;
  } finally {
    await doc.destroy();
  }
}
