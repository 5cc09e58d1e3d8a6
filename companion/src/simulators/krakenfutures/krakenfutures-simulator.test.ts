import { afterEach, describe, expect, it } from 'vitest';
import { createTestClock } from '../framework/test-clock.js';
import { krakenFuturesDemoAccount } from './demo-account.js';
import { signKrakenFuturesRequest } from './krakenfutures-signature.js';
import { KrakenFuturesSimulator } from './krakenfutures-simulator.js';

const clock = createTestClock();
const sims: KrakenFuturesSimulator[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

/** A clock that stands still unless moved, so a budget's refill during a test's requests cannot blur its edge. */
function frozenClock() {
  let at = Date.now();
  return {
    now: () => at,
    advance: (ms: number) => {
      at += ms;
    },
  };
}

async function started(simClock: { now(): number } = clock) {
  const sim = new KrakenFuturesSimulator({ clock: simClock });
  sims.push(sim);
  const baseUrl = await sim.start();
  const demo = sim.addAccount(krakenFuturesDemoAccount(clock.now()));
  /** A signed GET the way the documentation describes it; `sign` overrides the signed path or secret to show what is refused. */
  const get = async (path: string, query = '', options: { nonce?: string; signedPath?: string; secret?: string } = {}) => {
    const endpointPath = options.signedPath ?? path.replace(/^\/derivatives/, '');
    const headers: Record<string, string> = {
      APIKey: demo.apiKey,
      Authent: signKrakenFuturesRequest(options.secret ?? demo.secret, query, options.nonce ?? '', endpointPath),
    };
    if (options.nonce !== undefined) headers.Nonce = options.nonce;
    const response = await fetch(`${baseUrl}${path}${query === '' ? '' : `?${query}`}`, { headers });
    return { status: response.status, text: await response.text() };
  };
  return { sim, demo, get };
}

describe('Kraken Futures simulator', () => {
  it('re-derives Authent over postData + nonce + the path without /derivatives, keyed with the decoded secret', async () => {
    const { get, demo } = await started();
    const ok = await get('/derivatives/api/v3/accounts');
    expect(ok.status).toBe(200);
    // Amounts are bare JSON numbers with exactly the scripted digits.
    expect(ok.text).toContain('"USD":{"quantity":15128.2746,');
    expect(ok.text).toContain('"balances":{"pi_xbtusd":-1000,"xbt":0.0199933679}');
    // The path as requested (with /derivatives) is not what Kraken signs.
    expect((await get('/derivatives/api/v3/accounts', '', { signedPath: '/derivatives/api/v3/accounts' })).text).toContain('"error":"authenticationError"');
    // The secret's text instead of its Base64-decoded bytes.
    const asText = Buffer.from(demo.secret, 'utf8').toString('base64');
    expect((await get('/derivatives/api/v3/accounts', '', { secret: asText })).status).toBe(401);
    // The query is part of what is signed.
    expect((await get('/api/history/v3/account-log', 'count=5&sort=asc')).status).toBe(200);
  });

  it('refuses a nonce used before and one far below the largest seen', async () => {
    const { get } = await started();
    const now = clock.now();
    expect((await get('/derivatives/api/v3/accounts', '', { nonce: String(now) })).status).toBe(200);
    expect((await get('/derivatives/api/v3/accounts', '', { nonce: String(now) })).text).toContain('"error":"nonceDuplicate"');
    // Slightly out of order is tolerated, far below is not.
    expect((await get('/derivatives/api/v3/accounts', '', { nonce: String(now - 5) })).status).toBe(200);
    expect((await get('/derivatives/api/v3/accounts', '', { nonce: String(now - 60_000) })).text).toContain('"error":"nonceBelowThreshold"');
  });

  it('charges the documented costs: 500 units per 10 s for /derivatives, account-log by count from 100 tokens per 10 minutes', async () => {
    const frozen = frozenClock();
    const { get } = await started(frozen);
    // accounts costs 2: 250 calls spend the pool of 500.
    for (let i = 0; i < 250; i += 1) expect((await get('/derivatives/api/v3/accounts')).status).toBe(200);
    expect((await get('/derivatives/api/v3/accounts')).text).toContain('"error":"apiLimitExceeded"');
    frozen.advance(10_000);
    expect((await get('/derivatives/api/v3/openpositions')).status).toBe(200);
    // count 5000 costs 6: sixteen calls spend 96 of 100 tokens, the seventeenth is refused,
    // while a count of 25 (cost 1) still fits; one minute refills 10 tokens.
    for (let i = 0; i < 16; i += 1) expect((await get('/api/history/v3/account-log', 'count=5000')).status).toBe(200);
    expect((await get('/api/history/v3/account-log', 'count=5000')).text).toContain('"error":"apiLimitExceeded"');
    expect((await get('/api/history/v3/account-log', 'count=25')).status).toBe(200);
    frozen.advance(60_000);
    expect((await get('/api/history/v3/account-log', 'count=5000')).status).toBe(200);
  });

  it('pages the account log newest first unless sort=asc, by inclusive id ranges, at most count rows', async () => {
    const { get } = await started();
    const ids = async (query: string) =>
      (JSON.parse((await get('/api/history/v3/account-log', query)).text) as { logs: { id: number }[] }).logs.map((r) => r.id);
    expect(await ids('count=3')).toEqual([18, 17, 16]);
    expect(await ids('count=3&from=5&sort=asc')).toEqual([5, 6, 7]);
    expect(await ids('from=16&sort=asc')).toEqual([16, 17, 18]);
    expect(await ids('from=2&to=4')).toEqual([4, 3, 2]);
    expect((await get('/api/history/v3/account-log', 'count=0')).status).toBe(400);
  });

  it('answers maintenance with HTTP 503 unavailable and unknown paths with 404', async () => {
    const { sim, get } = await started();
    expect((await get('/derivatives/api/v3/withdrawal')).status).toBe(404);
    sim.maintenance = true;
    const down = await get('/derivatives/api/v3/accounts');
    expect(down.status).toBe(503);
    expect(down.text).toContain('"error":"unavailable"');
  });
});
