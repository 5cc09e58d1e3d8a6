import { AuthError, RateLimitedError } from '@omnifolio/shared/errors';
import { Decimal, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord } from '@omnifolio/shared/schemas';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activityDeltas } from '../../engine/activity-deltas.js';
import { createTestClock, type TestClock } from '../../simulators/framework/test-clock.js';
import { type SchwabSimCustomer, schwabDemoCustomer } from '../../simulators/schwab/schwab-sim-account.js';
import { SchwabSimulator } from '../../simulators/schwab/schwab-simulator.js';
import { createTestContext, runActivityPass } from '../contract-suite.js';
import { SchwabAccessTokens } from './schwab-access-tokens.js';
import { createSchwabConnector } from './schwab-connector.js';
import { SchwabRequestPacer } from './schwab-request-pacer.js';
import { SCHWAB_AUTHORIZED_AT_SETTING } from './schwab-sign-in.js';

const MARGIN = 'A1F3C0B7E25D49D8A3C64E0F9B81D2C47E6A5B39F0D8C2E1A7B6C5D4E3F2A190';
const CASH = '5D0E8A2B7C91F4E63B0A8D7C6E5F4A3B2C1D0E9F8A7B6C5D4E3F2A1B0C9D8E7F';
const MINUTE = 60_000;
const DAY = 86_400_000;

let clock: TestClock;
let sim: SchwabSimulator;
let customer: SchwabSimCustomer;
let baseUrl: string;
let tokens: SchwabAccessTokens;
let authorizedAt: string;

beforeEach(async () => {
  clock = createTestClock();
  sim = new SchwabSimulator({ clock });
  baseUrl = await sim.start();
  customer = sim.addCustomer(schwabDemoCustomer(clock.now()));
  tokens = new SchwabAccessTokens();
  authorizedAt = new Date(clock.now()).toISOString();
});
afterEach(() => sim.stop());

const connectorWith = (pacer = new SchwabRequestPacer({ perMinute: 10_000 })) => createSchwabConnector({ tokens, pacer, now: clock.now });
const ctxFor = (
  refreshToken: string,
  settings: Record<string, unknown> = { [SCHWAB_AUTHORIZED_AT_SETTING]: authorizedAt },
  cursors = new Map<string, string>(),
) =>
  createTestContext({
    credentials: { appKey: customer.app.appKey, appSecret: customer.app.appSecret, refreshToken },
    settings,
    baseUrls: { schwab: baseUrl },
    cursors,
  });
const tokenRequests = () => sim.requests.to('/v1/oauth/token').length;

describe('Schwab connector: history', () => {
  it('maps trades with their fees, dividends, withholding, interest, sweeps and cash movements; skips memoranda and invalid entries', async () => {
    const refreshToken = sim.issueRefreshToken(customer.app.appKey);
    const { activities } = await runActivityPass(connectorWith(), () => ctxFor(refreshToken), new Map());
    expect(activities.map((a) => [a.accountKey === MARGIN ? 'margin' : 'cash', a.type, a.asset, a.quantity, a.price, a.fee])).toEqual([
      ['margin', 'deposit', 'USD', '25000', null, null],
      ['margin', 'buy', 'NVDA', '10', '120.1', '0.08'],
      ['margin', 'buy', 'VTI', '20', '274.05', null],
      // Written call: 1 contract = 100 shares at the per-share premium; OPT_REG_FEE + commission.
      ['margin', 'sell', 'NVDA 271217C00150000', '100', '3.12', '0.03'],
      ['margin', 'dividend', 'USD', '4.4', null, null],
      ['margin', 'buy', 'SWVXX', '2000', '1', null],
      ['margin', 'dividend', 'USD', '36.12', null, null],
      ['margin', 'fee', 'USD', '0.54', null, null],
      ['margin', 'interest', 'USD', '3.18', null, null],
      ['margin', 'withdrawal', 'USD', '1000', null, null],
      ['cash', 'deposit', 'USD', '7911.05', null, null],
      ['cash', 'buy', 'SWPPX', '120.5', '62.24', null],
    ]);
  });

  it('replayed through the engine, the history rebuilds each account’s cash and holdings exactly', async () => {
    const refreshToken = sim.issueRefreshToken(customer.app.appKey);
    const { activities } = await runActivityPass(connectorWith(), () => ctxFor(refreshToken), new Map());
    const net = (account: string) => {
      const sums = new Map<string, Decimal>();
      activities
        .filter((a) => a.accountKey === account)
        .forEach((a: ActivityRecord, id) => {
          for (const d of activityDeltas({
            id,
            accountId: a.accountKey,
            type: a.type,
            executedAt: a.executedAt,
            assetId: a.asset,
            quantity: a.quantity,
            quoteAssetId: a.quoteAsset,
            price: a.price,
            fee: a.fee,
            feeAssetId: a.feeAsset,
          }))
            sums.set(d.assetId, (sums.get(d.assetId) ?? new Decimal(0)).plus(d.delta));
        });
      return Object.fromEntries([...sums].map(([k, v]) => [k, toDecimalString(v)]));
    };
    // The simulator's balances (schwab-sim-account.ts), not the connector's: cash 15673.05 and 411.13.
    expect(net(MARGIN)).toEqual({ USD: '15673.05', NVDA: '10', VTI: '20', 'NVDA 271217C00150000': '-100', SWVXX: '2000' });
    expect(net(CASH)).toEqual({ USD: '411.13', SWPPX: '120.5' });
  });

  it('asks one year per request with every transaction type, and skips the years Schwab no longer serves', async () => {
    const refreshToken = sim.issueRefreshToken(customer.app.appKey);
    await runActivityPass(connectorWith(), () => ctxFor(refreshToken), new Map());
    const windows = sim.requests.to(`/trader/v1/accounts/${MARGIN}/transactions`);
    for (const w of windows) {
      const q = new URLSearchParams(w.rawQuery);
      expect(Date.parse(q.get('endDate')!) - Date.parse(q.get('startDate')!)).toBeLessThanOrEqual(365 * DAY);
      expect(q.get('types')!.split(',')).toHaveLength(15);
    }
    // The simulator keeps two years. The eight windows before them are refused whole (two
    // requests each: the window and its last day); in the ninth, the served part is found by halving.
    const refusedWhole = windows.filter((w) => w.status === 400 && Date.parse(new URLSearchParams(w.rawQuery).get('endDate')!) < clock.now() - 730 * DAY);
    expect(refusedWhole).toHaveLength(16);
    expect(windows.length).toBeLessThan(40);
  });
});

describe('Schwab connector: pending entries', () => {
  it('a PENDING deposit is not imported; once Schwab books it VALID, the next sync takes it exactly once, even days later', async () => {
    const refreshToken = sim.issueRefreshToken(customer.app.appKey);
    const { schwabSimCash } = await import('../../simulators/schwab/schwab-sim-account.js');
    const deposit = schwabSimCash(clock.now() - 2 * DAY, 'ACH_RECEIPT', 'ACH DEPOSIT', '750', 'PENDING');
    customer.accounts[0]!.transactions.push(deposit);
    const cursors = new Map<string, string>();
    const first = await runActivityPass(connectorWith(), (c) => ctxFor(refreshToken, undefined, new Map(c)), cursors);
    expect(first.activities.some((a) => a.providerRef === `schwab:${deposit.activityId}`)).toBe(false);

    // Past the three days re-read by every sync: only the pending mark brings the entry back.
    clock.advance(5 * DAY);
    const stillPending = await runActivityPass(connectorWith(), (c) => ctxFor(refreshToken, undefined, new Map(c)), cursors);
    expect(stillPending.activities).toEqual([]);

    deposit.status = 'VALID';
    const settled = await runActivityPass(connectorWith(), (c) => ctxFor(refreshToken, undefined, new Map(c)), cursors);
    expect(settled.activities.map((a) => [a.providerRef, a.type, a.quantity])).toEqual([[`schwab:${deposit.activityId}`, 'deposit', '750']]);
    const again = await runActivityPass(connectorWith(), (c) => ctxFor(refreshToken, undefined, new Map(c)), cursors);
    expect(again.activities).toEqual([]);
  });
});

describe('Schwab OAuth', () => {
  it('authorize page → consent → callback with a %40 code and the state → tokens; a code works once and only for its redirect_uri', async () => {
    const { schwabAuthorizeUrl, parseSchwabRedirect, exchangeSchwabCode } = await import('./schwab-oauth.js');
    const callbackUrl = customer.app.callbackUrl;
    const page = await fetch(schwabAuthorizeUrl({ baseUrl, appKey: customer.app.appKey, callbackUrl, state: 'st-1' }));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Allow');
    const consent = await fetch(`${baseUrl}/v1/oauth/authorize`, {
      method: 'POST',
      body: new URLSearchParams({ client_id: customer.app.appKey, redirect_uri: callbackUrl, state: 'st-1', consent: 'allow' }),
      redirect: 'manual',
    });
    expect(consent.status).toBe(302);
    const location = consent.headers.get('location')!;
    expect(location).toMatch(/^https:\/\/127\.0\.0\.1:8182\/\?code=C0\.[^&]+%40&session=[0-9a-f-]{36}&state=st-1$/);
    const redirect = parseSchwabRedirect(location, callbackUrl);
    expect(redirect.code.endsWith('@')).toBe(true);
    expect(redirect.state).toBe('st-1');

    const call = { baseUrl, appKey: customer.app.appKey, appSecret: customer.app.appSecret, signal: new AbortController().signal, now: clock.now };
    // The test clock follows real time: the expiry is 30 minutes after the moment of the exchange.
    const before = clock.now();
    const issued = await exchangeSchwabCode(call, redirect.code, callbackUrl);
    expect(issued.accessTokenExpiresAt).toBeGreaterThanOrEqual(before + 30 * MINUTE);
    expect(issued.accessTokenExpiresAt).toBeLessThanOrEqual(clock.now() + 30 * MINUTE);
    const again = await exchangeSchwabCode(call, redirect.code, callbackUrl).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(AuthError);
    expect((again as AuthError).shortMessage).toBe('Schwab did not accept the sign-in code.');
    // Basic authentication: a wrong secret is invalid_client.
    const wrongSecret = await exchangeSchwabCode({ ...call, appSecret: 'nope' }, redirect.code, callbackUrl).catch((e: unknown) => e);
    expect((wrongSecret as AuthError).shortMessage).toBe('Schwab refused the App Key or App Secret.');
  });

  it('the authorize page refuses a redirect_uri the app did not register', async () => {
    const { schwabAuthorizeUrl } = await import('./schwab-oauth.js');
    const page = await fetch(schwabAuthorizeUrl({ baseUrl, appKey: customer.app.appKey, callbackUrl: 'https://127.0.0.1:9999', state: 's' }));
    expect(page.status).toBe(400);
  });

  it('reads a pasted address: decodes the code once, refuses another address or a Schwab error', async () => {
    const { parseSchwabRedirect } = await import('./schwab-oauth.js');
    expect(parseSchwabRedirect('https://127.0.0.1:8182/?code=C0.abc%2Bdef%40&session=x', 'https://127.0.0.1:8182').code).toBe('C0.abc+def@');
    expect(() => parseSchwabRedirect('https://evil.example/?code=x', 'https://127.0.0.1:8182')).toThrow(
      'The address does not start with the callback URL https://127.0.0.1:8182.',
    );
    expect(() => parseSchwabRedirect('https://127.0.0.1:8182/?session=x', 'https://127.0.0.1:8182')).toThrow('The address has no authorization code.');
    expect(() => parseSchwabRedirect('https://127.0.0.1:8182/?error=access_denied', 'https://127.0.0.1:8182')).toThrow(AuthError);
  });

  it('uses the access token from the code exchange, then renews it 5 minutes before its 30 minutes end', async () => {
    const refreshToken = sim.issueRefreshToken(customer.app.appKey);
    const connector = connectorWith();
    await connector.accounts(ctxFor(refreshToken));
    expect(tokenRequests()).toBe(1);
    clock.advance(24 * MINUTE);
    await connector.accounts(ctxFor(refreshToken));
    expect(tokenRequests()).toBe(1);
    clock.advance(2 * MINUTE);
    await connector.accounts(ctxFor(refreshToken));
    expect(tokenRequests()).toBe(2);
  });

  it('an access token Schwab stopped accepting early is renewed once and the request repeated', async () => {
    const refreshToken = sim.issueRefreshToken(customer.app.appKey);
    tokens.remember(customer.app.appKey, { accessToken: 'revoked@', refreshToken, accessTokenExpiresAt: clock.now() + 20 * MINUTE });
    const accounts = await connectorWith().accounts(ctxFor(refreshToken));
    expect(accounts.map((a) => a.name)).toEqual(['Schwab margin account …967', 'Schwab cash account …357']);
    expect(sim.requests.to('/trader/v1/accounts/accountNumbers').map((r) => r.status)).toEqual([401, 200]);
  });

  it('after 7 days the sync fails with an AuthError that says to re-authorize, without asking Schwab', async () => {
    const refreshToken = sim.issueRefreshToken(customer.app.appKey);
    clock.advance(7 * DAY + MINUTE);
    const error = (await connectorWith()
      .fetchBalances(ctxFor(refreshToken))
      .catch((e: unknown) => e)) as AuthError;
    expect(error).toBeInstanceOf(AuthError);
    expect(error.shortMessage).toMatch(/^Your Schwab sign-in expired on \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    expect(error.hints[0]).toContain('Re-authorize');
    expect(sim.requests.entries).toHaveLength(0);
  });

  it('when the authorization time is unknown, Schwab’s refresh_token_authentication_error is the same AuthError', async () => {
    const refreshToken = sim.issueRefreshToken(customer.app.appKey);
    clock.advance(7 * DAY + MINUTE);
    const error = (await connectorWith()
      .fetchBalances(ctxFor(refreshToken, {}))
      .catch((e: unknown) => e)) as AuthError;
    expect(error).toBeInstanceOf(AuthError);
    expect(error.shortMessage).toBe('Your Schwab sign-in has expired: Schwab ends it 7 days after you authorize.');
    expect(error.details).toBe('refresh_token_authentication_error');
  });
});

describe('Schwab limits', () => {
  it('the pacer holds the 121st request of a minute until the oldest leaves the window', async () => {
    const pacer = new SchwabRequestPacer({ perMinute: 120, now: clock.now, sleep: (ms) => clock.sleep(ms) });
    const signal = new AbortController().signal;
    for (let i = 0; i < 120; i += 1) await pacer.take('app', signal);
    expect(clock.sleeps).toEqual([]);
    await pacer.take('app', signal);
    expect(clock.sleeps).toHaveLength(1);
    expect(clock.sleeps[0]).toBeGreaterThan(59_000);
    expect(clock.sleeps[0]).toBeLessThanOrEqual(60_000);
    // Another app has its own budget.
    await pacer.take('other', signal);
    expect(clock.sleeps).toHaveLength(1);
  });

  it('a 429 from Schwab (another program on the same app) is a RateLimitedError with its Retry-After', async () => {
    const small = new SchwabSimulator({ clock, perMinute: 2 });
    const url = await small.start();
    try {
      const c = small.addCustomer(schwabDemoCustomer(clock.now()));
      const refreshToken = small.issueRefreshToken(c.app.appKey);
      const ctx = createTestContext({
        credentials: { appKey: c.app.appKey, appSecret: c.app.appSecret, refreshToken },
        settings: { [SCHWAB_AUTHORIZED_AT_SETTING]: authorizedAt },
        baseUrls: { schwab: url },
      });
      const connector = connectorWith();
      await connector.accounts(ctx);
      const error = (await connector.accounts(ctx).catch((e: unknown) => e)) as RateLimitedError;
      expect(error).toBeInstanceOf(RateLimitedError);
      expect(error.retryAfterMs).toBeGreaterThan(0);
      expect(error.retryAfterMs).toBeLessThanOrEqual(60_000);
    } finally {
      await small.stop();
    }
  });

  it('a scripted 503 is an UnavailableError naming the endpoint without the account hash', async () => {
    const refreshToken = sim.issueRefreshToken(customer.app.appKey);
    sim.faults.push({ kind: 'status', status: 503, path: '/trader/v1/accounts' });
    await expect(connectorWith().fetchBalances(ctxFor(refreshToken))).rejects.toThrow('Schwab answered HTTP 503 for /trader/v1/accounts.');
  });
});
