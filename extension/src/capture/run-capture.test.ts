import type { ConsentView, DocumentView } from '@omnifolio/shared/api';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURE_SITES, readFixture } from '../../e2e/fixtures/provider-sites';
import type { CaptureReplies, CaptureReply, CaptureRequest } from './capture-messages';
import { finpensionCapture } from './finpension/finpension-capture';
import { type CapturePhase, runCapture } from './run-capture';
import { loadSavedPage } from './saved-page.test-support';

/** The provider's server as the page's fetch sees it: the fixture site's responses by path. */
function siteFetch(site: (typeof FIXTURE_SITES)['finpension'], override: Record<string, Response> = {}): { fetch: typeof fetch; requested: string[] } {
  const requested: string[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    const key = url.pathname + url.search;
    requested.push(key);
    expect(init?.credentials).toBe('include');
    if (override[key]) return override[key];
    const r = (site.responses as Record<string, { file: string; contentType: string; contentDisposition?: string }>)[key];
    if (!r) return new Response('not found', { status: 404 });
    return new Response(new Uint8Array(readFixture(r.file)), {
      headers: { 'content-type': r.contentType, ...(r.contentDisposition ? { 'content-disposition': r.contentDisposition } : {}) },
    });
  }) as typeof fetch;
  return { fetch: fetchImpl, requested };
}

/** The background worker's answers, recording what was sent: consent held or not, uploads parsed. */
function background(consented: boolean) {
  const sent: CaptureRequest[] = [];
  const send = async <R extends CaptureRequest>(request: R): Promise<CaptureReply<CaptureReplies[R['type']]>> => {
    sent.push(request);
    const reply = (value: unknown) => ({ ok: true, value }) as CaptureReply<CaptureReplies[R['type']]>;
    if (request.type === 'omnifolio/capture/consent-status') return reply({ consented });
    if (request.type === 'omnifolio/capture/grant-consent') {
      consented = true;
      return reply({
        id: 'c1',
        providerId: request.providerId,
        textSha256: request.textSha256,
        grantedAt: '2026-11-22T10:00:00Z',
        revokedAt: null,
      } satisfies ConsentView);
    }
    const doc = request.type === 'omnifolio/capture/upload' ? request.document : null;
    return reply({
      id: 'd1',
      sha256: 'x'.repeat(64),
      providerId: request.providerId,
      source: 'extension',
      filename: doc?.filename ?? '',
      mediaType: doc?.mediaType ?? '',
      sizeBytes: 1,
      status: 'parsed',
      parserId: 'finpension',
      error: null,
      summary: { activities: 26, holdings: 1, statementDate: '2023-11-07', accounts: ['3a'] },
      duplicate: false,
      capturedAt: '2026-11-22T10:00:00Z',
      parsedAt: '2026-11-22T10:00:00Z',
    } satisfies DocumentView);
  };
  return { send, sent };
}

describe('runCapture on the saved Finpension page', () => {
  let close = async () => {};
  afterEach(() => close());

  const setup = (consented: boolean, answer: boolean, override: Record<string, Response> = {}) => {
    const page = loadSavedPage('finpension');
    close = page.close;
    const site = siteFetch(FIXTURE_SITES.finpension, override);
    const bg = background(consented);
    const phases: CapturePhase[] = [];
    const asked: string[] = [];
    const run = () =>
      runCapture({
        provider: finpensionCapture,
        hosts: finpensionCapture.hosts,
        document: page.document,
        pageUrl: page.url,
        now: () => new Date('2026-11-22T10:00:00Z'),
        fetch: site.fetch,
        send: bg.send,
        askConsent: async (text) => {
          asked.push(text);
          return answer;
        },
        onProgress: (p) => phases.push(p),
      });
    return { run, site, bg, phases, asked };
  };

  it('first time: asks, records the consent with the hash of the text shown, then sends the export and the table', async () => {
    const { run, site, bg, asked } = setup(false, true);
    const end = await run();
    expect(asked).toHaveLength(1);
    expect(asked[0]).toContain('Finpension');
    const grant = bg.sent.find((m) => m.type === 'omnifolio/capture/grant-consent');
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(asked[0]));
    expect(grant?.textSha256).toBe(Buffer.from(digest).toString('hex'));
    expect(site.requested).toEqual(['/api/v1/portfolios/1/transactions/export']);
    const uploads = bg.sent.flatMap((m) => (m.type === 'omnifolio/capture/upload' ? [m] : []));
    expect(uploads.map((u) => [u.document.filename, u.document.mediaType, u.origin])).toEqual([
      ['transactions_3a_portfolio_1.csv', 'text/csv', 'https://app.finpension.ch/portfolio/3a/1/transactions'],
      ['finpension-transactions-2026-11-22.csv', 'text/csv', 'https://app.finpension.ch/portfolio/3a/1/transactions'],
    ]);
    // The export's bytes arrive unchanged (BOM and all).
    expect(Buffer.from(uploads[0]?.document.contentBase64 ?? '', 'base64').equals(readFixture('finpension/transactions-export.csv'))).toBe(true);
    expect(end).toMatchObject({ phase: 'finished' });
    expect(end.phase === 'finished' && end.items.map((i) => [i.state, i.outcome])).toEqual([
      ['done', 'Parsed: 26 activities, 1 holding as of 2023-11-07'],
      ['done', 'Parsed: 26 activities, 1 holding as of 2023-11-07'],
    ]);
  });

  it('declined: nothing is fetched and nothing is sent but the consent check', async () => {
    const { run, site, bg } = setup(false, false);
    expect(await run()).toEqual({ phase: 'declined' });
    expect(site.requested).toEqual([]);
    expect(bg.sent.map((m) => m.type)).toEqual(['omnifolio/capture/consent-status']);
  });

  it('a logged-out session (the export answers with the login page) fails that document in words; the table still goes', async () => {
    const login = new Response('<html><form>Login</form></html>', { headers: { 'content-type': 'text/html; charset=utf-8' } });
    const { run, asked } = setup(true, true, { '/api/v1/portfolios/1/transactions/export': login });
    const end = await run();
    expect(asked).toEqual([]);
    expect(end.phase === 'finished' && end.items.map((i) => [i.state, i.outcome])).toEqual([
      ['failed', '“Export” answered with a web page instead of a file: your session may have ended. Log in again and capture once more.'],
      ['done', 'Parsed: 26 activities, 1 holding as of 2023-11-07'],
    ]);
  });
});
