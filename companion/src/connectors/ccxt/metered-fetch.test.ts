import { afterEach, describe, expect, it } from 'vitest';
import { SimulatorServer } from '../../simulators/framework/simulator-server.js';
import { createTestClock } from '../../simulators/framework/test-clock.js';
import type { RequestMeter } from '../types.js';
import { createMeteredFetch, createTransportState, MalformedResponseError } from './metered-fetch.js';

const servers: SimulatorServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

async function setup(signal = new AbortController().signal) {
  const server = new SimulatorServer({
    handler: (req) =>
      req.path === '/text'
        ? { status: 200, text: 'pong' }
        : { status: 200, headers: { 'x-mbx-used-weight-1m': '42', 'x-sapi-used-uid-weight-1m': '18000' }, json: { ok: true } },
  });
  servers.push(server);
  const baseUrl = await server.start();
  const meter: RequestMeter = { requests: 0, lastWeight: null };
  const state = createTransportState();
  const clock = createTestClock();
  const fetchImpl = createMeteredFetch({
    meter,
    signal,
    clock,
    state,
    weightHeaders: ['x-mbx-used-weight-1m', 'x-sapi-used-uid-weight-1m'],
    meterWeightHeader: 'x-mbx-used-weight-1m',
  });
  return { server, baseUrl, meter, state, clock, fetchImpl };
}

describe('createMeteredFetch', () => {
  it('counts requests and records weights with the time they were seen', async () => {
    const { baseUrl, meter, state, clock, fetchImpl } = await setup();
    const res = await fetchImpl(`${baseUrl}/api/v3/account`, { method: 'GET', headers: { 'X-MBX-APIKEY': 'k' } });
    expect(await res.json()).toEqual({ ok: true });
    await fetchImpl(`${baseUrl}/text`);
    expect(meter).toEqual({ requests: 2, lastWeight: 42 });
    expect(state.weights.get('x-sapi-used-uid-weight-1m')?.value).toBe(18_000);
    expect(Math.abs((state.weights.get('x-mbx-used-weight-1m')?.at ?? 0) - clock.now())).toBeLessThan(1_000);
    expect(state.last?.status).toBe(200);
  });

  it('passes plain text through', async () => {
    const { baseUrl, fetchImpl } = await setup();
    expect(await (await fetchImpl(`${baseUrl}/text`)).text()).toBe('pong');
  });

  it('refuses a success body that claims JSON but is cut off', async () => {
    const { server, baseUrl, state, fetchImpl } = await setup();
    server.faults.push({ kind: 'malformedJson' });
    await expect(fetchImpl(`${baseUrl}/api/v3/account`)).rejects.toBeInstanceOf(MalformedResponseError);
    expect(state.last?.status).toBe(200);
  });

  it('keeps the status and Retry-After of an error answer for the error mapping', async () => {
    const { server, baseUrl, state, fetchImpl } = await setup();
    server.faults.push({ kind: 'status', status: 429, retryAfterSeconds: 9 });
    const res = await fetchImpl(`${baseUrl}/api/v3/account`);
    expect(res.status).toBe(429);
    expect(state.last?.headers.get('retry-after')).toBe('9');
  });

  it('aborts with the connection’s signal, and refuses to start once it is aborted', async () => {
    const controller = new AbortController();
    const { server, baseUrl, meter, fetchImpl } = await setup(controller.signal);
    server.faults.push({ kind: 'timeout' });
    const pending = fetchImpl(`${baseUrl}/slow`);
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    await expect(fetchImpl(`${baseUrl}/x`)).rejects.toMatchObject({ name: 'AbortError' });
    expect(meter.requests).toBe(1);
  });

  it('also honours the per-request signal ccxt uses for its timeout', async () => {
    const { server, baseUrl, fetchImpl } = await setup();
    server.faults.push({ kind: 'timeout' });
    await expect(fetchImpl(`${baseUrl}/slow`, { signal: AbortSignal.timeout(30) })).rejects.toThrow();
  });
});
