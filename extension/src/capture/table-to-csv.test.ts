import { describe, expect, it } from 'vitest';
import { tableToCsv } from './table-to-csv';

describe('tableToCsv', () => {
  it('quotes fields with commas, quotes and line breaks (RFC 4180) and ends every line with CRLF', () => {
    const csv = tableToCsv({
      headers: ['Name', 'Note'],
      rows: [
        ['A, B', 'say "hi"'],
        ['plain', 'two\nlines'],
      ],
      title: null,
    });
    expect(csv).toBe('Name,Note\r\n"A, B","say ""hi"""\r\nplain,"two\nlines"\r\n');
  });
});
