import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHWAB_AUTHORIZED_AT_SETTING } from '../../src/connectors/schwab/schwab-sign-in.js';
import { type CoinGeckoSimulator, createCoinGeckoSimulator } from '../../src/simulators/coingecko/coingecko-simulator.js';
import { createTestClock } from '../../src/simulators/framework/test-clock.js';
import { type SchwabSimCustomer, schwabDemoCustomer } from '../../src/simulators/schwab/schwab-sim-account.js';
import { SchwabSimulator } from '../../src/simulators/schwab/schwab-simulator.js';
import { authedCall, createTestCompanion, type TestCompanion } from '../support/test-companion.js';

/**
 * Schwab through the API, as the options page drives it: start a sign-in, let the simulated
 * Schwab log in and redirect, hand the address back; the connection is added and syncs. A
 * redirect carrying another sign-in's state is refused. A day before the weekly sign-in ends the
 * connection carries the warning; after it ends the sync fails with an AuthError and the stored
 * holdings stay; one click re-authorizes and the next sync works again.
 */
describe('Schwab sign-in → connection → sync, through the API', () => {
  const clock = createTestClock();
  let schwab: SchwabSimulator;
  let coingecko: CoinGeckoSimulator;
  let customer: SchwabSimCustomer;
  let t: TestCompanion;
  let token: string;
  let connectionId: string;
  const call = authedCall(
    () => t,
    () => token,
  );

  /** What the browser does between opening `authorizeUrl` and reaching the callback. */
  async function signInAtSchwab(authorizeUrl: string): Promise<string> {
    const page = await fetch(authorizeUrl);
    expect(page.status).toBe(200);
    const url = new URL(authorizeUrl);
    const consent = await fetch(`${url.origin}/v1/oauth/authorize`, {
      method: 'POST',
      body: new URLSearchParams({
        client_id: url.searchParams.get('client_id')!,
        redirect_uri: url.searchParams.get('redirect_uri')!,
        state: url.searchParams.get('state')!,
        consent: 'allow',
      }),
      redirect: 'manual',
    });
    return consent.headers.get('location')!;
  }

  beforeAll(async () => {
    schwab = new SchwabSimulator({ clock });
    customer = schwab.addCustomer(schwabDemoCustomer());
    coingecko = createCoinGeckoSimulator({ rateLimitPerMinute: Number.POSITIVE_INFINITY });
    const [s, c] = await Promise.all([schwab.start(), coingecko.start()]);
    t = await createTestCompanion({ providerUrls: { schwab: s, coingecko: c } });
    token = await t.pair();
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([schwab.stop(), coingecko.stop()]);
  });

  it('refuses a callback URL that is not HTTPS, before anything is stored', async () => {
    const res = await call('/api/schwab/authorizations', {
      method: 'POST',
      body: { label: 'Schwab', appKey: customer.app.appKey, appSecret: customer.app.appSecret, callbackUrl: 'http://127.0.0.1:8182' },
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('Schwab requires an HTTPS callback URL.');
  });

  it('refuses an address whose state belongs to another sign-in, and an unknown sign-in', async () => {
    const started = await call('/api/schwab/authorizations', {
      method: 'POST',
      body: { label: 'Schwab', appKey: customer.app.appKey, appSecret: customer.app.appSecret, callbackUrl: customer.app.callbackUrl },
    });
    expect(started.status).toBe(201);
    const other = await call('/api/schwab/authorizations', {
      method: 'POST',
      body: { label: 'Schwab 2', appKey: customer.app.appKey, appSecret: customer.app.appSecret, callbackUrl: customer.app.callbackUrl },
    });
    // The browser finished the second sign-in; its address is handed to the first.
    const address = await signInAtSchwab(other.body.authorizeUrl);
    const mismatch = await call(`/api/schwab/authorizations/${started.body.state}/complete`, { method: 'POST', body: { redirectedUrl: address } });
    // AuthError: the provider side refused (422), not this companion's own token check (401).
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.message).toBe('This address belongs to a different Schwab sign-in.');
    const unknown = await call('/api/schwab/authorizations/not-issued-here/complete', { method: 'POST', body: { redirectedUrl: address } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toBe('This Schwab sign-in was not started here, or took longer than 15 minutes.');
    expect((await call('/api/connections')).body).toEqual([]);
    expect(schwab.requests.to('/v1/oauth/token')).toHaveLength(0);
  });

  it('a completed sign-in adds the connection, which syncs cash and positions at Schwab’s values', async () => {
    const started = await call('/api/schwab/authorizations', {
      method: 'POST',
      body: { label: 'Schwab', appKey: customer.app.appKey, appSecret: customer.app.appSecret, callbackUrl: customer.app.callbackUrl },
    });
    expect(started.body.authorizeUrl).toBe(
      `${schwab.baseUrl}/v1/oauth/authorize?client_id=${customer.app.appKey}&redirect_uri=${encodeURIComponent(customer.app.callbackUrl)}&state=${started.body.state}`,
    );
    const address = await signInAtSchwab(started.body.authorizeUrl);
    expect(address).toContain('%40');
    const done = await call(`/api/schwab/authorizations/${started.body.state}/complete`, { method: 'POST', body: { redirectedUrl: address } });
    expect(done.status).toBe(201);
    connectionId = done.body.id;
    expect(done.body.accounts.map((a: { name: string }) => a.name).sort()).toEqual(['Schwab cash account …357', 'Schwab margin account …967']);
    await t.core.runner.idle();

    // The sign-in's state was used once: completing it again is refused.
    const replay = await call(`/api/schwab/authorizations/${started.body.state}/complete`, { method: 'POST', body: { redirectedUrl: address } });
    expect(replay.status).toBe(400);

    // Cash 15673.05 + 411.13; market values 1384.6 + 5903.8 − 185 + 2000 + 10440.12 (schwab-sim-account.ts).
    const overview = (await call('/api/overview')).body;
    expect(overview.connections).toHaveLength(1);
    expect(overview.connections[0]).toMatchObject({ providerId: 'schwab', status: 'ok', value: { usd: '35627.7' } });
    // The stored secret holds the refresh token, never the database row or the API.
    expect(JSON.stringify((await call('/api/connections')).body)).not.toContain(customer.app.appSecret);
    const signIns = (await call('/api/schwab/sign-ins')).body;
    expect(signIns).toEqual([{ connectionId, label: 'Schwab', state: 'ok', expiresAt: expect.any(String), message: null }]);
  });

  it('from 24 hours before the end, the sign-in carries the warning', async () => {
    const row = t.core.connectionsRepo.get(connectionId);
    const authorizedAt = new Date(Date.now() - (6 * 24 + 13) * 3_600_000 - 60_000).toISOString();
    t.core.connectionsRepo.update(connectionId, { settings: { ...row.settings, [SCHWAB_AUTHORIZED_AT_SETTING]: authorizedAt } });
    const [signIn] = (await call('/api/schwab/sign-ins')).body;
    expect(signIn).toMatchObject({ state: 'expiring', message: 'Schwab sign-in expires in 10 h — Re-authorize.' });
  });

  it('after Schwab ends the sign-in the sync fails with an AuthError saying to re-authorize; the holdings stay', async () => {
    clock.advance(7 * 24 * 3_600_000 + 60_000);
    const before = (await call('/api/overview')).body.connections[0].value;
    const run = await call(`/api/connections/${connectionId}/sync`, { method: 'POST' });
    expect(run.status).toBe(202);
    await t.core.runner.idle();
    const connection = (await call('/api/connections')).body.find((c: { id: string }) => c.id === connectionId);
    expect(connection.status).toBe('error');
    expect(connection.lastError.code).toBe('auth_failed');
    expect(connection.lastError.message).toBe('Your Schwab sign-in has expired: Schwab ends it 7 days after you authorize.');
    expect(connection.lastError.hints.join(' ')).toContain('Re-authorize');
    expect((await call('/api/overview')).body.connections[0].value).toEqual(before);
  });

  it('one click re-authorizes with the stored app; the connection syncs again', async () => {
    const started = await call('/api/schwab/authorizations', { method: 'POST', body: { connectionId } });
    expect(started.status).toBe(201);
    const address = await signInAtSchwab(started.body.authorizeUrl);
    const done = await call(`/api/schwab/authorizations/${started.body.state}/complete`, { method: 'POST', body: { redirectedUrl: address } });
    expect(done.status).toBe(201);
    expect(done.body.id).toBe(connectionId);
    await t.core.runner.idle();
    const connection = (await call('/api/connections')).body.find((c: { id: string }) => c.id === connectionId);
    expect(connection.status).toBe('ok');
    expect((await call('/api/schwab/sign-ins')).body[0]).toMatchObject({ state: 'ok', message: null });
    expect((await call('/api/connections')).body).toHaveLength(1);
  });
});
