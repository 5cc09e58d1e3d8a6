import type { CaptureProvider, TableRule } from './capture-provider';
import { pageTableDocument } from './page-table-document';
import { type PageTable, readTable } from './table-to-csv';

/**
 * Finds what a capture can take from a provider's page: statement files behind links and
 * buttons (PDF, CSV, XLSX; `blob:` and `data:` URLs; the provider's export endpoints) and
 * the holdings and transactions tables the page shows. Pure DOM reading, no fetching, so it
 * runs in unit tests on saved pages exactly as in the content script.
 */
export type StatementSource = FileSource | TableSource | SkippedSource;

export interface FileSource {
  kind: 'file';
  url: string;
  /** A name from the link (`download` attribute, path) until the response names itself. */
  filename: string;
  /** From the URL or the link's `type`; the response's Content-Type wins when it has one. */
  mediaType: string | null;
  /** The link text, so the person sees which document this was. */
  label: string;
}

export interface TableSource {
  kind: 'table';
  label: string;
  filename: string;
  mediaType: 'text/csv';
  csv: string;
  rowCount: number;
}

/** Something found but not taken, with the reason shown to the person. */
export interface SkippedSource {
  kind: 'skipped';
  url: string;
  label: string;
  reason: string;
}

export const STATEMENT_MEDIA_TYPES = {
  pdf: 'application/pdf',
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

const EXTENSION_BY_MEDIA_TYPE: Record<string, string> = {
  'application/pdf': 'pdf',
  'text/csv': 'csv',
  'application/csv': 'csv',
  'text/comma-separated-values': 'csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.ms-excel': 'xls',
};

export function mediaTypeForFilename(name: string): string | null {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  if (ext === 'pdf' || ext === 'csv' || ext === 'xlsx') return STATEMENT_MEDIA_TYPES[ext];
  return null;
}

export function extensionForMediaType(mediaType: string): string | null {
  return EXTENSION_BY_MEDIA_TYPE[mediaType.toLowerCase()] ?? null;
}

export interface FindStatementSourcesOptions {
  provider: CaptureProvider;
  /** The page's URL: links resolve against it and only its origin is fetched. */
  pageUrl: string;
  /** Today, for the names of captured tables. */
  now: Date;
}

// Attributes where single-page apps keep a download URL on a button or row.
const URL_ATTRIBUTES = ['href', 'data-href', 'data-url', 'data-download-url', 'data-export-url', 'formaction', 'src', 'data'] as const;
const CANDIDATES =
  'a[href], area[href], [data-href], [data-url], [data-download-url], [data-export-url], button[formaction], embed[src], iframe[src], object[data]';

export function findStatementSources(root: Document, options: FindStatementSourcesOptions): StatementSource[] {
  const { provider, pageUrl } = options;
  const page = new URL(pageUrl);
  const sources: StatementSource[] = [];
  const seen = new Set<string>();

  for (const element of root.querySelectorAll(CANDIDATES)) {
    const raw = URL_ATTRIBUTES.map((name) => element.getAttribute(name)).find((value) => value !== null && value.trim() !== '');
    if (!raw) continue;
    let url: URL;
    try {
      url = new URL(raw.trim(), page);
    } catch {
      continue;
    }
    const label = labelOf(element);
    const declaredType = element.getAttribute('type')?.toLowerCase() ?? null;
    const download = element.getAttribute('download');
    const file = describeFile(url, { declaredType, download, provider, page });
    if (!file) continue;
    const key = url.href;
    if (seen.has(key)) continue;
    seen.add(key);
    if (url.protocol !== 'blob:' && url.protocol !== 'data:' && url.origin !== page.origin) {
      sources.push({
        kind: 'skipped',
        url: redactUrl(url),
        label,
        reason: `It is on another site (${url.host}); only files from ${page.host} are read, with your session there.`,
      });
      continue;
    }
    sources.push({ kind: 'file', url: url.href, filename: file.filename, mediaType: file.mediaType, label });
  }

  for (const table of findTables(root, provider, options.now, pageUrl)) sources.push(table);
  return sources;
}

function describeFile(
  url: URL,
  context: { declaredType: string | null; download: string | null; provider: CaptureProvider; page: URL },
): { filename: string; mediaType: string | null } | null {
  if (url.protocol === 'data:') {
    const mediaType = /^data:([^;,]+)/i.exec(url.href)?.[1]?.toLowerCase() ?? null;
    if (!mediaType || !extensionForMediaType(mediaType)) return null;
    return { filename: context.download || `${context.provider.id}-document.${extensionForMediaType(mediaType)}`, mediaType };
  }
  if (url.protocol === 'blob:') {
    // A blob link is a file the page built for download; only a named or typed one is a statement.
    const mediaType =
      (context.declaredType && extensionForMediaType(context.declaredType) ? context.declaredType : null) ??
      (context.download ? mediaTypeForFilename(context.download) : null);
    if (!mediaType && context.download === null) return null;
    return { filename: context.download || `${context.provider.id}-document`, mediaType };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const lastSegment = decodeURIComponent(url.pathname.split('/').pop() ?? '');
  const fromFormat = url.searchParams.get('format')?.toLowerCase();
  const byName = mediaTypeForFilename(context.download || lastSegment);
  const byType = context.declaredType && extensionForMediaType(context.declaredType) ? context.declaredType : null;
  const byFormat = fromFormat === 'pdf' || fromFormat === 'csv' || fromFormat === 'xlsx' ? STATEMENT_MEDIA_TYPES[fromFormat] : null;
  const isExportEndpoint = url.origin === context.page.origin && context.provider.exportPaths.some((re) => re.test(url.pathname + url.search));
  const mediaType = byName ?? byType ?? byFormat;
  if (!mediaType && !isExportEndpoint) return null;
  const ext = mediaType ? extensionForMediaType(mediaType) : null;
  const base = context.download || (byName ? lastSegment : `${context.provider.id}-${lastSegment || 'export'}`);
  const filename = ext && !base.toLowerCase().endsWith(`.${ext}`) ? `${base}.${ext}` : base;
  return { filename, mediaType };
}

function labelOf(element: Element): string {
  const text = (element.getAttribute('aria-label') ?? element.getAttribute('title') ?? element.textContent ?? '').replace(/\s+/g, ' ').trim();
  return text.slice(0, 120) || element.tagName.toLowerCase();
}

/** Query strings of a foreign link can carry tokens; they are not shown. */
function redactUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

function matchesRule(headers: string[], rule: TableRule): boolean {
  const lower = headers.map((h) => h.toLowerCase());
  return rule.headerSets.some((set) => set.every((word) => lower.some((h) => h.includes(word))));
}

function findTables(root: Document, provider: CaptureProvider, now: Date, pageUrl: string): TableSource[] {
  const day = now.toISOString().slice(0, 10);
  const found: TableSource[] = [];
  const used = new Map<string, number>();
  for (const element of root.querySelectorAll('table, [role="table"], [role="grid"]')) {
    if (element.tagName !== 'TABLE' && element.querySelector('table')) continue;
    const table: PageTable = readTable(element);
    if (table.headers.length === 0 || table.rows.length === 0) continue;
    const rule = provider.tables.find((r) => matchesRule(table.headers, r));
    if (!rule) continue;
    const n = (used.get(rule.label) ?? 0) + 1;
    used.set(rule.label, n);
    const suffix = n > 1 ? `-${n}` : '';
    const label = table.title ?? rule.description;
    found.push({
      kind: 'table',
      label,
      filename: `${provider.id}-${rule.label}${suffix}-${day}.csv`,
      mediaType: 'text/csv',
      csv: pageTableDocument({ provider, table: rule.label, content: table, title: label, pageUrl, capturedOn: day }),
      rowCount: table.rows.length,
    });
  }
  return found;
}
