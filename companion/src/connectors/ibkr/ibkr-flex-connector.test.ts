import { AuthError, RateLimitedError, UnavailableError, ValidationError } from '@omnifolio/shared/errors';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadIbkrDemoAccount } from '../../simulators/ibkr-flex/ibkr-demo-account.js';
import { IbkrFlexSimulator } from '../../simulators/ibkr-flex/ibkr-flex-simulator.js';
import { createTestContext } from '../contract-suite.js';
import { downloadFlexStatement } from './flex/flex-web-service.js';
import { createIbkrFlexConnector } from './ibkr-flex-connector.js';

let sim: IbkrFlexSimulator;
let sleeps: number[];
const sleep = async (ms: number) => {
  sleeps.push(ms);
};

beforeEach(async () => {
  sim = new IbkrFlexSimulator();
  await sim.start();
  sleeps = [];
});
afterEach(() => sim.stop());

const ctx = (token: string, queryId: string) => createTestContext({ credentials: { token, queryId }, baseUrls: { 'ibkr-flex': sim.flexUrl } });

describe('Flex Web Service client', () => {
  it('polls while IBKR answers 1019, with growing pauses, then returns the statement', async () => {
    const q = sim.addQuery({ accounts: [loadIbkrDemoAccount()], notReadyPolls: 3 });
    const xml = await downloadFlexStatement({ baseUrl: sim.flexUrl, token: q.token, queryId: q.queryId, signal: new AbortController().signal, sleep });
    expect(xml).toContain('<FlexQueryResponse');
    expect(sleeps).toEqual([1_000, 2_000, 4_000, 8_000]);
    const paths = sim.server.requests.entries.map((r) => r.path.split('/').at(-1));
    expect(paths).toEqual(['SendRequest', 'GetStatement', 'GetStatement', 'GetStatement', 'GetStatement']);
    expect(sim.server.requests.entries.every((r) => r.rawQuery.includes('v=3'))).toBe(true);
  });

  it('gives up with UnavailableError when the statement is still not ready after the longest wait', async () => {
    const q = sim.addQuery({ accounts: [loadIbkrDemoAccount()], notReadyPolls: 100 });
    const attempt = downloadFlexStatement({
      baseUrl: sim.flexUrl,
      token: q.token,
      queryId: q.queryId,
      signal: new AbortController().signal,
      sleep,
      pollDelaysMs: [1_000],
      maxWaitMs: 3_000,
    });
    await expect(attempt).rejects.toBeInstanceOf(UnavailableError);
    await expect(attempt).rejects.toThrow(/still preparing.*1019/);
    expect(sleeps).toEqual([1_000, 1_000, 1_000]);
  });

  it('an expired token (1012) is an AuthError that says how to make a new one', async () => {
    const q = sim.addQuery({ accounts: [loadIbkrDemoAccount()], tokenExpiresAt: Date.now() - 1 });
    const error = await downloadFlexStatement({ baseUrl: sim.flexUrl, token: q.token, queryId: q.queryId, signal: new AbortController().signal, sleep }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).shortMessage).toBe('The Flex Web Service token has expired. IBKR said: "Token has expired." (code 1012).');
    expect((error as AuthError).hints[0]).toMatch(/Flex Web Service Configuration/);
  });

  it('an unknown query id (1014) names the field to fix', async () => {
    const q = sim.addQuery({ accounts: [loadIbkrDemoAccount()] });
    const error = await downloadFlexStatement({ baseUrl: sim.flexUrl, token: q.token, queryId: '999', signal: new AbortController().signal, sleep }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([{ path: 'credentials.queryId', message: 'Invalid query' }]);
  });

  it('the eleventh request in a minute (1018) is a RateLimitedError asking to wait a minute', async () => {
    const q = sim.addQuery({ accounts: [loadIbkrDemoAccount()], notReadyPolls: 0 });
    const run = () => downloadFlexStatement({ baseUrl: sim.flexUrl, token: q.token, queryId: q.queryId, signal: new AbortController().signal, sleep });
    for (let i = 0; i < 5; i += 1) await run(); // 10 requests
    const error = await run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(60_000);
  });

  it('stops waiting when the sync is cancelled', async () => {
    const q = sim.addQuery({ accounts: [loadIbkrDemoAccount()], notReadyPolls: 5 });
    const controller = new AbortController();
    const attempt = downloadFlexStatement({ baseUrl: sim.flexUrl, token: q.token, queryId: q.queryId, signal: controller.signal, pollDelaysMs: [5_000] });
    setTimeout(() => controller.abort(), 20);
    await expect(attempt).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('IBKR Flex connector', () => {
  it('one download serves accounts, balances, positions and activities of a sync', async () => {
    const q = sim.addQuery({ accounts: [loadIbkrDemoAccount()], notReadyPolls: 1 });
    const connector = createIbkrFlexConnector({ sleep });
    const c = ctx(q.token, q.queryId);
    const result = await connector.test(c);
    expect(result).toEqual({ accounts: [{ key: 'U7654321', type: 'brokerage', name: 'IBKR U7654321 (Demo IBKR)' }], warnings: [] });
    await connector.fetchBalances(c);
    const positions = await connector.fetchPositions!(c);
    expect(positions.map((p) => [p.symbol, p.side, p.contracts, p.sizeInBase, p.markPrice, p.notional])).toEqual([
      ['AAPL', 'long', '20', '20', '230.5', '4610'],
      ['VT', 'long', '35', '35', '120.4', '4214'],
      ['NESN', 'long', '15', '15', '84.12', '1261.8'],
      ['AAPL 261218C00300000', 'short', '1', '100', '4.15', '415'],
    ]);
    const pages = [];
    for await (const page of connector.fetchActivities!(c)) pages.push(page);
    expect(pages.flatMap((p) => p.activities).map((a) => a.type)).toEqual([
      'deposit',
      'deposit',
      'buy',
      'buy',
      'buy',
      'dividend',
      'fee',
      'fee',
      'sell',
      'interest',
    ]);
    expect(sim.server.requests.entries).toHaveLength(3);
  });

  it('warns when the query lacks a section it needs', async () => {
    const q = sim.addQuery({ accounts: [loadIbkrDemoAccount()], notReadyPolls: 0 });
    const connector = createIbkrFlexConnector({ sleep, cacheMs: 0 });
    // A query without Open Positions: strip the section from the rendered statement.
    const fetchOriginal = globalThis.fetch;
    globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
      const response = await fetchOriginal(input, init);
      const text = await response.text();
      return new Response(text.replace(/<OpenPositions>[\s\S]*?<\/OpenPositions>/, ''), { status: response.status });
    }) as typeof fetch;
    try {
      const result = await connector.test(ctx(q.token, q.queryId));
      expect(result.warnings).toEqual(['The Flex query has no Open Positions section, so holdings cannot be shown. Edit the query and tick Open Positions.']);
    } finally {
      globalThis.fetch = fetchOriginal;
    }
  });
});

describe('Flex Web Service under scripted faults', () => {
  it('an HTTP 503 from IBKR’s front end is an UnavailableError', async () => {
    const q = sim.addQuery({ accounts: [loadIbkrDemoAccount()], notReadyPolls: 0 });
    sim.server.faults.push({ kind: 'status', status: 503, path: /GetStatement$/ });
    const attempt = downloadFlexStatement({ baseUrl: sim.flexUrl, token: q.token, queryId: q.queryId, signal: new AbortController().signal, sleep });
    await expect(attempt).rejects.toThrow('IBKR’s Flex Web Service answered HTTP 503.');
  });
});

describe('IBKR Flex connector time zone', () => {
  it('reads times in the zone the user set, and refuses a zone that does not exist', async () => {
    const q = sim.addQuery({ accounts: [loadIbkrDemoAccount()], notReadyPolls: 0 });
    const connector = createIbkrFlexConnector({ sleep, cacheMs: 0 });
    const at = async (timeZone: string) => {
      const c = createTestContext({ credentials: { token: q.token, queryId: q.queryId, timeZone }, baseUrls: { 'ibkr-flex': sim.flexUrl } });
      const pages = [];
      for await (const page of connector.fetchActivities!(c)) pages.push(...page.activities);
      return pages.find((a) => a.type === 'buy')!.executedAt;
    };
    // The statement's wall-clock time is the same; only the zone it is read in differs.
    const wallClock = (iso: string, timeZone: string) => new Date(iso).toLocaleString('en-GB', { timeZone, hourCycle: 'h23' });
    const eastern = await at('');
    const zurich = await at('Europe/Zurich');
    expect(eastern).not.toBe(zurich);
    expect(wallClock(zurich, 'Europe/Zurich')).toBe(wallClock(eastern, 'America/New_York'));
    const bad = createTestContext({ credentials: { token: q.token, queryId: q.queryId, timeZone: 'Mars/Olympus' }, baseUrls: { 'ibkr-flex': sim.flexUrl } });
    await expect(connector.test(bad)).rejects.toThrow('"Mars/Olympus" is not a time zone name.');
  });
});
