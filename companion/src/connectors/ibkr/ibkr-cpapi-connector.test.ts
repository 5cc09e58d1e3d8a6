import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { AuthError, RateLimitedError, UnavailableError } from '@omnifolio/shared/errors';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimulatorServer } from '../../simulators/framework/simulator-server.js';
import { createTestClock, type TestClock } from '../../simulators/framework/test-clock.js';
import { IbkrCpapiSimulator } from '../../simulators/ibkr-cpapi/ibkr-cpapi-simulator.js';
import { loadIbkrDemoAccount } from '../../simulators/ibkr-flex/ibkr-demo-account.js';
import { createTestContext } from '../contract-suite.js';
import { createIbkrCpapiConnector } from './ibkr-cpapi-connector.js';

const fixtures = join(import.meta.dirname, '../../../test/fixtures/ibkr-cpapi');
const fixture = (name: string) => readFileSync(join(fixtures, name), 'utf8');

let clock: TestClock;
let sim: IbkrCpapiSimulator;
const ctx = (url = sim.apiUrl) => createTestContext({ credentials: {}, baseUrls: { 'ibkr-cpapi': url } });

beforeEach(async () => {
  clock = createTestClock();
  sim = new IbkrCpapiSimulator({ clock });
  await sim.start();
  sim.addAccount(loadIbkrDemoAccount());
});
afterEach(() => sim.stop());

describe('IBKR Client Portal connector', () => {
  it('reads ibind’s recorded paper-account answers digit for digit', async () => {
    const recorded = new SimulatorServer({
      handler: (r) => {
        const answers: Record<string, string> = {
          '/v1/api/iserver/auth/status': '{"authenticated":true,"competing":false,"connected":true}',
          '/v1/api/tickle': '{"session":"x"}',
          '/v1/api/portfolio/accounts': fixture('ibind/portfolio_accounts.json'),
          '/v1/api/portfolio/subaccounts': '[]',
          '/v1/api/portfolio/DUMMY_ACCOUNT_ID123/ledger': fixture('ibind/portfolio_ledger.json'),
          '/v1/api/portfolio/DUMMY_ACCOUNT_ID123/positions/0': fixture('ibind/portfolio_positions.json'),
        };
        const text = answers[r.path];
        return text === undefined ? { status: 404, text: 'not found' } : { status: 200, headers: { 'content-type': 'application/json' }, text };
      },
    });
    const url = `${await recorded.start()}/v1/api`;
    try {
      const connector = createIbkrCpapiConnector();
      expect(await connector.accounts(ctx(url))).toEqual([
        { key: 'DUMMY_ACCOUNT_ID123', type: 'brokerage', name: 'IBKR DUMMY_ACCOUNT_ID123 (Geralt of Rivia)' },
      ]);
      const balances = await connector.fetchBalances(ctx(url));
      expect(balances.map((b) => [b.accountKey, b.asset.symbol, b.asset.kind, b.free])).toEqual([
        ['DUMMY_ACCOUNT_ID123', 'USD', 'fiat', '985376.94'],
        ['DUMMY_ACCOUNT_ID123', 'SPY', 'equity', '100'],
      ]);
      expect(recorded.requests.entries.map((e) => e.path.replace('/v1/api', ''))).toContain('/portfolio/DUMMY_ACCOUNT_ID123/positions/0');
    } finally {
      await recorded.stop();
    }
  });

  it('answers with the fixtures’ keys and JSON types', async () => {
    const keysOf = (value: unknown) => Object.keys(value as object).sort();
    const get = async (path: string) => (await fetch(`${sim.apiUrl}${path}`)).json() as Promise<unknown>;
    const [account] = (await get('/portfolio/accounts')) as object[];
    expect(keysOf(account)).toEqual(keysOf((JSON.parse(fixture('ibkr-webapi-docs/portfolio_accounts.json')) as object[])[0]));
    const ledger = (await get('/portfolio/U7654321/ledger')) as Record<string, Record<string, unknown>>;
    const docsLedger = JSON.parse(fixture('ibkr-webapi-docs/portfolio_ledger.json')) as Record<string, Record<string, unknown>>;
    expect(keysOf(ledger.BASE)).toEqual(keysOf(docsLedger.BASE));
    expect(keysOf(ledger.USD)).toEqual(keysOf(docsLedger.USD));
    for (const [key, value] of Object.entries(docsLedger.USD!)) expect(typeof ledger.USD![key], key).toBe(typeof value);
    const [position] = (await get('/portfolio/U7654321/positions/0')) as Record<string, unknown>[];
    const recorded = (JSON.parse(fixture('ibind/portfolio_positions.json')) as Record<string, unknown>[])[0]!;
    for (const key of keysOf(position)) expect(Object.keys(recorded), key).toContain(key);
    for (const key of ['conid', 'position', 'mktPrice', 'mktValue', 'avgCost', 'unrealizedPnl', 'multiplier'])
      expect(typeof position![key], key).toBe('number');
  });

  it('reports every holding as a position with IBKR’s mark (options with their multiplier), stocks also as balances, cash per currency without BASE', async () => {
    const connector = createIbkrCpapiConnector();
    const positions = await connector.fetchPositions!(ctx());
    // Demo account: marks and average costs from ibkr-demo-account.ts; value = qty × mark × multiplier.
    expect(positions.map((p) => [p.symbol, p.side, p.contracts, p.sizeInBase, p.markPrice, p.notional, p.entryPrice, p.unrealizedPnl, p.settleAsset])).toEqual([
      ['AAPL', 'long', '20', '20', '230.5', '4610', '180.25', '1005', 'USD'],
      ['VT', 'long', '35', '35', '120.4', '4214', '101.1', '675.5', 'USD'],
      ['NESN', 'long', '15', '15', '84.12', '1261.8', '95.3', '-167.7', 'CHF'],
      ['AAPL 261218C00300000', 'short', '1', '100', '4.15', '415', '6.2', '205', 'USD'],
    ]);
    const balances = await connector.fetchBalances(ctx());
    expect(balances.filter((b) => b.asset.kind === 'fiat').map((b) => b.asset.symbol)).toEqual(['CHF', 'USD']);
  });

  it('reads positions over all pages', async () => {
    const account = sim.accounts[0]!;
    for (let i = 0; i < 246; i += 1) {
      account.positions.push({
        conid: String(5_000_000 + i),
        symbol: `T${i}`,
        description: `TEST ${i}`,
        assetCategory: 'STK',
        currency: 'USD',
        multiplier: '1',
        position: '1',
        markPrice: '10',
        avgCost: '9',
      });
    }
    const balances = await createIbkrCpapiConnector().fetchBalances(ctx());
    // 3 demo shares + 1 demo option + 246 added.
    expect(balances.filter((b) => b.asset.kind === 'equity')).toHaveLength(250);
    expect(sim.server.requests.to(/\/positions\//).map((e) => e.path.split('/').at(-1))).toEqual(['0', '1', '2']);
  });

  it('a gateway that is not logged in gives one clear AuthError', async () => {
    sim.loggedIn = false;
    const error = await createIbkrCpapiConnector()
      .fetchBalances(ctx())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).shortMessage).toBe('The IBKR Client Portal Gateway is running but not logged in.');
    expect((error as AuthError).hints[0]).toMatch(/log in.*keeps the last synced data/);
    expect(sim.server.requests.to(/portfolio/)).toEqual([]);
  });

  it('a competing session says where the session went', async () => {
    sim.loggedIn = false;
    sim.competing = true;
    const error = (await createIbkrCpapiConnector()
      .accounts(ctx())
      .catch((e: unknown) => e)) as AuthError;
    expect(error.hints[0]).toMatch(/Another IBKR session/);
  });

  it('a gateway that is not running is UnavailableError naming the address and how to start it', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const error = (await createIbkrCpapiConnector()
      .accounts(ctx(`https://127.0.0.1:${port}/v1/api`))
      .catch((e: unknown) => e)) as UnavailableError;
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error.shortMessage).toBe(`Cannot reach the IBKR Client Portal Gateway at https://127.0.0.1:${port}.`);
    expect(error.hints[0]).toMatch(/bin\/run.sh/);
  });

  it('tickles at most once a minute, and the session survives a long sync only because of it', async () => {
    const connector = createIbkrCpapiConnector({ now: () => clock.now() });
    await connector.fetchBalances(ctx());
    await connector.fetchBalances(ctx());
    expect(sim.tickles).toBe(1);
    clock.advance(61_000);
    await connector.fetchBalances(ctx());
    expect(sim.tickles).toBe(2);
    // Seven idle minutes: the gateway drops the session, as the real one does.
    clock.advance(7 * 60_000);
    await expect(connector.fetchBalances(ctx())).rejects.toBeInstanceOf(AuthError);
    sim.logIn();
    await expect(connector.fetchBalances(ctx())).resolves.toHaveLength(6);
  });

  it('asks /portfolio/accounts at most once per minute, below IBKR’s one per five seconds', async () => {
    const connector = createIbkrCpapiConnector();
    await connector.test(ctx());
    await connector.accounts(ctx());
    await connector.fetchBalances(ctx());
    expect(sim.server.requests.to('/v1/api/portfolio/accounts')).toHaveLength(1);
    // A second client (another instance) within five seconds meets the gateway's 429.
    const error = await createIbkrCpapiConnector()
      .accounts(ctx())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
  });
});

describe('IBKR Client Portal connector under scripted faults', () => {
  it('a 503 from the gateway and a cut-off answer are UnavailableErrors naming the call', async () => {
    // One connector: a second one would meet the gateway's limit on /portfolio/accounts.
    const connector = createIbkrCpapiConnector();
    sim.server.faults.push({ kind: 'status', status: 503, path: /\/ledger$/ });
    await expect(connector.fetchBalances(ctx())).rejects.toThrow('The IBKR gateway answered HTTP 503 for /portfolio/U7654321/ledger.');
    sim.server.faults.push({ kind: 'malformedJson', path: /\/positions\/0$/ });
    await expect(connector.fetchBalances(ctx())).rejects.toThrow('The IBKR gateway sent an unreadable answer for /portfolio/U7654321/positions/0.');
  });

  it('a gateway that hangs is given up when the sync is cancelled', async () => {
    sim.server.faults.push({ kind: 'timeout', path: /\/ledger$/ });
    const controller = new AbortController();
    const c = createTestContext({ credentials: {}, baseUrls: { 'ibkr-cpapi': sim.apiUrl }, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(createIbkrCpapiConnector().fetchBalances(c)).rejects.toMatchObject({ name: 'AbortError' });
  });
});
