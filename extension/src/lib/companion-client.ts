import type { QuoteCurrency } from '@omnifolio/shared/api';
import type { ActivityType } from '@omnifolio/shared/schemas';
import type { ClientResponse } from 'hono/client';
import type { SuccessStatusCode } from 'hono/utils/http-status';
import { createCompanionApi } from './companion-api';

/**
 * The one way the extension talks to the companion: Hono's typed client over the
 * companion's own `AppType`, so request and response shapes come from the server code and
 * are never copied by hand.
 *
 * Two ways to authenticate:
 * - `token`: the extension (popup, options, background) sends the bearer token it got by
 *   pairing;
 * - `session`: the dashboard served by the companion itself in a normal tab sends the
 *   HttpOnly session cookie the companion set from its one-time URL.
 * `none` is for the two routes that need no token: health and pairing.
 */
export type CompanionAuth = { kind: 'token'; token: string } | { kind: 'session' } | { kind: 'none' };

export interface CompanionClientOptions {
  baseUrl: string;
  auth: CompanionAuth;
  /** A request that takes longer than this is reported as "did not answer in time". */
  timeoutMs?: number;
  /** The transport; tests pass a Hono app's `fetch` here. */
  fetch?: typeof fetch;
}

const LIVE_STREAM_MAX_MS = 86_400_000;

export function companionBaseUrl(port: number): string {
  return `http://127.0.0.1:${port}`;
}

/** Output of the success responses of a call (errors never reach it: the fetch throws). */
type SuccessBody<R> = R extends ClientResponse<infer O, infer S, infer _F> ? ([S & SuccessStatusCode] extends [never] ? never : O) : never;

async function json<R extends ClientResponse<unknown, number, 'json'>>(call: Promise<R>): Promise<SuccessBody<R>> {
  const response = await call;
  return (await response.json()) as SuccessBody<R>;
}

async function empty(call: Promise<unknown>): Promise<void> {
  await call;
}

export function createCompanionClient(options: CompanionClientOptions) {
  const { baseUrl, auth } = options;
  const api = createCompanionApi(options, 15_000);
  // The live event stream stays open as long as the page does; the follower reconnects after this.
  const streamApi = createCompanionApi({ ...options, timeoutMs: LIVE_STREAM_MAX_MS }, LIVE_STREAM_MAX_MS);

  return {
    baseUrl,
    auth: auth.kind,
    health: () => json(api.health.$get()),
    pair: (code: string, label: string) => json(api.pair.$post({ json: { code, label } })),

    tokens: () => json(api.tokens.$get()),
    revokeToken: (id: string) => empty(api.tokens[':id'].$delete({ param: { id } })),

    providers: () => json(api.providers.$get()),

    connections: () => json(api.connections.$get()),
    testConnection: (input: ConnectionInput) => json(api.connections.test.$post({ json: input })),
    createConnection: (input: ConnectionInput) => json(api.connections.$post({ json: input })),
    updateConnection: (id: string, changes: { label?: string; syncIntervalMinutes?: number; paused?: boolean }) =>
      json(api.connections[':id'].$patch({ param: { id }, json: changes })),
    removeConnection: (id: string) => empty(api.connections[':id'].$delete({ param: { id } })),
    syncConnection: (id: string) => json(api.connections[':id'].sync.$post({ param: { id } })),

    syncAll: () => json(api.sync.$post()),
    syncRuns: (query: { connectionId?: string; limit?: number } = {}) =>
      json(
        api['sync-runs'].$get({
          query: {
            ...(query.connectionId === undefined ? {} : { connectionId: query.connectionId }),
            ...(query.limit === undefined ? {} : { limit: String(query.limit) }),
          },
        }),
      ),

    syncRun: (id: string) => json(api['sync-runs'][':id'].$get({ param: { id } })),

    overview: () => json(api.overview.$get()),
    /** One page of stored activities, newest first; pass the previous page's `next` as `before`. */
    activities: (query: { limit?: number; before?: string; connectionId?: string; type?: ActivityType; asset?: string } = {}) =>
      json(
        api.activities.$get({
          query: {
            ...(query.limit === undefined ? {} : { limit: String(query.limit) }),
            ...(query.before === undefined ? {} : { before: query.before }),
            ...(query.connectionId === undefined ? {} : { connectionId: query.connectionId }),
            ...(query.type === undefined ? {} : { type: query.type }),
            ...(query.asset === undefined ? {} : { asset: query.asset }),
          },
        }),
      ),
    /** `GET /api/live`: server-sent LiveEvents (lib/live-events.ts reads them). */
    liveEvents: async (signal: AbortSignal): Promise<Response> => streamApi.live.$get(undefined, { init: { signal } }),
    performance: (range: PerformanceRangeName, currency: QuoteCurrency) => json(api.performance.$get({ query: { range, currency } })),
    history: (range: PerformanceRangeName, currency: QuoteCurrency) => json(api.history.$get({ query: { range, currency } })),
    exposure: (currency: QuoteCurrency) => json(api.exposure.$get({ query: { currency } })),
    allocation: (currency: QuoteCurrency) => json(api.allocation.$get({ query: { currency } })),
    settings: () => json(api.settings.$get()),
    updateSettings: (changes: { baseCurrency?: QuoteCurrency; timeZone?: string; riskFreeRate?: string }) => json(api.settings.$put({ json: changes })),
    demoStatus: () => json(api.demo.$get()),
    createDemo: () => json(api.demo.$post()),
    removeDemo: () => json(api.demo.$delete()),
  };
}

/** The ranges the performance and history routes take. */
export const PERFORMANCE_RANGES = ['1D', '1W', '1M', 'YTD', '1Y', 'ALL'] as const;
export type PerformanceRangeName = (typeof PERFORMANCE_RANGES)[number];

export interface ConnectionInput {
  providerId: string;
  label: string;
  credentials: Record<string, string>;
  syncIntervalMinutes?: number;
}

export type CompanionClient = ReturnType<typeof createCompanionClient>;
