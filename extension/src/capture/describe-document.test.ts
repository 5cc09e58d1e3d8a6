import type { DocumentView } from '@omnifolio/shared/api';
import { describe, expect, it } from 'vitest';
import { describeDocument } from './describe-document';

const base: DocumentView = {
  id: 'd1',
  sha256: '0'.repeat(64),
  providerId: 'finpension',
  source: 'extension',
  filename: 'a.csv',
  mediaType: 'text/csv',
  sizeBytes: 10,
  status: 'parsed',
  parserId: 'finpension',
  error: null,
  summary: { activities: 1, holdings: 2, statementDate: '2023-11-07', accounts: [] },
  duplicate: false,
  capturedAt: '2026-11-22T10:00:00Z',
  parsedAt: '2026-11-22T10:00:00Z',
};

describe('describeDocument', () => {
  it('says what a parse produced, in singular and plural, and marks a file already captured', () => {
    expect(describeDocument(base)).toBe('Parsed: 1 activity, 2 holdings as of 2023-11-07');
    expect(describeDocument({ ...base, duplicate: true })).toBe('Parsed: 1 activity, 2 holdings as of 2023-11-07 (already captured before; kept once)');
  });
  it('gives the reason and the place of a failure, and keeps an unrecognized file', () => {
    const error = { code: 'x', message: 'Amount is not a number', location: 'row 12, column amount', hints: [] };
    expect(describeDocument({ ...base, status: 'failed', error, summary: null })).toBe('Failed: Amount is not a number (row 12, column amount)');
    expect(describeDocument({ ...base, status: 'unrecognized', error: { ...error, message: 'No parser for this file.', location: null }, summary: null })).toBe(
      'Not recognized: No parser for this file. The file is kept',
    );
  });
});
