import type { DocumentView } from '@omnifolio/shared/api';
import type { CaptureReplies, CaptureReply, CaptureRequest } from './capture-messages';
import type { CaptureProvider } from './capture-provider';
import { consentText, sha256Hex } from './consent-text';
import { describeDocument } from './describe-document';
import { fetchStatementSource } from './fetch-statement-source';
import { findStatementSources, type StatementSource } from './find-statement-sources';

/** One line of the capture's progress list. */
export interface CaptureItem {
  key: string;
  label: string;
  filename: string;
  state: 'waiting' | 'reading' | 'sending' | 'done' | 'failed' | 'skipped';
  /** What the companion made of it, or why it failed or was skipped, in words. */
  outcome: string | null;
  status: DocumentView['status'] | null;
}

export type CapturePhase =
  | { phase: 'checking' }
  | { phase: 'consent'; text: string }
  | { phase: 'declined' }
  | { phase: 'capturing'; items: CaptureItem[] }
  | { phase: 'finished'; items: CaptureItem[] }
  | { phase: 'failed'; message: string; hints: string[] };

export interface CaptureDeps {
  provider: CaptureProvider;
  hosts: readonly string[];
  document: Document;
  pageUrl: string;
  now: () => Date;
  fetch: typeof fetch;
  send: <R extends CaptureRequest>(request: R) => Promise<CaptureReply<CaptureReplies[R['type']]>>;
  /** Shows the consent text and resolves with the person's answer. */
  askConsent: (text: string) => Promise<boolean>;
  onProgress: (phase: CapturePhase) => void;
}

/**
 * One capture, start to end: consent (asked once per provider and wording), then every
 * statement file and table on the page, each read with the page's session and handed to the
 * companion one by one, so progress shows per document and one failure does not stop the rest.
 */
export async function runCapture(deps: CaptureDeps): Promise<CapturePhase> {
  const report = (phase: CapturePhase) => {
    deps.onProgress(phase);
    return phase;
  };
  report({ phase: 'checking' });
  const text = consentText(deps.provider, deps.hosts);
  const textSha256 = await sha256Hex(text);
  const status = await deps.send({ type: 'omnifolio/capture/consent-status', providerId: deps.provider.id, textSha256 });
  if (!status.ok) return report({ phase: 'failed', message: status.problem.message, hints: status.problem.hints });
  if (!status.value.consented) {
    report({ phase: 'consent', text });
    if (!(await deps.askConsent(text))) return report({ phase: 'declined' });
    const granted = await deps.send({ type: 'omnifolio/capture/grant-consent', providerId: deps.provider.id, textSha256 });
    if (!granted.ok) return report({ phase: 'failed', message: granted.problem.message, hints: granted.problem.hints });
  }

  const sources = findStatementSources(deps.document, { provider: deps.provider, pageUrl: deps.pageUrl, now: deps.now() });
  if (sources.filter((s) => s.kind !== 'skipped').length === 0) {
    return report({
      phase: 'failed',
      message: `Nothing to capture on this page: no statement files (PDF, CSV, XLSX) and no holdings or transactions table were found.`,
      hints: [`Open the page of ${deps.provider.name} that lists your statements or transactions, then capture again.`],
    });
  }
  const items: CaptureItem[] = sources.map((source, i) => initialItem(source, i));
  const update = (i: number, change: Partial<CaptureItem>) => {
    items[i] = { ...(items[i] as CaptureItem), ...change };
    report({ phase: 'capturing', items: [...items] });
  };
  report({ phase: 'capturing', items: [...items] });

  for (const [i, source] of sources.entries()) {
    if (source.kind === 'skipped') continue;
    update(i, { state: 'reading' });
    let file: Awaited<ReturnType<typeof fetchStatementSource>>;
    try {
      file = await fetchStatementSource(source, deps.fetch);
    } catch (error) {
      update(i, { state: 'failed', outcome: error instanceof Error ? error.message : String(error) });
      continue;
    }
    update(i, { state: 'sending', filename: file.filename });
    const uploaded = await deps.send({
      type: 'omnifolio/capture/upload',
      providerId: deps.provider.id,
      textSha256,
      origin: pageAddress(deps.pageUrl),
      document: { filename: file.filename, mediaType: file.mediaType, contentBase64: file.contentBase64 },
    });
    if (uploaded.ok) update(i, { state: 'done', outcome: describeDocument(uploaded.value), status: uploaded.value.status });
    else update(i, { state: 'failed', outcome: [uploaded.problem.message, ...uploaded.problem.hints].join(' ') });
  }
  return report({ phase: 'finished', items: [...items] });
}

function initialItem(source: StatementSource, i: number): CaptureItem {
  if (source.kind === 'skipped') return { key: `s${i}`, label: source.label, filename: source.url, state: 'skipped', outcome: source.reason, status: null };
  const label = source.kind === 'table' ? `${source.label} (${source.rowCount} ${source.rowCount === 1 ? 'row' : 'rows'}, as CSV)` : source.label;
  return { key: `s${i}`, label, filename: source.filename, state: 'waiting', outcome: null, status: null };
}

/** Where a document came from, without the query and fragment (they can carry session tokens). */
function pageAddress(pageUrl: string): string {
  const url = new URL(pageUrl);
  return `${url.origin}${url.pathname}`.slice(0, 2048);
}
