import { afterEach, describe, expect, it } from 'vitest';
import { findStatementSources } from '../find-statement-sources';
import { loadSavedPage } from '../saved-page.test-support';
import { swissborgCapture } from './swissborg-capture';

const now = new Date('2026-11-22T10:00:00Z');

describe('SwissBorg account-statement page', () => {
  let close = async () => {};
  afterEach(() => close());

  it('finds the CSV and XLSX statement downloads, skips the help-centre PDF on another site, and reads the history grid', () => {
    const page = loadSavedPage('swissborg');
    close = page.close;
    const sources = findStatementSources(page.document, { provider: swissborgCapture, pageUrl: page.url, now });

    expect(sources.filter((s) => s.kind === 'file')).toEqual([
      {
        kind: 'file',
        url: 'https://app.swissborg.com/api/v2/reports/account-statement?from=2021-01-01&to=2021-12-31&format=csv',
        filename: 'SwissBorg_Account_statement_2021.csv',
        mediaType: 'text/csv',
        label: 'Download CSV',
      },
      {
        kind: 'file',
        url: 'https://app.swissborg.com/api/v2/reports/account-statement?from=2021-01-01&to=2021-12-31&format=xlsx',
        filename: 'SwissBorg_Account_statement_2021.xlsx',
        mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        label: 'Download Excel',
      },
    ]);
    expect(sources.filter((s) => s.kind === 'skipped')).toEqual([
      {
        kind: 'skipped',
        url: 'https://help.swissborg.com/hc/en-gb/statement-guide.pdf',
        label: 'How to read your statement (PDF)',
        reason: 'It is on another site (help.swissborg.com); only files from app.swissborg.com are read, with your session there.',
      },
    ]);

    const tables = sources.filter((s) => s.kind === 'table');
    expect(tables).toHaveLength(1);
    expect(tables[0]).toMatchObject({ label: 'Transaction history', filename: 'swissborg-transactions-2026-11-22.csv', rowCount: 4 });
    // Rows as in account-statement.csv (Time in UTC, Type, Currency, Gross, Fee, Net).
    expect(tables[0]?.kind === 'table' && tables[0].csv.split('\r\n\r\n')[1]).toBe(
      [
        'Time in UTC,Type,Currency,Gross amount,Fee,Net amount',
        '01/01/2021 00:00,Deposit,CHF,100000,0,100000',
        '01/01/2021 00:00,Earnings,CHSB,300,0,300',
        '01/01/2021 00:00,Sell,CHF,100,0,100',
        '01/01/2021 00:00,Buy,GRT,100,1,99',
        '',
      ].join('\r\n'),
    );
  });

  it('a statement link added as a blob: or data: URL is taken; an unnamed blob is not', () => {
    const page = loadSavedPage('swissborg');
    close = page.close;
    const actions = page.document.querySelector('.sc-actions-88e');
    actions?.insertAdjacentHTML(
      'beforeend',
      '<a href="blob:https://app.swissborg.com/0b6e" download="statement.pdf">PDF</a>' +
        '<a href="blob:https://app.swissborg.com/ffff">Preview</a>' +
        '<a href="data:text/csv;base64,YSxiDQo=">Inline CSV</a>',
    );
    const files = findStatementSources(page.document, { provider: swissborgCapture, pageUrl: page.url, now }).filter((s) => s.kind === 'file');
    expect(files.map((f) => [f.url, f.filename, f.mediaType])).toEqual([
      [
        'https://app.swissborg.com/api/v2/reports/account-statement?from=2021-01-01&to=2021-12-31&format=csv',
        'SwissBorg_Account_statement_2021.csv',
        'text/csv',
      ],
      [
        'https://app.swissborg.com/api/v2/reports/account-statement?from=2021-01-01&to=2021-12-31&format=xlsx',
        'SwissBorg_Account_statement_2021.xlsx',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      ],
      ['blob:https://app.swissborg.com/0b6e', 'statement.pdf', 'application/pdf'],
      ['data:text/csv;base64,YSxiDQo=', 'swissborg-document.csv', 'text/csv'],
    ]);
  });
});
