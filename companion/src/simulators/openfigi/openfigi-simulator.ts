import { HostedSimulator } from '../framework/hosted-simulator.js';
import { type SimulatorClock, type SimulatorRequest, type SimulatorResponse, SimulatorServer } from '../framework/simulator-server.js';

/**
 * A local stand-in for OpenFIGI's `POST /v3/mapping`: an array of jobs in, one result per
 * job out (`{"data":[…]}`, `{"warning":"No identifier found."}`, `{"error":"…"}`), with the
 * documented limits enforced: without a key 25 requests a minute and 10 jobs a request,
 * with a key (`X-OPENFIGI-APIKEY`) 25 requests per 6 seconds and 100 jobs. A 429 carries
 * `ratelimit-limit`, `ratelimit-remaining` and `ratelimit-reset` (seconds), like OpenFIGI's.
 * Only `ID_ISIN` jobs are answered from the table; other id types find nothing. Not
 * modelled: `/v3/search`, `/v3/filter`, the job filters (`exchCode`, `currency`, …).
 */

export interface FigiSimListing {
  figi: string;
  name: string;
  ticker: string;
  exchCode: string;
  compositeFIGI?: string;
  securityType: string;
  marketSector: string;
  shareClassFIGI?: string | null;
  securityType2: string;
  securityDescription: string;
}

export interface OpenFigiSimulatorOptions {
  clock?: SimulatorClock;
  /** Valid API keys; a request with another key is refused with 401. */
  apiKeys?: string[];
}

const ID_TYPES = new Set(['ID_ISIN', 'ID_BB_UNIQUE', 'ID_SEDOL', 'ID_CUSIP', 'ID_WERTPAPIER', 'TICKER', 'COMPOSITE_ID_BB_GLOBAL', 'ID_BB_GLOBAL']);

export class OpenFigiSimulator extends HostedSimulator {
  protected readonly server: SimulatorServer;
  readonly #byIsin = new Map<string, FigiSimListing[]>();
  readonly #apiKeys: Set<string>;
  readonly #times = new Map<string, number[]>();

  constructor(options: OpenFigiSimulatorOptions = {}) {
    super();
    this.#apiKeys = new Set(options.apiKeys ?? []);
    this.server = new SimulatorServer({ clock: options.clock, handler: (request) => this.#handle(request) });
  }

  setListings(isin: string, listings: FigiSimListing[]): void {
    this.#byIsin.set(isin.toUpperCase(), listings);
  }

  #handle(request: SimulatorRequest): SimulatorResponse {
    if (request.path !== '/v3/mapping') return { status: 404, text: 'Not Found' };
    if (request.method !== 'POST') return { status: 405, text: 'Method Not Allowed' };
    const key = request.headers['x-openfigi-apikey'];
    if (key !== undefined && !this.#apiKeys.has(key)) return { status: 401, text: 'Invalid API key.' };
    const keyed = key !== undefined;
    const windowMs = keyed ? 6_000 : 60_000;
    const limit = 25;
    const bucket = keyed ? `key:${key}` : 'anonymous';
    const times = (this.#times.get(bucket) ?? []).filter((t) => request.now - t < windowMs);
    this.#times.set(bucket, times);
    if (times.length >= limit) {
      const resetS = Math.ceil(((times[0] as number) + windowMs - request.now) / 1000);
      return {
        status: 429,
        text: 'Too Many Requests',
        headers: { 'ratelimit-limit': String(limit), 'ratelimit-remaining': '0', 'ratelimit-reset': String(resetS) },
      };
    }
    times.push(request.now);
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) return { status: 415, text: 'Unsupported Media Type' };
    let jobs: unknown;
    try {
      jobs = JSON.parse(request.body);
    } catch {
      return { status: 400, text: 'Request body is not valid JSON.' };
    }
    if (!Array.isArray(jobs)) return { status: 400, text: 'Request body must be a JSON array.' };
    const maxJobs = keyed ? 100 : 10;
    if (jobs.length > maxJobs) return { status: 413, text: `Too many mapping jobs (max ${maxJobs}).` };
    const results = jobs.map((job: unknown) => {
      const j = job as { idType?: unknown; idValue?: unknown };
      if (typeof j.idType !== 'string' || !ID_TYPES.has(j.idType)) return { error: 'Invalid idType.' };
      if (typeof j.idValue !== 'string' || j.idValue === '') return { error: 'Invalid idValue.' };
      const listings = j.idType === 'ID_ISIN' ? this.#byIsin.get(j.idValue.toUpperCase()) : undefined;
      return listings && listings.length > 0 ? { data: listings } : { warning: 'No identifier found.' };
    });
    return { status: 200, json: results, headers: { 'ratelimit-limit': String(limit), 'ratelimit-remaining': String(limit - times.length) } };
  }
}
