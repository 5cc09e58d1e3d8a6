import { afterEach, describe, expect, it } from 'vitest';
import { SimulatorServer } from './simulator-server.js';
import { createTestClock } from './test-clock.js';

const servers: SimulatorServer[] = [];

async function startEcho(options: Partial<ConstructorParameters<typeof SimulatorServer>[0]> = {}) {
  const server = new SimulatorServer({
    handler: (req) => ({ status: 200, json: { path: req.path, rawQuery: req.rawQuery, body: req.body, now: req.now } }),
    ...options,
  });
  servers.push(server);
  return { server, baseUrl: await server.start() };
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

describe('SimulatorServer', () => {
  it('listens on loopback only and keeps the raw query string byte for byte', async () => {
    const { server, baseUrl } = await startEcho();
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${baseUrl}/api/v3/myTrades?symbol=BTCUSDT&fromId=0&limit=1000&timestamp=1&signature=ab%2Fcd`);
    expect(await res.json()).toMatchObject({ path: '/api/v3/myTrades', rawQuery: 'symbol=BTCUSDT&fromId=0&limit=1000&timestamp=1&signature=ab%2Fcd' });
    expect(server.requests.to('/api/v3/myTrades')).toHaveLength(1);
  });

  it('answers a scripted status fault with Retry-After, only for the matching path and count', async () => {
    const { server, baseUrl } = await startEcho({ statusBody: (fault) => ({ code: -1003, msg: `status ${fault.status}` }) });
    server.faults.push({ kind: 'status', status: 429, retryAfterSeconds: 7, path: '/a', count: 2 });

    const other = await fetch(`${baseUrl}/b`);
    expect(other.status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const limited = await fetch(`${baseUrl}/a`);
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('7');
      expect(await limited.json()).toEqual({ code: -1003, msg: 'status 429' });
    }
    expect((await fetch(`${baseUrl}/a`)).status).toBe(200);
    expect(server.faults.pending).toBe(0);
    expect(server.requests.entries.map((e) => e.fault ?? null)).toEqual([null, 'status 429', 'status 429', null]);
  });

  it('matches faults by pattern and method', async () => {
    const { server, baseUrl } = await startEcho();
    server.faults.push({ kind: 'status', status: 503, path: /^\/sapi\//, method: 'POST' });
    expect((await fetch(`${baseUrl}/sapi/v1/x`)).status).toBe(200);
    expect((await fetch(`${baseUrl}/sapi/v1/x`, { method: 'POST', body: 'a=1' })).status).toBe(503);
  });

  it('sends a body cut off mid-way for malformedJson', async () => {
    const { server, baseUrl } = await startEcho();
    server.faults.push({ kind: 'malformedJson' });
    const res = await fetch(`${baseUrl}/x`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    await expect(res.json()).rejects.toThrow(SyntaxError);
  });

  it('holds a timeout request until the client aborts', async () => {
    const { server, baseUrl } = await startEcho();
    server.faults.push({ kind: 'timeout' });
    const started = Date.now();
    await expect(fetch(`${baseUrl}/x`, { signal: AbortSignal.timeout(50) })).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2_000);
    // The next request is served normally.
    expect((await fetch(`${baseUrl}/x`)).status).toBe(200);
  });

  it('releases held requests when it stops', async () => {
    const { server, baseUrl } = await startEcho();
    server.faults.push({ kind: 'timeout' });
    const pending = fetch(`${baseUrl}/x`).then(
      () => 'answered',
      () => 'failed',
    );
    await waitFor(() => server.requests.entries.length === 1);
    await server.stop();
    expect(await pending).toBe('failed');
  });

  it('shifts the provider clock for clockSkew faults and by the lasting offset', async () => {
    const clock = createTestClock();
    const { server, baseUrl } = await startEcho({ clock });
    server.clockOffsetMs = 1_000;
    server.faults.push({ kind: 'clockSkew', skewMs: 60_000 });
    const skewed = (await (await fetch(`${baseUrl}/x`)).json()) as { now: number };
    const normal = (await (await fetch(`${baseUrl}/x`)).json()) as { now: number };
    expect(skewed.now - normal.now).toBeGreaterThan(59_000);
    expect(normal.now - clock.now()).toBeGreaterThanOrEqual(900);
    expect(normal.now - clock.now()).toBeLessThanOrEqual(1_000);
  });

  it('lists paths that answered 404', async () => {
    const { server, baseUrl } = await startEcho({ handler: (req) => (req.path === '/known' ? { status: 200, json: {} } : { status: 404, json: {} }) });
    await fetch(`${baseUrl}/known`);
    await fetch(`${baseUrl}/unknown`);
    await fetch(`${baseUrl}/unknown`);
    expect(server.requests.notFound()).toEqual(['GET /unknown']);
  });

  it('turns a handler exception into a 500 instead of a hanging request', async () => {
    const { baseUrl } = await startEcho({
      handler: () => {
        throw new Error('boom');
      },
    });
    const res = await fetch(`${baseUrl}/x`);
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: 'Simulator handler failed: boom' });
  });

  it('refuses oversized bodies', async () => {
    const { baseUrl } = await startEcho({ maxBodyBytes: 10 });
    const res = await fetch(`${baseUrl}/x`, { method: 'POST', body: 'x'.repeat(100) });
    expect(res.status).toBe(413);
  });

  it('refuses a fault count that is not a positive integer', () => {
    const server = new SimulatorServer({ handler: () => ({ status: 200 }) });
    expect(() => server.faults.push({ kind: 'timeout', count: 0 })).toThrow(RangeError);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
