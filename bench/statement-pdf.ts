import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { franklyZkbParser } from '../companion/src/ingest/parsers/frankly-zkb/frankly-zkb-parser.js';
import { extractRawPdfTextItems } from '../companion/src/ingest/parsers/pdf/pdf-lines.js';
import { buildStatementPdf } from '../companion/src/ingest/parsers/pdf/statement-pdf.js';
import { createStatementInput } from '../companion/src/ingest/parsers/statement-input.js';
import type { BenchResult } from './report.js';

const PAGES = 200;
const LINES_PER_PAGE = 60;
const companionDir = join(import.meta.dirname, '../companion');

/** A frankly advice on page 1, then 199 pages of execution lines, laid out like the bank's. */
async function generateStatement(pages: number): Promise<Uint8Array> {
  const advice = readFileSync(join(companionDir, 'test/fixtures/frankly-zkb/Kauf05.txt'), 'utf8').split(/\r?\n/).slice(3);
  const annex: string[][] = [];
  for (let p = 1; p < pages; p++) {
    const lines = [`Abschlüsse mit Zeitangaben in Klammer, Seite ${p + 1}`];
    for (let i = 1; i < LINES_PER_PAGE; i++)
      lines.push(
        `${(p * 7 + i) % 97}.${String(i).padStart(3, '0')} zu 154.${String((p + i) % 10000).padStart(4, '0')} ${(p * 13 + i) % 900}.${String(i % 100).padStart(2, '0')}`,
      );
    annex.push(lines);
  }
  return buildStatementPdf([advice, ...annex]);
}

/**
 * A generated 200-page statement PDF, parsed through the full frankly/ZKB parser (pdfjs →
 * positioned text → lines → advice → records) and, in the same run, only extracted by
 * pdfjs-dist. The ratio is full-parser pages/s ÷ raw-extraction pages/s: how much of
 * pdfjs's speed survives our own line building and parsing.
 */
export async function benchStatementPdf(pages = PAGES): Promise<BenchResult> {
  const pdf = await generateStatement(pages);
  // Warm-up: pdfjs's first document pays for module and font loading.
  await extractRawPdfTextItems(await generateStatement(2));

  // Alternating rounds, best of each: JIT warm-up and GC then favour neither side.
  let rawSeconds = Number.POSITIVE_INFINITY;
  let fullSeconds = Number.POSITIVE_INFINITY;
  let items = 0;
  for (let round = 0; round < 2; round++) {
    let start = performance.now();
    items = await extractRawPdfTextItems(pdf);
    rawSeconds = Math.min(rawSeconds, (performance.now() - start) / 1000);

    start = performance.now();
    const input = createStatementInput({ filename: 'statement.pdf', mediaType: 'application/pdf', bytes: pdf }, 'pdf');
    const statement = await franklyZkbParser.parse(input);
    fullSeconds = Math.min(fullSeconds, (performance.now() - start) / 1000);
    if (statement.activities.length !== 1 || statement.activities[0]!.quantity !== '0.645')
      throw new Error('the generated statement did not parse to its advice');
  }

  const rawRate = pages / rawSeconds;
  const fullRate = pages / fullSeconds;
  return {
    name: 'statement-pdf',
    description: `${pages}-page statement PDF (${(pdf.length / 1024).toFixed(0)} KiB, ${items} text items): full parser vs raw pdfjs-dist extraction`,
    figures: [
      { label: 'raw pdfjs-dist extraction', value: `${rawRate.toFixed(1)} pages/s` },
      { label: 'full parser (lines + advice)', value: `${fullRate.toFixed(1)} pages/s` },
    ],
    ratio: fullRate / rawRate,
    target: { ratioAtLeast: 0.7 },
  };
}
