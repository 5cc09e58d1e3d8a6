import type { RequestMeter } from '../types.js';
import type { ConnectorClock } from './clock.js';

/**
 * The HTTP transport we hand ccxt as `fetchImplementation`. Owning the transport (instead of
 * letting ccxt pick undici) gives us, for every request:
 * - the count in `ctx.meter.requests`, and the provider's weight headers with the time they
 *   were seen (Binance `X-MBX-USED-WEIGHT-1M` also goes to `ctx.meter.lastWeight`);
 * - the connection's abort signal combined with ccxt's own timeout signal;
 * - the status and headers of the last answer, which ccxt's exceptions do not carry
 *   (Retry-After of a 429, the status of a 5xx);
 * - a check that a body that claims to be JSON is JSON: otherwise ccxt hands the raw text
 *   to its parsers, and a cut-off `/api/v3/account` would parse as "no balances".
 */

export interface ObservedResponse {
  status: number;
  headers: Headers;
  url: string;
}

export interface WeightObservation {
  value: number;
  /** Our clock when the header was seen; Binance weights count per calendar minute. */
  at: number;
}

export interface TransportState {
  last: ObservedResponse | undefined;
  /** Latest value of each observed weight header, by lower-case header name. */
  weights: Map<string, WeightObservation>;
}

export interface MeteredFetchOptions {
  meter: RequestMeter;
  signal: AbortSignal;
  clock: ConnectorClock;
  state: TransportState;
  /** Headers worth remembering, lower-case (`x-mbx-used-weight-1m`). */
  weightHeaders: readonly string[];
  /** The one whose value goes to `meter.lastWeight`. */
  meterWeightHeader?: string;
}

/** Thrown when a success response says JSON but is not; mapped to UnavailableError. */
export class MalformedResponseError extends Error {
  override name = 'MalformedResponseError';
}

/** What ccxt passes to a user-supplied fetchImplementation. */
interface CcxtFetchParams {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

export function createTransportState(): TransportState {
  return { last: undefined, weights: new Map() };
}

export function createMeteredFetch(options: MeteredFetchOptions): (url: string, params?: CcxtFetchParams) => Promise<Response> {
  return async (url, params = {}) => {
    options.signal.throwIfAborted();
    const signal = params.signal === undefined ? options.signal : AbortSignal.any([params.signal, options.signal]);
    options.meter.requests += 1;
    const response = await fetch(url, {
      method: params.method ?? 'GET',
      headers: params.headers,
      body: params.body,
      signal,
      // Exchange APIs do not redirect legitimately; a redirect would carry the signed query elsewhere.
      redirect: 'error',
    });
    const text = await response.text();
    const observedAt = options.clock.now();
    options.state.last = { status: response.status, headers: response.headers, url };
    for (const header of options.weightHeaders) {
      const raw = response.headers.get(header);
      const value = raw === null ? Number.NaN : Number(raw);
      if (!Number.isFinite(value)) continue;
      options.state.weights.set(header, { value, at: observedAt });
      if (header === options.meterWeightHeader) options.meter.lastWeight = value;
    }
    if (response.ok && claimsJson(response, text) && !isJson(text)) {
      throw new MalformedResponseError(`The response to ${params.method ?? 'GET'} ${new URL(url).pathname} is not valid JSON (${text.length} bytes).`);
    }
    const nullBody = response.status === 204 || response.status === 304 || text === '';
    return new Response(nullBody ? null : text, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

function claimsJson(response: Response, text: string): boolean {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) return true;
  const start = text.trimStart()[0];
  return start === '{' || start === '[';
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
