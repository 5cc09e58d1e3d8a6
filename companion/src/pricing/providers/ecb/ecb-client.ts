import { type BaseError, LayoutChangedError, RateLimitedError, redactText, UnavailableError } from '@omnifolio/shared/errors';
import { parseRetryAfter } from '../coingecko/retry-after.js';
import { type EcbRateDay, parseEcbReferenceRates } from './ecb-reference-rates.js';

/**
 * Fetches the ECB's reference-rate documents. They are static files on the ECB's web
 * server: no key, no query, replaced once a working day. The client neither caches nor
 * paces; the FX history (ecb-fx-history.ts) decides when a request is worth making.
 */

export const ECB_BASE_URL = 'https://www.ecb.europa.eu/stats/eurofxref';

/** The three documents: the latest day, the last 90 days, every day since 1999. */
export const ECB_DOCUMENTS = {
  daily: '/eurofxref-daily.xml',
  last90Days: '/eurofxref-hist-90d.xml',
  full: '/eurofxref-hist.xml',
} as const;
export type EcbDocument = keyof typeof ECB_DOCUMENTS;

/** When the ECB asks us to wait without saying how long. */
const DEFAULT_RETRY_AFTER_MS = 60_000;

export interface CreateEcbClientParameters {
  /** Overrides the ECB's base URL (simulators, mirrors); the document names are appended. */
  baseUrl?: string;
  fetch?: typeof globalThis.fetch;
  /** Per request. The full history is several megabytes, so the default is generous: 60 s. */
  timeoutMs?: number;
  now?: () => number;
}

export interface EcbClient {
  readonly baseUrl: string;
  /** Fetches and reads one document; days newest first. */
  fetchRates(document: EcbDocument, signal?: AbortSignal): Promise<EcbRateDay[]>;
}

export function createEcbClient(parameters: CreateEcbClientParameters = {}): EcbClient {
  const baseUrl = (parameters.baseUrl ?? ECB_BASE_URL).replace(/\/+$/, '');
  const doFetch = parameters.fetch ?? globalThis.fetch;
  const timeoutMs = parameters.timeoutMs ?? 60_000;
  const now = parameters.now ?? Date.now;

  return {
    baseUrl,
    async fetchRates(document, signal) {
      const path = ECB_DOCUMENTS[document];
      const timeout = AbortSignal.timeout(timeoutMs);
      let response: Response;
      let text: string;
      try {
        response = await doFetch(`${baseUrl}${path}`, {
          headers: { accept: 'application/xml, text/xml' },
          signal: signal ? AbortSignal.any([timeout, signal]) : timeout,
        });
        text = await response.text();
      } catch (error) {
        if (signal?.aborted) throw error;
        throw new UnavailableError(timeout.aborted ? `The ECB did not answer within ${Math.round(timeoutMs / 1000)} s.` : 'The ECB could not be reached.', {
          details: redactText(`GET ${path}: ${String(error)}`, []),
          hints: ['FX keeps the last stored reference rates, marked stale, and tries again later.', 'Check the internet connection.'],
          cause: error,
        });
      }
      if (!response.ok) throw errorForStatus(response.status, response.headers.get('retry-after'), path, text, now());
      return parseEcbReferenceRates(text);
    },
  };
}

function errorForStatus(status: number, retryAfter: string | null, path: string, body: string, nowMs: number): BaseError {
  const details = `GET ${path} → HTTP ${status}; body: ${redactText(body.slice(0, 300), [])}`;
  if (status === 429) {
    const waitMs = parseRetryAfter(retryAfter, nowMs) ?? DEFAULT_RETRY_AFTER_MS;
    return new RateLimitedError(`The ECB asks us to wait ${Math.ceil(waitMs / 1000)} s before fetching rates again.`, waitMs, {
      details,
      hints: ['FX refreshes after the wait on its own; the last stored rates stay in use.'],
    });
  }
  if (status === 404 || status === 410)
    return new LayoutChangedError(`The ECB no longer serves ${path} (HTTP ${status}).`, {
      details,
      hints: ['The ECB may have moved its reference-rate files; FX falls back to the last stored rates until Omnifolio is updated.'],
    });
  return new UnavailableError(`The ECB answered HTTP ${status} for its reference rates.`, {
    details,
    hints: ['FX keeps the last stored reference rates, marked stale, and tries again later.'],
  });
}
