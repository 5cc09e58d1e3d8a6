import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createCompanionClient } from './companion-client';
import { probeCompanion } from './probe';
import { overviewOf } from './test-fixtures';

const BASE = 'http://127.0.0.1:47821';
const health = { ok: true, name: 'omnifolio-companion', version: '0.1.0', paired: true };

function access(app: Hono | null, auth: 'token' | 'none' | 'session' = 'token') {
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    if (app === null) throw new TypeError('fetch failed');
    return app.fetch(new Request(input, init));
  }) as typeof globalThis.fetch;
  const clientAuth = auth === 'token' ? ({ kind: 'token', token: 't' } as const) : ({ kind: auth } as const);
  return { baseUrl: BASE, paired: auth !== 'none', client: createCompanionClient({ baseUrl: BASE, auth: clientAuth, fetch }) };
}

const unauthorized = (c: { json: (body: unknown, status: 401) => Response }) =>
  c.json({ code: 'unauthorized', message: 'This API token is not valid (revoked or unknown).', hints: [] }, 401);

describe('probeCompanion', () => {
  it('down when nothing answers', async () => {
    const probe = await probeCompanion(access(null));
    expect(probe.state).toBe('down');
    if (probe.state === 'down') expect(probe.problem.message).toBe('The Omnifolio companion is not running.');
  });

  it('down, with a different explanation, when another program owns the port', async () => {
    const probe = await probeCompanion(access(new Hono().get('/api/health', (c) => c.html('<h1>hello</h1>', 404))));
    expect(probe.state).toBe('down');
    if (probe.state === 'down') expect(probe.problem.message).toBe(`Something other than the Omnifolio companion answers at ${BASE}.`);
    const wrongName = await probeCompanion(access(new Hono().get('/api/health', (c) => c.json({ ...health, name: 'other' }))));
    expect(wrongName.state).toBe('down');
  });

  it('not paired when the extension has no token, without asking for data', async () => {
    let overviewCalls = 0;
    const app = new Hono()
      .get('/api/health', (c) => c.json(health))
      .get('/api/overview', (c) => {
        overviewCalls++;
        return c.json(overviewOf());
      });
    const probe = await probeCompanion(access(app, 'none'));
    expect(probe).toMatchObject({ state: 'not-paired', reason: 'no-token' });
    expect(overviewCalls).toBe(0);
  });

  it('not paired when the companion refuses the token (401) or our origin (403)', async () => {
    const rejected = await probeCompanion(access(new Hono().get('/api/health', (c) => c.json(health)).get('/api/overview', unauthorized)));
    expect(rejected).toMatchObject({ state: 'not-paired', reason: 'rejected', problem: { code: 'token_rejected' } });
    const forbidden = await probeCompanion(
      access(
        new Hono()
          .get('/api/health', (c) => c.json(health))
          .get('/api/overview', (c) => c.json({ code: 'forbidden', message: 'This origin may not use the Omnifolio companion.', hints: [] }, 403)),
      ),
    );
    expect(forbidden).toMatchObject({ state: 'not-paired', reason: 'rejected' });
  });

  it('in the companion’s own page, a refused session asks for a new dashboard link', async () => {
    const probe = await probeCompanion(access(new Hono().get('/api/health', (c) => c.json(health)).get('/api/overview', unauthorized), 'session'));
    expect(probe).toMatchObject({ state: 'not-paired', problem: { code: 'session_expired' } });
  });

  it('ready with the overview', async () => {
    const overview = overviewOf({ total: { usd: '123.456789', chf: '111.1' } });
    const probe = await probeCompanion(access(new Hono().get('/api/health', (c) => c.json(health)).get('/api/overview', (c) => c.json(overview))));
    expect(probe).toEqual({ state: 'ready', health, overview });
  });

  it('failed, with the companion’s words, when the overview breaks', async () => {
    const app = new Hono()
      .get('/api/health', (c) => c.json(health))
      .get('/api/overview', (c) => c.json({ code: 'internal', message: 'Something went wrong inside the companion.', hints: ['See the log.'] }, 500));
    expect(await probeCompanion(access(app))).toEqual({
      state: 'failed',
      health,
      problem: { code: 'internal', message: 'Something went wrong inside the companion.', hints: ['See the log.'] },
    });
  });
});
