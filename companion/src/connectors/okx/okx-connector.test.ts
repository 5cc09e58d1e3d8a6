import { readFileSync } from 'node:fs';
import { AuthError, ClockSkewError, PermissionError, RateLimitedError, UnavailableError } from '@omnifolio/shared/errors';
import { dec } from '@omnifolio/shared/money';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestClock } from '../../simulators/framework/test-clock.js';
import { okxDemoAccount } from '../../simulators/okx/demo-account.js';
import type { OkxSimAccount, OkxWireFill } from '../../simulators/okx/okx-sim-account.js';
import { OkxSimulator } from '../../simulators/okx/okx-simulator.js';
import { createTestContext, runActivityPass } from '../contract-suite.js';
import { createOkxConnector } from './okx-connector.js';

interface CcxtCase {
  description: string;
  httpResponse: { data: Record<string, unknown>[] };
  parsedResponse: unknown;
}
const ccxtOkx = JSON.parse(readFileSync(new URL('../../../test/fixtures/okx/ccxt-okx.json', import.meta.url), 'utf8')) as {
  methods: Record<string, CcxtCase[]>;
};
const ccxtCase = (method: string, description: string) => ccxtOkx.methods[method]?.find((c) => c.description === description) as CcxtCase;

const clock = createTestClock();
const connector = createOkxConnector({ clock, config: { rateLimit: 1, timeout: 500 } });
const simulators: OkxSimulator[] = [];
afterEach(async () => {
  await Promise.all(simulators.splice(0).map((s) => s.stop()));
});

async function setup(overrides: Partial<OkxSimAccount> = {}) {
  const sim = new OkxSimulator({ clock });
  simulators.push(sim);
  const baseUrl = await sim.start();
  const account = sim.addAccount({ ...okxDemoAccount(clock.now()), ...overrides });
  const credentials = { apiKey: account.apiKey, secret: account.secret, passphrase: account.passphrase };
  const context = (cursors: ReadonlyMap<string, string> = new Map(), creds = credentials) =>
    createTestContext({ credentials: creds, baseUrls: { okx: baseUrl }, cursors });
  return { sim, account, context, credentials };
}

describe('OKX balances', () => {
  it('equal ccxt’s parsed totals for its recorded trading balance, with locked exact where ccxt’s float says 0.4000000000000001', async () => {
    const fixture = ccxtCase('fetchBalance', 'spot balance');
    const { context } = await setup({ tradingResponse: fixture.httpResponse, funding: [], savings: [], stakingOrders: [] });
    const balances = await connector.fetchBalances(context());
    const parsed = fixture.parsedResponse as { total: Record<string, number>; used: Record<string, number> };
    expect(parsed.used.BTC).toBe(0.4000000000000001);
    for (const balance of balances) {
      expect(dec(balance.free).plus(balance.locked).toString(), balance.asset.symbol).toBe(String(parsed.total[balance.asset.symbol]));
    }
    expect(new Set(balances.map((b) => b.asset.symbol))).toEqual(new Set(Object.keys(parsed.total)));
    expect(balances.find((b) => b.asset.symbol === 'BTC')).toMatchObject({ free: '0.66126645222', locked: '0.4' });
    // USDT: 441.02 frozen against an equity of 0.000258796; what is locked cannot exceed what is there.
    expect(balances.find((b) => b.asset.symbol === 'USDT')).toMatchObject({ free: '0', locked: '0.000258796' });
  });

  it('read the funding account from ccxt’s recorded body', async () => {
    const fixture = ccxtCase('fetchBalance', 'funding balance');
    const { context } = await setup({ trading: [], funding: fixture.httpResponse.data as unknown as OkxSimAccount['funding'], savings: [], stakingOrders: [] });
    expect((await connector.fetchBalances(context())).map((b) => [b.accountKey, b.asset.symbol, b.free, b.locked])).toEqual([['funding', 'TUSD', '100', '0']]);
  });
});

describe('OKX positions', () => {
  it('map linear and inverse swaps to ccxt’s parsed values, with contract sizes from the instruments', async () => {
    const linear = ccxtCase('fetchPosition', 'fetch position');
    const inverse = ccxtCase('fetchPosition', 'Inverse swap cross fetch position');
    const { sim, context } = await setup({ positions: [...linear.httpResponse.data, ...inverse.httpResponse.data] as Record<string, string>[] });
    const positions = (await connector.fetchPositions?.(context())) ?? [];
    const [l, i] = [linear.parsedResponse, inverse.parsedResponse] as Record<string, number | string>[];
    expect(positions[0]).toMatchObject({
      symbol: 'LTC-USDT-SWAP',
      side: l?.side,
      contracts: String(l?.contracts),
      sizeInBase: '2', // 2 contracts of 1 LTC
      entryPrice: String(l?.entryPrice),
      markPrice: String(l?.markPrice),
      notional: '202.66', // 2 LTC at 101.33
      unrealizedPnl: String(l?.unrealizedPnl),
      leverage: String(l?.leverage),
      liquidationPrice: null,
      marginMode: 'cross',
      margin: String(l?.initialMargin),
      settleAsset: 'USDT',
    });
    expect(positions[1]).toMatchObject({
      symbol: 'BTC-USD-SWAP',
      side: i?.side,
      contracts: String(i?.contracts),
      entryPrice: String(i?.entryPrice),
      markPrice: String(i?.markPrice),
      unrealizedPnl: '0.0000011848325084',
      leverage: String(i?.leverage),
      liquidationPrice: String(i?.liquidationPrice),
      marginMode: 'cross',
      margin: '0.000054313938912',
      settleAsset: 'BTC',
    });
    // One contract of 100 USD at the mark price, in BTC: ccxt's float and our 18 places agree to 15 digits.
    expect(
      dec(positions[1]?.sizeInBase ?? 'NaN')
        .toSignificantDigits(15)
        .toString(),
    ).toBe(dec(String(i?.notional)).toSignificantDigits(15).toString());
    expect(sim.requests.to('/api/v5/public/instruments').map((e) => e.rawQuery)).toEqual(['instType=SWAP']);
  });
});

describe('OKX history', () => {
  it('maps ccxt’s recorded spot fill exactly as ccxt parses it', async () => {
    const fixture = ccxtCase('fetchMyTrades', 'Fetch spot trade');
    const { context } = await setup({
      fills: fixture.httpResponse.data as OkxWireFill[],
      deposits: [],
      withdrawals: [],
      accountBills: [],
      assetBills: [],
      lendingHistory: [],
    });
    const fill = (fixture.httpResponse.data[0] ?? {}) as Record<string, string>;
    // Fixture times are from 2023; fills-history keeps three months, so move it into the window.
    fill.ts = String(clock.now() - 86_400_000);
    const [parsed] = fixture.parsedResponse as { id: string; side: string; amount: number; price: number; fee: { cost: number; currency: string } }[];
    const { activities } = await runActivityPass(connector, (c) => context(c), new Map());
    expect(activities).toHaveLength(1);
    expect(activities[0]).toMatchObject({
      providerRef: `fill:LTC-USDT:${parsed?.id}`,
      type: parsed?.side,
      asset: 'LTC',
      quoteAsset: 'USDT',
      quantity: String(parsed?.amount),
      price: String(parsed?.price),
      fee: String(parsed?.fee.cost),
      feeAsset: parsed?.fee.currency,
    });
  });

  it('walks fills newest first with `after` and stops at what the last sync stored', async () => {
    const { sim, context } = await setup();
    const cursors = new Map<string, string>();
    const first = await runActivityPass(connector, (c) => context(c), cursors);
    expect(first.activities.filter((a) => a.providerRef.startsWith('fill:'))).toHaveLength(150);
    const fillRequests = sim.requests
      .to('/api/v5/trade/fills-history')
      .map((e) => new URLSearchParams(e.rawQuery))
      .filter((q) => q.get('instType') === 'SPOT');
    expect(fillRequests.map((q) => q.has('after'))).toEqual([false, true]);
    // The failed withdrawal is not recorded.
    expect(first.activities.filter((a) => a.type === 'withdrawal').map((a) => a.providerRef)).toEqual(['withdrawal:67485']);
    sim.requests.clear();
    expect((await runActivityPass(connector, (c) => context(c), cursors)).activities).toEqual([]);
    // One request per fills walk (SPOT, MARGIN), each answering only what is already stored.
    expect(sim.requests.to('/api/v5/trade/fills-history')).toHaveLength(2);
  });
});

describe('OKX keys and errors', () => {
  it('refuses a key that can withdraw and flags one that can trade', async () => {
    const withdraw = await setup({ perm: 'read_only,withdraw,trade' });
    await expect(connector.test(withdraw.context())).rejects.toBeInstanceOf(PermissionError);
    const trade = await setup({ perm: 'read_only,trade' });
    expect((await connector.test(trade.context())).warnings).toEqual([
      'This OKX key can also trade; it will work, but a key with only the "Read" permission is safer.',
    ]);
  });

  it('names a wrong passphrase as such', async () => {
    const { context, credentials } = await setup();
    const error = await connector.test(context(new Map(), { ...credentials, passphrase: 'not-it' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).shortMessage).toMatch(/passphrase/);
  });

  it('turns OKX’s 30-second timestamp limit (50102) into ClockSkewError', async () => {
    const { sim, context } = await setup();
    sim.setClockOffset(45_000);
    await expect(connector.fetchBalances(context())).rejects.toBeInstanceOf(ClockSkewError);
  });

  it('turns its rate limit (429, 50011) into RateLimitedError and maintenance (50001) into UnavailableError', async () => {
    const { sim, context } = await setup();
    sim.faults.push({ kind: 'status', status: 429, path: '/api/v5/account/balance', retryAfterSeconds: 2 });
    await expect(connector.fetchBalances(context())).rejects.toBeInstanceOf(RateLimitedError);
    sim.maintenance = true;
    await expect(connector.fetchBalances(context())).rejects.toBeInstanceOf(UnavailableError);
  });

  it('enforces the documented limits itself: a seventh funding-balance call within a second, a fourth staking read, are refused', async () => {
    const { sim, context } = await setup();
    const results = await Promise.allSettled(Array.from({ length: 7 }, () => connector.fetchBalances(context())));
    expect(sim.requests.to('/api/v5/asset/balances').filter((e) => e.status === 429)).toHaveLength(1);
    // The six calls that passed the funding account each read On-chain Earn, limited to 3 per second.
    const stakingRefused = sim.requests.to('/api/v5/finance/staking-defi/orders-active').filter((e) => e.status === 429);
    expect(stakingRefused).toHaveLength(3);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected).toHaveLength(4);
    for (const r of rejected) expect(r.reason).toBeInstanceOf(RateLimitedError);
  });
});
