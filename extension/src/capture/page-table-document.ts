import type { CaptureProvider } from './capture-provider';
import { csvField, type PageTable, tableToCsv } from './table-to-csv';

/** The first cell of a captured table document; the companion's page-table parsers look for it. */
export const PAGE_TABLE_MARKER = 'Omnifolio page table';

export interface PageTableDocumentParameters {
  provider: CaptureProvider;
  /** The capture rule's label: `transactions` or `holdings`. */
  table: string;
  content: PageTable;
  /** What the person knows the table as (its caption or heading). */
  title: string;
  pageUrl: string;
  /** The day of the capture, `YYYY-MM-DD`: the valuation date of the holdings the table shows. */
  capturedOn: string;
}

/**
 * A table from a provider's page as the document the companion stores and parses
 * (companion/src/ingest/parsers/page-table/page-table.ts reads it): a preamble saying what it
 * is (provider, which table, its title, the page without query or fragment, the capture
 * day), a blank line, then the table as CSV with the page's own headers. Same table on the
 * same day: the same bytes, so capturing again stores nothing twice.
 */
export function pageTableDocument(p: PageTableDocumentParameters): string {
  const page = new URL(p.pageUrl);
  const preamble = [
    [PAGE_TABLE_MARKER, '1'],
    ['Provider', p.provider.companionProviderId],
    ['Table', p.table],
    ['Title', p.title],
    ['Page', `${page.origin}${page.pathname}`],
    ['Captured on', p.capturedOn],
  ];
  return `${preamble.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n\r\n${tableToCsv(p.content)}`;
}
