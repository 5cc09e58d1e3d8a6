import { AuthError, BaseError, RateLimitedError, redactText, UnavailableError } from '@omnifolio/shared/errors';
import { z } from 'zod';

/**
 * OpenFIGI's mapping API: an ISIN in, every listing of that security out (ticker, exchange
 * code, FIGI). `POST /v3/mapping` takes an array of jobs and answers one entry per job, in
 * order: `{"data":[…]}` or `{"warning":"No identifier found."}` or `{"error":"…"}`.
 *
 * Documented limits (openfigi.com/api): without a key 25 requests a minute and 10 jobs a
 * request; with a key (`X-OPENFIGI-APIKEY`) 25 requests per 6 seconds and 100 jobs. The
 * client paces itself inside them; a 429 still carries `ratelimit-reset` (seconds), which
 * becomes the RateLimitedError's wait.
 */

export const OPENFIGI_BASE_URL = 'https://api.openfigi.com';

export interface FigiListing {
  figi: string;
  ticker: string;
  /** Bloomberg exchange code: `SW` (SIX), `US` (US composite), `LN` (London), … */
  exchCode: string;
  name: string | null;
  securityType: string | null;
  marketSector: string | null;
}

export interface CreateOpenFigiClientParameters {
  baseUrl?: string;
  apiKey?: string;
  fetch?: typeof globalThis.fetch;
  /** Overrides the documented pace (tests). */
  minIntervalMs?: number;
  timeoutMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface OpenFigiClient {
  readonly baseUrl: string;
  /** Listings per ISIN; an ISIN OpenFIGI does not know maps to an empty array. */
  mapIsins(isins: readonly string[]): Promise<Map<string, FigiListing[]>>;
}

const listing = z.object({
  figi: z.string(),
  ticker: z.string().nullable().optional(),
  exchCode: z.string().nullable().optional(),
  name: z.string().nullable().optional(),
  securityType: z.string().nullable().optional(),
  marketSector: z.string().nullable().optional(),
});
const mappingResponse = z.array(z.union([z.object({ data: z.array(listing) }), z.object({ warning: z.string() }), z.object({ error: z.string() })]));

export function createOpenFigiClient(parameters: CreateOpenFigiClientParameters = {}): OpenFigiClient {
  const baseUrl = (parameters.baseUrl ?? OPENFIGI_BASE_URL).replace(/\/+$/, '');
  const apiKey = parameters.apiKey?.trim() || undefined;
  const fetchFn = parameters.fetch ?? globalThis.fetch;
  const jobsPerRequest = apiKey ? 100 : 10;
  // 25 a minute without a key, 25 per 6 s with one.
  const minIntervalMs = parameters.minIntervalMs ?? (apiKey ? 240 : 2_400);
  const timeoutMs = parameters.timeoutMs ?? 15_000;
  const now = parameters.now ?? Date.now;
  const sleep = parameters.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const secrets = apiKey ? [apiKey] : [];
  let lastRequestAt = Number.NEGATIVE_INFINITY;

  async function post(jobs: { idType: 'ID_ISIN'; idValue: string }[]): Promise<z.infer<typeof mappingResponse>> {
    const wait = lastRequestAt + minIntervalMs - now();
    if (wait > 0) await sleep(wait);
    lastRequestAt = now();
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (apiKey) headers['x-openfigi-apikey'] = apiKey;
    let response: Response;
    let text: string;
    try {
      response = await fetchFn(`${baseUrl}/v3/mapping`, { method: 'POST', headers, body: JSON.stringify(jobs), signal: AbortSignal.timeout(timeoutMs) });
      text = await response.text();
    } catch (error) {
      throw new UnavailableError('OpenFIGI could not be reached.', {
        details: redactText(`POST /v3/mapping: ${error instanceof Error ? error.message : String(error)}`, secrets),
        hints: ['Funds and shares known only by ISIN keep their statement price until OpenFIGI answers.'],
      });
    }
    const details = redactText(`POST /v3/mapping → HTTP ${response.status}; body: ${text.slice(0, 300)}`, secrets);
    if (response.status === 429) {
      const resetS = Number(response.headers.get('ratelimit-reset'));
      const waitMs = Number.isFinite(resetS) && resetS > 0 ? resetS * 1000 : 60_000;
      throw new RateLimitedError(`OpenFIGI asks us to wait ${Math.ceil(waitMs / 1000)} s before the next request.`, waitMs, {
        details,
        hints: apiKey ? ['The mapping is retried at the next refresh.'] : ['A free OpenFIGI API key raises the limit tenfold (openfigi.com → Sign up).'],
      });
    }
    if (response.status === 401 || response.status === 403) {
      throw new AuthError('OpenFIGI rejected the API key.', {
        details,
        hints: ['Check the key at openfigi.com, or remove it: OpenFIGI also works without one.'],
      });
    }
    if (response.status >= 500) {
      throw new UnavailableError(`OpenFIGI is not answering properly right now (HTTP ${response.status}).`, {
        details,
        hints: ['The mapping is retried at the next refresh.'],
      });
    }
    if (!response.ok) throw new BaseError(`OpenFIGI refused the request (HTTP ${response.status}).`, { details });
    let parsed: z.infer<typeof mappingResponse>;
    try {
      parsed = mappingResponse.parse(JSON.parse(text));
    } catch {
      throw new UnavailableError('OpenFIGI answered with data we could not read.', { details });
    }
    if (parsed.length !== jobs.length) throw new UnavailableError(`OpenFIGI answered ${parsed.length} results for ${jobs.length} jobs.`, { details });
    return parsed;
  }

  return {
    baseUrl,
    async mapIsins(isins) {
      const unique = [...new Set(isins.map((i) => i.trim().toUpperCase()).filter((i) => i !== ''))];
      const out = new Map<string, FigiListing[]>();
      for (let start = 0; start < unique.length; start += jobsPerRequest) {
        const batch = unique.slice(start, start + jobsPerRequest);
        const results = await post(batch.map((idValue) => ({ idType: 'ID_ISIN' as const, idValue })));
        batch.forEach((isin, i) => {
          const result = results[i];
          if (result !== undefined && 'error' in result) {
            throw new BaseError(`OpenFIGI refused the job for ${isin}: ${result.error}`, { hints: ["This is likely a bug in Omnifolio's OpenFIGI client."] });
          }
          const data = result !== undefined && 'data' in result ? result.data : [];
          out.set(
            isin,
            data
              .filter((d) => d.ticker && d.exchCode)
              .map((d) => ({
                figi: d.figi,
                ticker: d.ticker as string,
                exchCode: d.exchCode as string,
                name: d.name ?? null,
                securityType: d.securityType ?? null,
                marketSector: d.marketSector ?? null,
              })),
          );
        });
      }
      return out;
    },
  };
}
