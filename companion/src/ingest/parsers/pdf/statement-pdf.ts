import { PDFDocument, StandardFonts } from 'pdf-lib';

/**
 * Builds a PDF that lays text out like a bank advice: labels on the left and amounts
 * right-aligned in a column, trade lines ("0.645 zu 154.9731 99.96") as separate cells, so
 * reading it back exercises the positioned-text → lines step. For tests and the benchmark
 * (pdf-lib is a dev dependency); pages are arrays of lines.
 */
export async function buildStatementPdf(pages: string[][]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const size = 9;
  for (const lines of pages) {
    const page = pdf.addPage([595, 842]);
    let y = 800;
    for (const line of lines) {
      const text = toWinAnsi(line);
      const trade = /^([\d'.]+) (zu) ([\d'.]+) ([\d'.]+)$/.exec(text);
      const amount = /^(.+?) (-?[\d']+\.\d{2})$/.exec(text);
      if (trade) {
        page.drawText(trade[1]!, { x: 60, y, size, font });
        page.drawText(`${trade[2]} ${trade[3]}`, { x: 140, y, size, font });
        page.drawText(trade[4]!, { x: 540 - font.widthOfTextAtSize(trade[4]!, size), y, size, font });
      } else if (amount) {
        page.drawText(amount[1]!, { x: 60, y, size, font });
        page.drawText(amount[2]!, { x: 540 - font.widthOfTextAtSize(amount[2]!, size), y, size, font });
      } else {
        page.drawText(text, { x: 60, y, size, font });
      }
      y -= 12;
      if (y < 40) break;
    }
  }
  return pdf.save();
}

/** The standard fonts speak WinAnsi; characters outside it are replaced, not dropped silently. */
function toWinAnsi(text: string): string {
  return text.replace(/[^\x20-\x7E\u00A0-\u00FF’‘“”–—…€]/g, '?');
}
