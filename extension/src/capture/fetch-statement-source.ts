import { bytesToBase64 } from './base64';
import { extensionForMediaType, type FileSource, mediaTypeForFilename, type TableSource } from './find-statement-sources';

/** A file read from the page, ready for the companion's `POST /api/documents`. */
export interface CapturedFile {
  filename: string;
  mediaType: string;
  contentBase64: string;
  sizeBytes: number;
}

/** The companion takes 25 MiB at most; larger files are refused here, before reading on. */
export const MAX_DOCUMENT_BYTES = 25 * 1024 * 1024;

export class CaptureFetchError extends Error {
  override name = 'CaptureFetchError';
}

/**
 * Reads one source with the page's own session: the content script's fetch is same-origin
 * with the provider's app, so `credentials: 'include'` sends the person's login cookies.
 * An HTML answer where a document was expected is the login page: the session ended.
 */
export async function fetchStatementSource(source: FileSource | TableSource, fetchImpl: typeof fetch = fetch): Promise<CapturedFile> {
  if (source.kind === 'table') {
    const bytes = new TextEncoder().encode(source.csv);
    return { filename: source.filename, mediaType: source.mediaType, contentBase64: bytesToBase64(bytes), sizeBytes: bytes.length };
  }
  let response: Response;
  try {
    response = await fetchImpl(source.url, { credentials: 'include' });
  } catch (cause) {
    throw new CaptureFetchError(`Could not read “${source.label}”: the page’s server did not answer (${String(cause)}).`);
  }
  if (!response.ok) {
    const hint = response.status === 401 || response.status === 403 ? ' You may have been logged out: log in again and capture once more.' : '';
    throw new CaptureFetchError(`Could not read “${source.label}”: the server answered HTTP ${response.status}.${hint}`);
  }
  const contentType = response.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() || null;
  if (contentType === 'text/html') {
    throw new CaptureFetchError(
      `“${source.label}” answered with a web page instead of a file: your session may have ended. Log in again and capture once more.`,
    );
  }
  const declaredLength = Number(response.headers.get('content-length') ?? '0');
  if (declaredLength > MAX_DOCUMENT_BYTES) throw tooLarge(source, declaredLength);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length > MAX_DOCUMENT_BYTES) throw tooLarge(source, bytes.length);
  if (bytes.length === 0) throw new CaptureFetchError(`“${source.label}” is empty: the server sent no bytes.`);

  const filename = filenameFromDisposition(response.headers.get('content-disposition')) ?? source.filename;
  const mediaType =
    (contentType && contentType !== 'application/octet-stream' && extensionForMediaType(contentType) ? contentType : null) ??
    source.mediaType ??
    mediaTypeForFilename(filename) ??
    contentType ??
    'application/octet-stream';
  const ext = extensionForMediaType(mediaType);
  const named = ext && !/\.[a-z0-9]{2,4}$/i.test(filename) ? `${filename}.${ext}` : filename;
  return { filename: named, mediaType, contentBase64: bytesToBase64(bytes), sizeBytes: bytes.length };
}

function tooLarge(source: FileSource, size: number): CaptureFetchError {
  return new CaptureFetchError(`“${source.label}” is ${(size / 1024 / 1024).toFixed(1)} MiB; the companion takes 25 MiB at most. Export a shorter period.`);
}

/** `attachment; filename="a.csv"` or RFC 6266 `filename*=UTF-8''a%20b.csv`. */
export function filenameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header)?.[1];
  if (extended) {
    try {
      return sanitize(decodeURIComponent(extended.trim()));
    } catch {
      // A broken percent-encoding: fall back to the plain parameter.
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/.exec(header);
  const name = plain?.[1] ?? plain?.[2];
  return name ? sanitize(name.trim()) : null;
}

function sanitize(name: string): string | null {
  const base = name.split(/[\\/]/).pop()?.trim() ?? '';
  return base === '' ? null : base.slice(0, 255);
}
