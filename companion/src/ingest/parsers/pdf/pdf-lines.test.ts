import { describe, expect, it } from 'vitest';
import { StatementError } from '../statement-error.js';
import { extractPdfLines, groupIntoLines } from './pdf-lines.js';
import { buildStatementPdf } from './statement-pdf.js';

describe('PDF → lines (pdfjs-dist)', () => {
  it('rebuilds lines from positioned cells, page by page', async () => {
    const pdf = await buildStatementPdf([
      ['Stück CHF CHF', '0.645 zu 154.9731 99.96', "Total zu Ihren Lasten Valuta 04.01.2024 1'099.96"],
      ['Zürich, 29. Februar 2020'],
    ]);
    const { lines, pages } = await extractPdfLines(pdf);
    expect(pages).toBe(2);
    expect(lines).toEqual(['Stück CHF CHF', '0.645 zu 154.9731 99.96', "Total zu Ihren Lasten Valuta 04.01.2024 1'099.96", '\f', 'Zürich, 29. Februar 2020']);
  });

  it('groups items on one baseline left to right, top line first', () => {
    const items = [
      { str: '99.96', x: 500, y: 700.4, width: 20 },
      { str: 'Total', x: 60, y: 700, width: 20 },
      { str: 'Title', x: 60, y: 720, width: 20 },
    ];
    expect(groupIntoLines(items)).toEqual(['Title', 'Total 99.96']);
  });

  it('turns a file that is not a PDF into a StatementError', async () => {
    const error = await extractPdfLines(new TextEncoder().encode('%PDF-1.7\nthis is not a pdf'), 'broken.pdf').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StatementError);
    expect((error as StatementError).shortMessage).toMatch(/broken\.pdf is not a readable PDF/);
  });
});
