import { describe, expect, it } from 'vitest';
import { fetchStatementSource, filenameFromDisposition } from './fetch-statement-source';

const source = {
  kind: 'file',
  url: 'https://app.finpension.ch/api/v1/portfolios/1/transactions/export',
  filename: 'finpension-export',
  mediaType: null,
  label: 'Export',
} as const;

describe('fetchStatementSource', () => {
  it('names the file from Content-Disposition (RFC 6266 filename* first) and types it from Content-Type', async () => {
    const file = await fetchStatementSource(
      source,
      async () =>
        new Response('a;b\r\n', {
          headers: {
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': 'attachment; filename="x.csv"; filename*=UTF-8\'\'Bericht%20M%C3%A4rz.csv',
          },
        }),
    );
    expect(file).toEqual({ filename: 'Bericht März.csv', mediaType: 'text/csv', contentBase64: btoa('a;b\r\n'), sizeBytes: 5 });
  });
  it('adds the extension the media type implies when neither the link nor the server named the file', async () => {
    const file = await fetchStatementSource(source, async () => new Response('%PDF-1.7', { headers: { 'content-type': 'application/pdf' } }));
    expect(file.filename).toBe('finpension-export.pdf');
  });
  it('explains an expired session, an HTTP error and an oversize file in words', async () => {
    await expect(fetchStatementSource(source, async () => new Response('no', { status: 401 }))).rejects.toThrow(
      'Could not read “Export”: the server answered HTTP 401. You may have been logged out: log in again and capture once more.',
    );
    await expect(fetchStatementSource(source, async () => new Response('x', { headers: { 'content-length': String(30 * 1024 * 1024) } }))).rejects.toThrow(
      '“Export” is 30.0 MiB; the companion takes 25 MiB at most. Export a shorter period.',
    );
  });
  it('keeps only the last path segment of a server-sent name', () => {
    expect(filenameFromDisposition('attachment; filename="../../etc/passwd"')).toBe('passwd');
    expect(filenameFromDisposition('inline')).toBeNull();
  });
});
