import { readFileSync } from 'node:fs';
import { AuthError, ClockSkewError, PermissionError, RateLimitedError, UnavailableError } from '@omnifolio/shared/errors';
import { dec } from '@omnifolio/shared/money';
import { afterEach, describe, expect, it } from 'vitest';
import type { BybitSimAccount, BybitWireExecution, BybitWirePosition, BybitWireTransaction } from '../../simulators/bybit/bybit-sim-account.js';
import { BybitSimulator } from '../../simulators/bybit/bybit-simulator.js';
import { bybitDemoAccount } from '../../simulators/bybit/demo-account.js';
import { createTestClock } from '../../simulators/framework/test-clock.js';
import { createTestContext, runActivityPass } from '../contract-suite.js';
import { bybitSpotExecutionActivity, spotPairOf } from './bybit-activity.js';
import { createBybitConnector } from './bybit-connector.js';

interface CcxtCase {
  description: string;
  httpResponse: { result: { list: Record<string, unknown>[] } };
  parsedResponse: unknown;
}
const ccxtBybit = JSON.parse(readFileSync(new URL('../../../test/fixtures/bybit/ccxt-bybit.json', import.meta.url), 'utf8')) as {
  methods: Record<string, CcxtCase[]>;
};
const ccxtCase = (method: string, description: string) => ccxtBybit.methods[method]?.find((c) => c.description === description) as CcxtCase;

const DAY_MS = 86_400_000;
const clock = createTestClock();
// ccxt spaces requests by cost × rateLimit ms; the transfer list costs 50 (Bybit: 1 per second), so
// 0.1 ms keeps a two-year walk of 7-day windows quick while the simulator still enforces Bybit's limits.
const connector = createBybitConnector({ clock, config: { rateLimit: 0.1, timeout: 500 } });
const simulators: BybitSimulator[] = [];
afterEach(async () => {
  await Promise.all(simulators.splice(0).map((s) => s.stop()));
});

async function setup(overrides: Partial<BybitSimAccount> = {}) {
  const sim = new BybitSimulator({ clock });
  simulators.push(sim);
  const baseUrl = await sim.start();
  const account = sim.addAccount({ ...bybitDemoAccount(clock.now()), ...overrides });
  const credentials = { apiKey: account.apiKey, secret: account.secret };
  const context = (cursors: ReadonlyMap<string, string> = new Map(), creds: Record<string, string> = credentials) =>
    createTestContext({ credentials: creds, baseUrls: { bybit: baseUrl }, cursors });
  return { sim, account, context, credentials };
}

const noHistory = { executions: [], transactions: [], deposits: [], internalDeposits: [], withdrawals: [], transfers: [], earnYield: [] };

describe('Bybit balances', () => {
  it('equal ccxt’s parsed used for its recorded unified wallet, and its total plus the unrealized PnL ccxt leaves out, exactly', async () => {
    const fixture = ccxtCase('fetchBalance', 'balance after availableToWithdraw update');
    const { context } = await setup({ unifiedResponse: fixture.httpResponse, fund: [], earn: [] });
    const balances = await connector.fetchBalances(context());
    const parsed = fixture.parsedResponse as Record<'total' | 'free' | 'used', Record<string, number>>;
    expect(new Set(balances.map((b) => b.asset.symbol))).toEqual(new Set(Object.keys(parsed.total)));
    const coins = (fixture.httpResponse as { result: { list: { coin: { coin: string; unrealisedPnl: string }[] }[] } }).result.list[0]?.coin ?? [];
    for (const balance of balances) {
      const symbol = balance.asset.symbol;
      const upnl = coins.find((c) => c.coin === symbol)?.unrealisedPnl || '0';
      expect(balance.accountKey).toBe('unified');
      expect(balance.locked, symbol).toBe(String(parsed.used[symbol]));
      // ccxt's total is walletBalance; ours is the coin's equity, walletBalance + unrealisedPnl.
      expect(dec(balance.free).plus(balance.locked).toString(), symbol).toBe(dec(String(parsed.total[symbol])).plus(upnl).toString());
    }
  });

  it('report a borrowed coin as a negative balance, with nothing locked', async () => {
    const { context } = await setup();
    const usdc = (await connector.fetchBalances(context())).find((b) => b.accountKey === 'unified' && b.asset.symbol === 'USDC');
    // walletBalance −1500.25 (borrowed) plus the bought call's unrealized PnL of 165.25 USDC.
    expect(usdc).toMatchObject({ free: '-1335', locked: '0' });
  });
});

describe('Bybit positions', () => {
  it('map ccxt’s recorded linear position to its parsed values, notional at the mark price', async () => {
    const fixture = ccxtCase('fetchPositions', 'Fetch linear position');
    const rows = fixture.httpResponse.result.list.map((row) => ({ ...row, category: 'linear', settleCoin: 'USDT' })) as BybitWirePosition[];
    const { context } = await setup({ positions: rows });
    const [parsed] = fixture.parsedResponse as Record<string, number | string | null>[];
    const positions = (await connector.fetchPositions?.(context())) ?? [];
    expect(positions).toHaveLength(1);
    expect(positions[0]).toMatchObject({
      symbol: 'LTCUSDT',
      side: parsed?.side,
      contracts: String(parsed?.contracts),
      sizeInBase: String(dec(String(parsed?.contracts)).mul(String(parsed?.contractSize))),
      entryPrice: String(parsed?.entryPrice),
      markPrice: String(parsed?.markPrice),
      // ccxt's notional (77.519375) is Bybit's positionValue at the entry price; at the mark: 1.2 × 71.1.
      notional: '85.32',
      unrealizedPnl: String(parsed?.unrealizedPnl),
      leverage: String(parsed?.leverage),
      liquidationPrice: parsed?.liquidationPrice,
      marginMode: 'cross',
      margin: String(parsed?.initialMargin),
      settleAsset: 'USDT',
    });
  });

  it('use the isolated margin when the unified account is in isolated margin mode', async () => {
    const { context } = await setup({ marginMode: 'ISOLATED_MARGIN' });
    const positions = (await connector.fetchPositions?.(context())) ?? [];
    // The bought option has no margin mode.
    expect(positions.map((p) => p.marginMode)).toEqual(['isolated', 'isolated', 'isolated', null]);
  });
});

describe('Bybit history', () => {
  it('maps ccxt’s recorded spot executions as ccxt parses them; without feeCurrency a buy pays in the coin bought', async () => {
    const cases = [ccxtCase('fetchMyTrades', 'spot private trade'), ccxtCase('fetchMyTrades', 'spot trades without symbol')];
    const executions = cases.map((c, i) => ({
      ...(c.httpResponse.result.list[0] as BybitWireExecution),
      category: 'spot' as const,
      // Recorded in 2023 and 2024; moved into the last two years, which is what Bybit serves.
      execTime: String(clock.now() - (i + 1) * DAY_MS),
    }));
    const { context } = await setup({ ...noHistory, executions });
    const { activities } = await runActivityPass(connector, (c) => context(c), new Map());
    expect(activities).toHaveLength(2);
    for (const [i, c] of cases.entries()) {
      const [parsed] = c.parsedResponse as { id: string; side: string; amount: number; price: number; fee: { cost: number; currency: string } }[];
      expect(activities.find((a) => a.providerRef === `exec:spot:${parsed?.id}`)).toMatchObject({
        type: parsed?.side,
        asset: i === 0 ? 'BTC' : 'ETH',
        quoteAsset: 'USDT',
        quantity: String(parsed?.amount),
        price: String(parsed?.price),
        fee: dec(String(parsed?.fee.cost)).toFixed(),
        feeAsset: parsed?.fee.currency,
        executedAt: new Date(Number(executions[i]?.execTime)).toISOString(),
      });
    }
  });

  it('does not count the funding row of an execution list as a trade, as ccxt does', () => {
    const fixture = ccxtCase('fetchMyTrades', 'Swap private trade');
    const [parsed] = fixture.parsedResponse as { side: string; amount: number }[];
    expect([parsed?.side, parsed?.amount]).toEqual(['buy', 1.2]);
    const row = fixture.httpResponse.result.list[0] as Record<string, unknown>;
    expect(row.execType).toBe('Funding');
    expect(bybitSpotExecutionActivity(row, new Map([['LTCUSDT', { base: 'LTC', quote: 'USDT' }]]), 'unified')).toBeUndefined();
  });

  it('reads ccxt’s recorded funding settlement from the transaction log as funding paid, negative', async () => {
    const fixture = ccxtCase('fetchLedger', 'fetch ledger');
    const row = { ...(fixture.httpResponse.result.list[0] as BybitWireTransaction), transactionTime: String(clock.now() - DAY_MS) };
    const { context } = await setup({ ...noHistory, transactions: [row] });
    const [parsed] = fixture.parsedResponse as { id: string; amount: number; currency: string; direction: string }[];
    const { activities } = await runActivityPass(connector, (c) => context(c), new Map());
    expect(parsed?.direction).toBe('out');
    expect(activities).toEqual([
      expect.objectContaining({ providerRef: `ledger:SETTLEMENT:${parsed?.id}`, type: 'funding', asset: parsed?.currency, quantity: `-${parsed?.amount}` }),
    ]);
  });

  it('backfills two years in Bybit’s windows (7 days, 30 for transfers) and asks nothing the simulator does not serve', async () => {
    const { sim, context } = await setup();
    const { activities } = await runActivityPass(connector, (c) => context(c), new Map());
    const refs = new Set(activities.map((a) => a.providerRef));
    expect(refs.has('deposit:a7d3e2c1-0001')).toBe(true); // 400 days old
    // From another Bybit user; its createdTime counts seconds.
    expect(activities.find((a) => a.providerRef === 'deposit:internal:1103')).toMatchObject({
      type: 'deposit',
      asset: 'USDT',
      quantity: '500',
      accountKey: 'funding',
    });
    expect(refs.has('withdrawal:wd-9f21-0002')).toBe(false); // rejected
    expect(activities.filter((a) => a.type === 'buy' || a.type === 'sell')).toHaveLength(160);
    // 30 settlements per perpetual, BTCUSDT paid (fee), ETHUSDT received (funding); the transfer and the spot row are not activities.
    expect(activities.filter((a) => a.providerRef.startsWith('ledger:SETTLEMENT:'))).toHaveLength(60);
    expect(refs.has('ledger:TRANSFER_IN:452265_USDT_157751527004')).toBe(false);
    expect(activities.find((a) => a.providerRef === 'ledger:INTEREST:452265_USDC_157751527003')).toMatchObject({
      type: 'fee',
      asset: 'USDC',
      quantity: '0.41095891',
    });
    expect(sim.requests.notFound()).toEqual([]);
    for (const entry of sim.requests.to('/v5/execution/list')) {
      const q = new URLSearchParams(entry.rawQuery);
      expect(Number(q.get('endTime')) - Number(q.get('startTime'))).toBeLessThanOrEqual(7 * DAY_MS);
    }
  });

  it('holds the cursor at a pending deposit and records it once it settles', async () => {
    const pending = { id: 'dep-pending', coin: 'BTC', chain: 'BTC', amount: '0.2', status: 2, successAt: String(clock.now() - 2 * DAY_MS), txID: 'ab' };
    const { context } = await setup({ ...noHistory, deposits: [pending] });
    const cursors = new Map<string, string>();
    expect((await runActivityPass(connector, (c) => context(c), cursors)).activities).toEqual([]);
    pending.status = 3;
    const next = await runActivityPass(connector, (c) => context(c), cursors);
    expect(next.activities.map((a) => a.providerRef)).toEqual(['deposit:dep-pending']);
  });
});

describe('Bybit keys and errors', () => {
  it('refuses a key that can withdraw and warns about one that can trade', async () => {
    const demo = bybitDemoAccount(clock.now());
    const withdraw = await setup({
      apiKeyInfo: { ...demo.apiKeyInfo, permissions: { ...demo.apiKeyInfo.permissions, Wallet: ['AccountTransfer', 'Withdraw'] } },
    });
    await expect(connector.test(withdraw.context())).rejects.toBeInstanceOf(PermissionError);
    const trade = await setup({ apiKeyInfo: { ...demo.apiKeyInfo, readOnly: 0 } });
    expect((await connector.test(trade.context())).warnings).toEqual([expect.stringContaining('can also trade')]);
    const readOnly = await setup();
    expect((await connector.test(readOnly.context())).warnings).toEqual([]);
  });

  it('tells a wrong secret (10004), an unknown key (10003) and an IP outside the key’s list (10010) apart', async () => {
    const { sim, context, credentials } = await setup();
    await expect(connector.fetchBalances(context(new Map(), { ...credentials, secret: 'wrong' }))).rejects.toThrow(/secret does not belong/);
    await expect(connector.fetchBalances(context(new Map(), { ...credentials, apiKey: 'UNKNOWNKEY' }))).rejects.toThrow(/does not know this API key/);
    sim.ipMismatch = true;
    const ip = await connector.fetchBalances(context()).catch((e: unknown) => e);
    expect(ip).toBeInstanceOf(AuthError);
    expect((ip as Error).message).toMatch(/IP address/);
  });

  it('reports a clock outside the receive window (10002) as clock skew', async () => {
    const { sim, context } = await setup();
    sim.setClockOffset(-6_000);
    await expect(connector.fetchBalances(context())).rejects.toBeInstanceOf(ClockSkewError);
  });

  it('reports a cut-off JSON body and an answer that never comes as unavailable', async () => {
    const { sim, context } = await setup();
    sim.faults.push({ kind: 'malformedJson', path: '/v5/account/wallet-balance' });
    await expect(connector.fetchBalances(context())).rejects.toBeInstanceOf(UnavailableError);
    sim.faults.push({ kind: 'timeout', path: '/v5/account/wallet-balance' });
    await expect(connector.fetchBalances(context())).rejects.toBeInstanceOf(UnavailableError);
  });

  it('reports maintenance (HTTP 503, 10016) as unavailable', async () => {
    const { sim, context } = await setup();
    sim.maintenance = true;
    await expect(connector.fetchBalances(context())).rejects.toBeInstanceOf(UnavailableError);
  });

  it('waits as long as X-Bapi-Limit-Reset-Timestamp says when rate limited (10006)', async () => {
    const { sim, context } = await setup();
    sim.faults.push({ kind: 'status', status: 429, retryAfterSeconds: 3 });
    const error = await connector.fetchBalances(context()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBeGreaterThan(2_000);
    expect((error as RateLimitedError).retryAfterMs).toBeLessThanOrEqual(3_000);
  });

  it('paces itself on Bybit’s budget headers instead of running into 10006', async () => {
    const { sim, context } = await setup();
    const sleepsBefore = clock.sleeps.length;
    // The funding balance allows 2 requests per second; three syncs in a row need a pause.
    for (let i = 0; i < 3; i += 1) await connector.fetchBalances(context());
    expect(clock.sleeps.length).toBeGreaterThan(sleepsBefore);
    expect(sim.requests.entries.every((e) => e.status === 200)).toBe(true);
  });
});

describe('Bybit spot pairs', () => {
  it('splits a listed symbol by its instrument and a delisted one at a quote coin Bybit still lists', () => {
    const pairs = new Map([
      ['BTCUSDT', { base: 'BTC', quote: 'USDT' }],
      ['ETHBTC', { base: 'ETH', quote: 'BTC' }],
    ]);
    expect(spotPairOf('BTCUSDT', pairs)).toEqual({ base: 'BTC', quote: 'USDT' });
    expect(spotPairOf('LUNAUSDT', pairs)).toEqual({ base: 'LUNA', quote: 'USDT' });
    expect(spotPairOf('XYZEUR', pairs)).toBeUndefined();
  });
});
