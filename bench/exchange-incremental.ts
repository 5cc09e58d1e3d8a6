import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getConnector } from '../companion/src/connectors/registry.js';
import { startDemoEnvironment } from '../companion/src/demo/demo-environment.js';
import { createLogger } from '../companion/src/logging/logger.js';
import { createCompanionCore } from '../companion/src/main.js';
import type { BenchResult } from './report.js';

/** One HTTP request a connector sent, as seen by the process's `fetch`. */
interface SeenRequest {
  origin: string;
  method: string;
  path: string;
}

/**
 * Query parameters that are mandatory and name a separate listing, so that each value is its own
 * endpoint for the floor: Binance's universal transfer history answers one `type` (MAIN_FUNDING,
 * UMFUTURE_MAIN, …) per request and has no form that lists every type.
 */
const LISTING_SELECTORS: Record<string, string> = { '/sapi/v1/asset/transfer': 'type' };

/**
 * Records every request this process sends through the global `fetch`, which the ccxt
 * transport (connectors/ccxt/metered-fetch.ts) and the other connectors call. The simulators
 * are servers in the same process; their side is not counted.
 */
function recordFetches(): { seen: SeenRequest[]; restore(): void } {
  const original = globalThis.fetch;
  const seen: SeenRequest[] = [];
  globalThis.fetch = (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const selector = LISTING_SELECTORS[url.pathname];
    const path = selector === undefined ? url.pathname : `${url.pathname}?${selector}=${url.searchParams.get(selector) ?? ''}`;
    seen.push({ origin: url.origin, method: (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase(), path });
    return original(input, init);
  };
  return {
    seen,
    restore() {
      globalThis.fetch = original;
    },
  };
}

export interface IncrementalFigure {
  providerId: string;
  label: string;
  firstRequests: number;
  incrementalRequests: number;
  /** Distinct endpoints (method + path) the incremental pass read: one request each is the floor. */
  endpoints: number;
  newRecords: number;
  /** The endpoints asked more than once, with their counts, most first. */
  repeated: [string, number][];
}

/**
 * Incremental sync with nothing new, for every exchange connection of the demo environment
 * (companion/src/demo/demo-environment.ts), whichever exchanges it holds when this runs: the
 * real sync runner of a companion core on a temporary SQLite file syncs each connection in
 * full, then once more. The requests of that second sync come from the runner's meter (the
 * `requests` of its sync run); the floor is one request per endpoint that second sync read,
 * because learning that an endpoint has nothing new takes one request and no fewer.
 */
export async function benchExchangeIncremental(): Promise<BenchResult> {
  const recorder = recordFetches();
  const env = await startDemoEnvironment();
  const dataDir = mkdtempSync(join(tmpdir(), 'omnifolio-bench-incremental-'));
  const core = await createCompanionCore({
    config: {
      dataDir,
      port: 0,
      providerUrls: env.urls,
      dashboardDir: null,
      host: '127.0.0.1',
      passphrase: undefined,
      preferKeyring: false,
      marketDataKeys: {},
    },
    log: createLogger({ level: 'silent' }),
  });
  try {
    const deps = core.appDeps(() => 0);
    const exchanges = env.connections.filter((c) => getConnector(c.providerId).kind === 'exchange');
    const figures: IncrementalFigure[] = [];
    for (const spec of exchanges) {
      const origin = new URL(env.urls[spec.providerId] ?? '').origin;
      // Creating a connection tests the key, then starts its first sync; start() hands back that run.
      const view = await deps.connections.create({ providerId: spec.providerId, label: spec.label, credentials: spec.credentials, baseUrls: env.urls });
      const first = await core.runner.start(view.id, 'cli').done;
      if (first.status !== 'succeeded') throw new Error(`${spec.label}: the first sync failed: ${first.errorMessage}`);
      const from = recorder.seen.length;
      const second = await core.runner.start(view.id, 'cli').done;
      if (second.status !== 'succeeded') throw new Error(`${spec.label}: the incremental sync failed: ${second.errorMessage}`);
      const sent = recorder.seen.slice(from).filter((r) => r.origin === origin);
      if (sent.length !== second.requests) {
        throw new Error(`${spec.label}: the runner counted ${second.requests} requests but ${sent.length} reached ${origin}; the count is not trustworthy.`);
      }
      const perEndpoint = new Map<string, number>();
      for (const r of sent) perEndpoint.set(`${r.method} ${r.path}`, (perEndpoint.get(`${r.method} ${r.path}`) ?? 0) + 1);
      figures.push({
        providerId: spec.providerId,
        label: spec.label,
        firstRequests: first.requests,
        incrementalRequests: second.requests,
        endpoints: perEndpoint.size,
        newRecords: second.activitiesCount,
        repeated: [...perEndpoint].filter(([, n]) => n > 1).sort((a, b) => b[1] - a[1]),
      });
    }
    const floor = figures.reduce((sum, f) => sum + f.endpoints, 0);
    const actual = figures.reduce((sum, f) => sum + f.incrementalRequests, 0);
    return {
      name: 'exchange-incremental',
      description: `sync with nothing new after a full sync, every demo exchange (${figures.length}: ${figures.map((f) => f.providerId).join(', ')})`,
      figures: [
        ...figures.map((f) => ({
          label: `${f.providerId} (floor / actual)`,
          value:
            `${f.endpoints} / ${f.incrementalRequests} requests, ${f.newRecords} new records (first sync ${f.firstRequests})` +
            (f.repeated.length > 0 ? `; repeated: ${f.repeated.map(([endpoint, n]) => `${endpoint} ×${n}`).join(', ')}` : ''),
        })),
        { label: 'all exchanges (floor / actual)', value: `${floor} / ${actual}` },
      ],
      // Every exchange counts by its own floor ÷ actual; the ratio is the worst one, so one exchange
      // walking a list cannot hide behind eleven that read one page each. The target allows for
      // Binance, whose spot trades can only be asked per symbol (`myTrades` once per candidate,
      // see connectors/binance/README.md); every other exchange should sit at or near 1.
      ratio: figures.length === 0 ? 0 : Math.min(...figures.map((f) => f.endpoints / f.incrementalRequests)),
      target: { ratioAtLeast: 0.25 },
    };
  } finally {
    await core.close();
    await env.stop();
    recorder.restore();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
