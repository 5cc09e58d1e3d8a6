import { ValidationError } from '@omnifolio/shared/errors';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCompanion } from '../../src/main.js';
import { createTestCompanion, TEST_PORT, type TestCompanion } from '../support/test-companion.js';

const EXT = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

describe('API security', () => {
  let t: TestCompanion;
  beforeEach(async () => {
    t = await createTestCompanion();
  });
  afterEach(async () => {
    await t.close();
  });

  it('answers health without a token', async () => {
    const res = await t.request('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, name: 'omnifolio-companion', paired: false });
  });

  it.each([
    ['a rebinding name', `evil.example:${TEST_PORT}`],
    ['another port', '127.0.0.1:1234'],
    ['no port', '127.0.0.1'],
    ['a LAN address', `192.168.1.10:${TEST_PORT}`],
  ])('refuses a request addressed to %s with 403', async (_name, host) => {
    const res = await t.request('/api/health', { headers: { host } });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'forbidden' });
  });

  it('accepts every loopback spelling of our own address', async () => {
    for (const host of [`127.0.0.1:${TEST_PORT}`, `localhost:${TEST_PORT}`, `[::1]:${TEST_PORT}`]) {
      expect((await t.request('/api/health', { headers: { host } })).status).toBe(200);
    }
  });

  it('refuses a foreign web origin, without CORS headers, even with a valid token', async () => {
    const token = await t.pair();
    for (const method of ['GET', 'OPTIONS']) {
      const res = await t.request('/api/overview', {
        method,
        headers: { origin: 'https://evil.example', authorization: `Bearer ${token}`, 'access-control-request-method': 'GET' },
      });
      expect(res.status).toBe(403);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(res.headers.get('access-control-allow-private-network')).toBeNull();
    }
  });

  it('needs a token on every API route but health and pairing', async () => {
    for (const path of ['/api/overview', '/api/connections', '/api/providers', '/api/tokens', '/api/sync-runs', '/metrics']) {
      const res = await t.request(path);
      expect(res.status, path).toBe(401);
      expect(await res.json()).toMatchObject({ code: 'unauthorized', hints: [expect.stringContaining('Pair')] });
    }
    const bad = await t.request('/api/overview', { headers: { authorization: 'Bearer omf_not-a-real-token' } });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ message: 'This API token is not valid (revoked or unknown).' });
  });

  it('pairs an extension with the one-time code, then allows its origin only', async () => {
    const { code } = t.deps.pairing.issue();
    const wrong = await t.request('/api/pair', {
      method: 'POST',
      headers: { origin: EXT, 'content-type': 'application/json' },
      body: JSON.stringify({ code: 'AAAA-AAAA' }),
    });
    expect(wrong.status).toBe(401);
    const res = await t.request('/api/pair', { method: 'POST', headers: { origin: EXT, 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
    expect(res.status).toBe(201);
    expect(res.headers.get('access-control-allow-origin')).toBe(EXT);
    const { token, tokenId } = (await res.json()) as { token: string; tokenId: string };
    expect(token).toMatch(/^omf_/);

    const again = await t.request('/api/pair', {
      method: 'POST',
      headers: { origin: EXT, 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    expect(again.status).toBe(401);

    const ok = await t.request('/api/overview', { headers: { origin: EXT, authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(EXT);
    expect((await t.request('/api/health')).status).toBe(200);
    expect(await (await t.request('/api/health')).json()).toMatchObject({ paired: true });

    // Another extension cannot ride on the first one's pairing.
    const other = await t.request('/api/overview', {
      headers: { origin: 'chrome-extension://zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz', authorization: `Bearer ${token}` },
    });
    expect(other.status).toBe(403);

    const revoke = await t.request(`/api/tokens/${tokenId}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    expect(revoke.status).toBe(204);
    expect((await t.request('/api/overview', { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
  });

  it('keeps only a hash of each token in the database', async () => {
    const token = await t.pair();
    const rows = t.core.storage.sqlite.prepare('SELECT * FROM api_tokens').all();
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('refuses pairing from a web page', async () => {
    const { code } = t.deps.pairing.issue();
    const res = await t.request('/api/pair', {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    expect(res.status).toBe(403);
  });

  it('opens a dashboard session from a one-time link, once', async () => {
    const code = t.deps.loginLinks.issue();
    const res = await t.request('/api/session', {
      method: 'POST',
      headers: { origin: `http://127.0.0.1:${TEST_PORT}`, 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    expect(res.status).toBe(201);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const session = cookie.split(';')[0]!;
    expect((await t.request('/api/overview', { headers: { cookie: session } })).status).toBe(200);
    const reuse = await t.request('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
    expect(reuse.status).toBe(401);
  });

  it('mints one-time links to the dashboard or the wallet-connect page only, and only for a paired client', async () => {
    expect((await t.request('/api/session/link', { method: 'POST' })).status).toBe(401);
    const token = await t.pair();
    const link = async (query: string) => {
      const res = await t.request(`/api/session/link${query}`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
      return { status: res.status, body: (await res.json()) as { url?: string; message?: string } };
    };
    const dashboard = await link('');
    expect(dashboard.body.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${TEST_PORT}/login\\?code=[\\w-]+$`));
    const connect = await link('?page=connect');
    expect(connect.body.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${TEST_PORT}/login\\?code=[\\w-]+&next=/connect$`));
    const elsewhere = await link('?page=https://evil.example');
    expect(elsewhere).toEqual({ status: 400, body: expect.objectContaining({ message: 'page: page must be "dashboard" or "connect".' }) });
    // The login page follows `next` only to the connect page; anything else lands on the dashboard.
    const login = await (await t.request('/login')).text();
    expect(login).toContain("params.get('next') === '/connect' ? '/connect' : '/'");
  });

  it('validates bodies and names the field', async () => {
    const token = await t.pair();
    const res = await t.request('/api/connections', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ providerId: 'binance', label: '', credentials: {} }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { code: string; issues: { path: string }[] };
    expect(body.code).toBe('validation_failed');
    expect(body.issues.map((i) => i.path)).toContain('label');
  });
});

describe('serve', () => {
  it('refuses to listen on a non-loopback address', async () => {
    await expect(
      startCompanion({ config: { host: '0.0.0.0', port: 0, dataDir: '/tmp/omnifolio-never-created' }, demo: 'off', schedule: false }),
    ).rejects.toBeInstanceOf(ValidationError);
  });
});
