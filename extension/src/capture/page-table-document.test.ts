import { afterEach, describe, expect, it } from 'vitest';
import type { CaptureProvider } from './capture-provider';
import { findStatementSources } from './find-statement-sources';
import { pageTableDocument } from './page-table-document';
import { captureProvider } from './providers';
import { loadSavedPage } from './saved-page.test-support';

const now = new Date('2026-11-22T10:00:00Z');

describe('a captured table as a document', () => {
  it('says what it is before the table: provider, table, title, page without query, capture day', () => {
    const text = pageTableDocument({
      provider: captureProvider('frankly'),
      table: 'holdings',
      content: { headers: ['Fonds', 'Wert (CHF)'], rows: [['A, "B"', "1'000.00"]], title: 'Deine Anlagen' },
      title: 'Deine Anlagen',
      pageUrl: 'https://app.frankly.ch/overview?session=secret#top',
      capturedOn: '2026-11-22',
    });
    expect(text.split('\r\n')).toEqual([
      'Omnifolio page table,1',
      // The companion's id: frankly's documents are read by its Zürcher Kantonalbank parsers.
      'Provider,frankly-zkb',
      'Table,holdings',
      'Title,Deine Anlagen',
      'Page,https://app.frankly.ch/overview',
      'Captured on,2026-11-22',
      '',
      'Fonds,Wert (CHF)',
      `"A, ""B""",1'000.00`,
      '',
    ]);
  });
});

/**
 * The tables of every saved provider page, as the capture hands them over. The companion's
 * page-table parser tests read these same files (companion/test/fixtures/page-tables/), so
 * a change on either side shows here: run `npx vitest run -u src/capture` to write them anew.
 */
describe('the saved pages’ tables are the companion’s page-table fixtures', () => {
  let close = async () => {};
  afterEach(() => close());
  const pages: [Parameters<typeof loadSavedPage>[0], string, CaptureProvider['id']][] = [
    ['swissborg', '/profile/account-statement', 'swissborg'],
    ['swissborg', '/portfolio', 'swissborg'],
    ['finpension', '/portfolio/3a/1/transactions', 'finpension'],
    ['finpension', '/portfolio/3a/1/overview', 'finpension'],
    ['frankly', '/briefkasten', 'frankly'],
  ];
  for (const [site, path, provider] of pages) {
    it(`${site} ${path}`, async () => {
      const page = loadSavedPage(site, path);
      close = page.close;
      const tables = findStatementSources(page.document, { provider: captureProvider(provider), pageUrl: page.url, now }).filter((s) => s.kind === 'table');
      expect(tables.length).toBeGreaterThan(0);
      for (const table of tables) {
        await expect(table.csv).toMatchFileSnapshot(`../../../companion/test/fixtures/page-tables/${table.filename.replace('-2026-11-22', '')}`);
      }
    });
  }
});
