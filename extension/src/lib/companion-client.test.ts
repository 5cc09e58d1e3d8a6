import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createCompanionClient } from './companion-client';
import { CompanionRequestError, CompanionUnreachableError, toProblem } from './companion-error';
import { overviewOf } from './test-fixtures';

/** A transport that hands requests to a Hono app in process and records what it saw. */
function transportFor(app: Hono) {
  const seen: { url: string; method: string; authorization: string | null; credentials: RequestCredentials | undefined; body: string }[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    seen.push({
      url: request.url,
      method: request.method,
      authorization: request.headers.get('authorization'),
      credentials: init?.credentials,
      body: request.method === 'GET' ? '' : await request.clone().text(),
    });
    return app.fetch(request);
  };
  return { fetch: fetch as typeof globalThis.fetch, seen };
}

const refused = (async () => {
  throw new TypeError('fetch failed');
}) as typeof globalThis.fetch;

describe('createCompanionClient', () => {
  it('calls the companion under /api with the bearer token, without cookies', async () => {
    const app = new Hono().get('/api/overview', (c) => c.json(overviewOf({ total: { usd: '0.1', chf: '0.2' } })));
    const { fetch, seen } = transportFor(app);
    const client = createCompanionClient({ baseUrl: 'http://127.0.0.1:47821', auth: { kind: 'token', token: 'tok' }, fetch });
    const overview = await client.overview();
    expect(overview.total).toEqual({ usd: '0.1', chf: '0.2' });
    expect(seen).toEqual([{ url: 'http://127.0.0.1:47821/api/overview', method: 'GET', authorization: 'Bearer tok', credentials: 'omit', body: '' }]);
  });

  it('in the companion’s own page sends the session cookie and no token', async () => {
    const app = new Hono().get('/api/health', (c) => c.json({ ok: true, name: 'omnifolio-companion', version: '1', paired: true }));
    const { fetch, seen } = transportFor(app);
    const client = createCompanionClient({ baseUrl: 'http://127.0.0.1:5000', auth: { kind: 'session' }, fetch });
    await client.health();
    expect(seen[0]?.authorization).toBeNull();
    expect(seen[0]?.credentials).toBe('include');
  });

  it('sends typed bodies and path parameters', async () => {
    const app = new Hono()
      .post('/api/connections/test', (c) => c.json({ ok: true, warnings: [], accounts: 2 }))
      .patch('/api/connections/:id', async (c) => c.json({ id: c.req.param('id'), ...(await c.req.json()) }))
      .get('/api/sync-runs', (c) => c.json([{ query: c.req.query() }]));
    const { fetch, seen } = transportFor(app);
    const client = createCompanionClient({ baseUrl: 'http://127.0.0.1:1', auth: { kind: 'token', token: 't' }, fetch });
    await client.testConnection({ providerId: 'binance', label: 'Main', credentials: { apiKey: 'k', secret: 's' } });
    await client.updateConnection('c 1', { paused: true });
    await client.syncRuns({ connectionId: 'c1', limit: 5 });
    expect(JSON.parse(seen[0]?.body ?? '')).toEqual({ providerId: 'binance', label: 'Main', credentials: { apiKey: 'k', secret: 's' } });
    expect(seen[1]?.url).toBe('http://127.0.0.1:1/api/connections/c%201');
    expect(seen[1]?.method).toBe('PATCH');
    expect(seen[2]?.url).toBe('http://127.0.0.1:1/api/sync-runs?connectionId=c1&limit=5');
  });

  it('turns an error status into the companion’s own words', async () => {
    const app = new Hono().post('/api/connections', (c) =>
      c.json(
        {
          code: 'permission_too_broad',
          message: 'This key can withdraw funds.',
          hints: ['Create a read-only key.'],
          issues: [{ path: 'credentials.apiKey', message: 'too broad' }],
        },
        422,
      ),
    );
    const client = createCompanionClient({ baseUrl: 'http://127.0.0.1:1', auth: { kind: 'token', token: 't' }, fetch: transportFor(app).fetch });
    const error = await client.createConnection({ providerId: 'binance', label: 'x', credentials: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CompanionRequestError);
    expect((error as CompanionRequestError).status).toBe(422);
    expect(toProblem(error)).toEqual({
      code: 'permission_too_broad',
      message: 'This key can withdraw funds.',
      hints: ['Create a read-only key.'],
      issues: [{ path: 'credentials.apiKey', message: 'too broad' }],
    });
  });

  it('explains an error without a JSON body', async () => {
    const app = new Hono().get('/api/overview', (c) => c.text('Bad gateway', 502));
    const client = createCompanionClient({ baseUrl: 'http://127.0.0.1:1', auth: { kind: 'none' }, fetch: transportFor(app).fetch });
    const problem = toProblem(await client.overview().catch((e: unknown) => e));
    expect(problem.code).toBe('http_502');
    expect(problem.message).toBe('The companion answered with HTTP 502 and no explanation.');
  });

  it('reports a refused connection as "not running", with how to start it', async () => {
    const client = createCompanionClient({ baseUrl: 'http://127.0.0.1:9', auth: { kind: 'none' }, fetch: refused });
    const error = await client.health().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CompanionUnreachableError);
    expect(toProblem(error)).toEqual({
      code: 'unreachable',
      message: 'The Omnifolio companion is not running at http://127.0.0.1:9.',
      hints: ['Start it with `npm start` in the Omnifolio folder.', 'If it is running, check the port it printed when it started.'],
    });
  });

  it('gives up on a companion that does not answer in time', async () => {
    const hanging = ((_input: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      })) as typeof globalThis.fetch;
    const client = createCompanionClient({ baseUrl: 'http://127.0.0.1:9', auth: { kind: 'none' }, fetch: hanging, timeoutMs: 20 });
    const error = await client.health().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CompanionUnreachableError);
    expect((error as Error).message).toBe('The Omnifolio companion at http://127.0.0.1:9 did not answer in time.');
  });
});
