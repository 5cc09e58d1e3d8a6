import { afterEach, describe, expect, it } from 'vitest';
import { findStatementSources } from '../find-statement-sources';
import { loadSavedPage } from '../saved-page.test-support';
import { franklyCapture } from './frankly-capture';

const now = new Date('2026-11-22T10:00:00Z');

describe('frankly Briefkasten', () => {
  let close = async () => {};
  afterEach(() => close());

  it('finds each PDF in the mailbox once (the copy links the same document), the holdings and the transactions table', () => {
    const page = loadSavedPage('frankly');
    close = page.close;
    // What the page's script does once the newest document is loaded.
    page.document.getElementById('newest')?.setAttribute('href', 'blob:https://app.frankly.ch/5d0c4f1e');
    const sources = findStatementSources(page.document, { provider: franklyCapture, pageUrl: page.url, now });
    expect(sources.filter((s) => s.kind === 'file')).toEqual([
      {
        kind: 'file',
        url: 'https://app.frankly.ch/api/documents/7f3a9c/content',
        filename: 'frankly-content.pdf',
        mediaType: 'application/pdf',
        label: 'Abrechnung Ausgabe · 28.12.2023',
      },
      {
        kind: 'file',
        url: 'blob:https://app.frankly.ch/5d0c4f1e',
        filename: 'Ausschuettung.pdf',
        mediaType: 'application/pdf',
        label: 'Ausschüttung · wird geladen …',
      },
      {
        kind: 'file',
        url: 'https://app.frankly.ch/api/documents/c4e810/content',
        filename: 'frankly-content.pdf',
        mediaType: 'application/pdf',
        label: 'Vermögensausweis per 31.12.2023',
      },
    ]);
    const tables = sources.filter((s) => s.kind === 'table');
    expect(tables).toHaveLength(2);
    expect(tables[0]).toMatchObject({ label: 'Deine Anlagen', filename: 'frankly-holdings-2026-11-22.csv', rowCount: 1 });
    // The table after the document's preamble (page-table-document.ts).
    expect(tables[0]?.kind === 'table' && tables[0].csv.split('\r\n\r\n')[1]).toBe(
      'Fonds,Valor / ISIN,Anteile,Kurs (CHF),Wert (CHF)\r\nSwisscanto (CH) IPF III Vorsorge Fonds 95 Passiv NT,51215778 / CH0512157782,0.645,154.8362,99.87\r\n',
    );
    expect(tables[1]).toMatchObject({ label: 'Transaktionen', filename: 'frankly-transactions-2026-11-22.csv', rowCount: 2 });
    expect(tables[1]?.kind === 'table' && tables[1].csv.split('\r\n\r\n')[1]).toBe(
      [
        'Datum,Transaktion,Fonds,Anteile,Kurs (CHF),Betrag (CHF)',
        '28.12.2023,Kauf,Swisscanto (CH) IPF III Vorsorge Fonds 95 Passiv NT CH0512157782,0.645,154.9731,−99.96',
        '22.12.2023,Einzahlung,,,,100.00',
        '',
      ].join('\r\n'),
    );
  });

  it('before the app has loaded the newest document, its link has no URL and is not taken', () => {
    const page = loadSavedPage('frankly');
    close = page.close;
    const files = findStatementSources(page.document, { provider: franklyCapture, pageUrl: page.url, now }).filter((s) => s.kind === 'file');
    expect(files.map((f) => f.url)).toEqual(['https://app.frankly.ch/api/documents/7f3a9c/content', 'https://app.frankly.ch/api/documents/c4e810/content']);
  });
});
