import { afterEach, describe, expect, it } from 'vitest';
import { findStatementSources } from '../find-statement-sources';
import { loadSavedPage } from '../saved-page.test-support';
import { finpensionCapture } from './finpension-capture';

const now = new Date('2026-11-22T10:00:00Z');

describe('Finpension transactions tab', () => {
  let close = async () => {};
  afterEach(() => close());

  it('finds the Export button’s endpoint (no file extension) and the transactions table', () => {
    const page = loadSavedPage('finpension');
    close = page.close;
    const sources = findStatementSources(page.document, { provider: finpensionCapture, pageUrl: page.url, now });
    expect(sources.filter((s) => s.kind !== 'table')).toEqual([
      {
        kind: 'file',
        url: 'https://app.finpension.ch/api/v1/portfolios/1/transactions/export',
        filename: 'finpension-export',
        mediaType: null,
        label: 'Export',
      },
    ]);
    const [table, ...more] = sources.filter((s) => s.kind === 'table');
    expect(more).toEqual([]);
    expect(table).toMatchObject({ filename: 'finpension-transactions-2026-11-22.csv', rowCount: 3, label: 'the transactions table' });
    expect(table?.kind === 'table' && table.csv.split('\r\n\r\n')[1]?.split('\r\n')).toEqual([
      'Date,Category,Asset Name,ISIN,Number of Shares,Cash Flow,Balance',
      '2023-11-07,Interests,,,,0.45,200.99',
      '2023-10-07,Flat-rate administrative fee,,,,-1.32,15.16',
      '2023-07-11,Buy,CSIF (CH) Bond Corporate Global ex CHF Blue ZBH,CH0189956813,0.001000,-0.82,16.48',
      '',
    ]);
  });

  it('ignores navigation links that are not documents', () => {
    const page = loadSavedPage('finpension');
    close = page.close;
    const urls = findStatementSources(page.document, { provider: finpensionCapture, pageUrl: page.url, now }).map((s) => ('url' in s ? s.url : s.filename));
    expect(urls).not.toContain('https://app.finpension.ch/documents/transactions');
    expect(urls).not.toContain('https://app.finpension.ch/portfolio/3a/1/overview');
  });
});
