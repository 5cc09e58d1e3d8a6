/**
 * Downloads an Activity Flex statement through IBKR's Flex Web Service (version 3):
 *
 *   1. `GET {base}/SendRequest?t=<token>&q=<queryId>&v=3` → `<FlexStatementResponse>` with
 *      `<Status>Success</Status><ReferenceCode>…</ReferenceCode><Url>…/GetStatement</Url>`;
 *   2. `GET {Url}?t=<token>&q=<referenceCode>&v=3` → the statement XML, or a
 *      `<FlexStatementResponse>` with code 1019 ("Statement generation in progress") while
 *      IBKR is still producing it: wait and ask again, with growing pauses.
 *
 * IBKR allows about one request per second and ten per minute per token, so polls start at
 * a second apart and grow; code 1018 ends the attempt with a RateLimitedError. IBKR answers
 * requests without a User-Agent with an HTML error page, so one is always sent.
 */
import { UnavailableError, ValidationError } from '@omnifolio/shared/errors';
import { XMLParser } from 'fast-xml-parser';
import type { RequestMeter } from '../../types.js';
import { FLEX_NOT_READY_CODES, flexServiceError } from './flex-service-error.js';

export const FLEX_WEB_SERVICE_URL = 'https://ndcdyn.interactivebrokers.com/AccountManagement/FlexWebService';

/** Pauses between GetStatement polls; the last one repeats until the deadline. */
export const DEFAULT_POLL_DELAYS_MS = [1_000, 2_000, 4_000, 8_000, 15_000];

export interface DownloadFlexStatementParameters {
  /** Flex Web Service base URL (ends in `/FlexWebService`). */
  baseUrl?: string;
  token: string;
  queryId: string;
  signal: AbortSignal;
  meter?: RequestMeter;
  pollDelaysMs?: readonly number[];
  /** Gives up after this long waiting for IBKR to produce the statement. */
  maxWaitMs?: number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

interface ServiceAnswer {
  status: string;
  code: string;
  message: string;
  referenceCode: string;
  url: string;
}

const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false });

/** A `<FlexStatementResponse>`, or null when the body is something else (the statement). */
function readServiceAnswer(body: string): ServiceAnswer | null {
  // The answer is a few hundred bytes; a statement can be megabytes and never has this root.
  if (!body.slice(0, 300).includes('<FlexStatementResponse')) return null;
  const doc = parser.parse(body) as { FlexStatementResponse?: Record<string, unknown> };
  const r = doc.FlexStatementResponse ?? {};
  const text = (key: string) => String(r[key] ?? '').trim();
  return { status: text('Status'), code: text('ErrorCode'), message: text('ErrorMessage'), referenceCode: text('ReferenceCode'), url: text('Url') };
}

export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

async function get(url: string, params: Record<string, string>, p: DownloadFlexStatementParameters): Promise<string> {
  const target = new URL(url);
  for (const [key, value] of Object.entries(params)) target.searchParams.set(key, value);
  if (p.meter) p.meter.requests += 1;
  let response: Response;
  try {
    response = await fetch(target, {
      headers: { 'User-Agent': 'Omnifolio/0.1 (local wealth tracker)', Accept: 'application/xml, text/xml' },
      signal: AbortSignal.any([p.signal, AbortSignal.timeout(60_000)]),
    });
  } catch (error) {
    if (p.signal.aborted) throw p.signal.reason;
    throw new UnavailableError('Could not reach IBKR’s Flex Web Service.', {
      cause: error,
      hints: ['Check the internet connection; the next sync will try again.'],
    });
  }
  const body = await response.text();
  if (!response.ok) {
    throw new UnavailableError(`IBKR’s Flex Web Service answered HTTP ${response.status}.`, {
      hints: ['IBKR may be under maintenance (often on weekends); the next sync will try again.'],
    });
  }
  return body;
}

/** Returns the statement's XML text. */
export async function downloadFlexStatement(p: DownloadFlexStatementParameters): Promise<string> {
  const base = (p.baseUrl ?? FLEX_WEB_SERVICE_URL).replace(/\/+$/, '');
  const sleep = p.sleep ?? abortableSleep;
  const delays = p.pollDelaysMs ?? DEFAULT_POLL_DELAYS_MS;
  const maxWaitMs = p.maxWaitMs ?? 5 * 60_000;

  const sent = readServiceAnswer(await get(`${base}/SendRequest`, { t: p.token, q: p.queryId, v: '3' }, p));
  if (sent === null) throw new ValidationError('IBKR’s Flex Web Service answered SendRequest with something other than a FlexStatementResponse.');
  if (sent.status !== 'Success') throw flexServiceError(sent.code, sent.message);
  if (sent.referenceCode === '') throw new ValidationError('IBKR’s Flex Web Service accepted the request but sent no reference code.');
  // IBKR names the GetStatement URL in its answer; only follow it on the same host as the base.
  const statementUrl = sent.url !== '' && new URL(sent.url).host === new URL(base).host ? sent.url : `${base}/GetStatement`;

  let waited = 0;
  for (let attempt = 0; ; attempt += 1) {
    const delay = delays[Math.min(attempt, delays.length - 1)] ?? 1_000;
    await sleep(delay, p.signal);
    waited += delay;
    const body = await get(statementUrl, { t: p.token, q: sent.referenceCode, v: '3' }, p);
    const answer = readServiceAnswer(body);
    if (answer === null) return body;
    if (answer.status === 'Success' && answer.code === '') return body;
    if (FLEX_NOT_READY_CODES.has(answer.code) && waited < maxWaitMs) continue;
    throw flexServiceError(answer.code, answer.message);
  }
}
