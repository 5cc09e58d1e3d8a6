import { AuthError, ClockSkewError, RateLimitedError, UnavailableError } from '@omnifolio/shared/errors';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoinexSimAccount } from '../../simulators/coinex/coinex-sim-account.js';
import { CoinexSimulator } from '../../simulators/coinex/coinex-simulator.js';
import { coinexDemoAccount } from '../../simulators/coinex/demo-account.js';
import { createTestClock } from '../../simulators/framework/test-clock.js';
import { createTestContext, runActivityPass } from '../contract-suite.js';
import { createCoinexConnector } from './coinex-connector.js';

const clock = createTestClock();
const connector = createCoinexConnector({ clock, config: { rateLimit: 2.6, timeout: 500 } }, { pageLimit: 20 });
const simulators: CoinexSimulator[] = [];
afterEach(async () => {
  await Promise.all(simulators.splice(0).map((s) => s.stop()));
});

async function setup(overrides: Partial<CoinexSimAccount> = {}) {
  const sim = new CoinexSimulator({ clock });
  simulators.push(sim);
  const baseUrl = await sim.start();
  const account = sim.addAccount({ ...coinexDemoAccount(clock.now()), ...overrides });
  const credentials = { apiKey: account.apiKey, secret: account.secret };
  const context = (cursors: ReadonlyMap<string, string> = new Map(), creds: Record<string, string> = credentials) =>
    createTestContext({ credentials: creds, baseUrls: { coinex: baseUrl }, cursors });
  return { sim, account, context, credentials };
}

const failureOf = async (promise: Promise<unknown>) =>
  (await promise.then(
    () => undefined,
    (e: unknown) => e,
  )) as AuthError | undefined;

describe('CoinEx keys', () => {
  it('says that it cannot check the key’s permissions, since CoinEx does not report them', async () => {
    const { context } = await setup();
    const result = await connector.test(context());
    expect(result.accounts.map((a) => a.key)).toEqual(['spot', 'margin', 'futures', 'financial']);
    expect(result.warnings).toEqual(['Omnifolio cannot check this key’s permissions on CoinEx; make sure "Trade" and "Withdraw" are switched off for it.']);
  });
});

describe('CoinEx errors', () => {
  it('names a wrong secret (4006) and an unknown Access ID (4005) each as such', async () => {
    const { context, credentials } = await setup();
    const wrongSecret = await failureOf(connector.fetchBalances(context(new Map(), { ...credentials, secret: 'another-secret' })));
    expect(wrongSecret).toBeInstanceOf(AuthError);
    expect(wrongSecret?.shortMessage).toMatch(/Secret Key does not belong/);
    const unknownKey = await failureOf(connector.fetchBalances(context(new Map(), { ...credentials, apiKey: 'NOSUCHKEY' })));
    expect(unknownKey).toBeInstanceOf(AuthError);
    expect(unknownKey?.shortMessage).toMatch(/does not know this Access ID/);
  });

  it('names an IP address that is not on the key’s whitelist (4007)', async () => {
    const { context } = await setup({ allowedIps: ['203.0.113.7'] });
    const error = await failureOf(connector.fetchBalances(context()));
    expect(error).toBeInstanceOf(AuthError);
    expect(error?.shortMessage).toMatch(/IP address/);
  });

  it('turns an expired request (4010, clock more than 5 s off) into ClockSkewError, and accepts 4 s', async () => {
    const { sim, context } = await setup();
    sim.setClockOffset(4_000);
    await expect(connector.fetchBalances(context())).resolves.toHaveLength(11);
    sim.setClockOffset(-6_000);
    await expect(connector.fetchBalances(context())).rejects.toBeInstanceOf(ClockSkewError);
  });

  it('turns 4213 into RateLimitedError and 4001 (service unavailable) into UnavailableError', async () => {
    const { sim, context } = await setup();
    sim.faults.push({ kind: 'status', status: 429, path: '/v2/assets/spot/balance', retryAfterSeconds: 3 });
    const limited = await failureOf(connector.fetchBalances(context()));
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect((limited as unknown as RateLimitedError).retryAfterMs).toBe(3_000);
    sim.maintenance = true;
    await expect(connector.fetchBalances(context())).rejects.toBeInstanceOf(UnavailableError);
  });

  it('is refused by the simulator’s own limit when ccxt does not pace: an eleventh balance call within a second', async () => {
    // A clock that stands still, shared by both sides: all eleven calls fall in one window however slowly this machine runs.
    const instant = clock.now();
    const frozen = { now: () => instant, sleep: async () => {} };
    const sim = new CoinexSimulator({ clock: frozen });
    simulators.push(sim);
    const baseUrl = await sim.start();
    const account = sim.addAccount(coinexDemoAccount(instant));
    const unpaced = createCoinexConnector({ clock: frozen, config: { rateLimit: 0.01 } });
    const context = createTestContext({ credentials: { apiKey: account.apiKey, secret: account.secret }, baseUrls: { coinex: baseUrl } });
    const results = await Promise.allSettled(Array.from({ length: 11 }, () => unpaced.fetchBalances(context)));
    expect(sim.requests.to('/v2/assets/spot/balance').filter((e) => e.status === 429)).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason)).toEqual([expect.any(RateLimitedError)]);
  });
});

describe('CoinEx positions', () => {
  it('reads an inverse short in 1 USD contracts: its size and notional in the coin, and the contract count when there is no mark', async () => {
    const demo = coinexDemoAccount(clock.now());
    const inverse = demo.positions.find((p) => p.market === 'BTCUSD');
    if (inverse === undefined) throw new Error('demo has no inverse position');
    const short = { ...inverse, position_id: 1, side: 'short' as const, margin_mode: 'isolated' as const, open_interest: '500', liq_price: '0' };
    const positionsWithMarks = async (markPrices: Record<string, string>) => {
      const sim = new CoinexSimulator({ clock, markPrices });
      simulators.push(sim);
      const url = await sim.start();
      sim.addAccount({ ...demo, positions: [short] });
      const ctx = createTestContext({ credentials: { apiKey: demo.apiKey, secret: demo.secret }, baseUrls: { coinex: url } });
      return { sim, positions: (await connector.fetchPositions?.(ctx)) ?? [] };
    };
    const priced = await positionsWithMarks({ BTCUSD: '80000' });
    // By hand: 500 contracts × 1 USD ÷ 80000 = 0.00625 BTC; no liquidation price (0).
    expect(priced.positions).toEqual([
      expect.objectContaining({
        symbol: 'BTCUSD',
        side: 'short',
        contracts: '500',
        sizeInBase: '0.00625',
        markPrice: '80000',
        notional: '0.00625',
        marginMode: 'isolated',
        liquidationPrice: null,
        settleAsset: 'BTC',
      }),
    ]);
    expect(new URLSearchParams(priced.sim.requests.to('/v2/futures/ticker')[0]?.rawQuery).get('market')).toBe('BTCUSD');
    // CoinEx's ticker says 0 for a mark it lacks: no size in the coin, so the contract count stays.
    const unpriced = await positionsWithMarks({});
    expect(unpriced.positions).toEqual([expect.objectContaining({ contracts: '500', sizeInBase: '500', markPrice: null, notional: null, settleAsset: 'BTC' })]);
  });

  it('asks for no market data when there is no position', async () => {
    const { sim, context } = await setup({ positions: [] });
    expect(await connector.fetchPositions?.(context())).toEqual([]);
    expect(sim.requests.to('/v2/futures/ticker')).toHaveLength(0);
  });
});

describe('CoinEx history', () => {
  it('finds every spot and margin trade by asking only the markets the user’s assets make likely', async () => {
    const { sim, context } = await setup();
    const { activities } = await runActivityPass(connector, (c) => context(c), new Map());
    // Spot and margin trades (futures fills have their own test).
    const trades = activities.filter((a) => a.providerRef.startsWith('trade:') && !a.providerRef.startsWith('trade:FUTURES:'));
    expect(trades).toHaveLength(75);
    expect(trades.filter((a) => a.accountKey === 'margin')).toHaveLength(15);
    const asked = new Set(
      sim.requests.to('/v2/spot/user-deals').map((e) => {
        const q = new URLSearchParams(e.rawQuery);
        return `${q.get('market_type')} ${q.get('market')}`;
      }),
    );
    // CET is listed but was never held; ETHBTC and USDCUSDT pair assets the user holds.
    expect([...asked].sort()).toEqual([
      'MARGIN BTCUSDT',
      'MARGIN ETHUSDT',
      'SPOT BTCUSDT',
      'SPOT DOGEUSDT',
      'SPOT ETHBTC',
      'SPOT ETHUSDT',
      'SPOT SOLUSDT',
      'SPOT USDCUSDT',
    ]);
  });

  it('records a withdrawal as what arrived with the fee beside it, and never a cancelled one', async () => {
    const { context } = await setup();
    const { activities } = await runActivityPass(connector, (c) => context(c), new Map());
    expect(activities.filter((a) => a.type === 'withdrawal').map((a) => [a.providerRef, a.quantity, a.fee, a.feeAsset])).toEqual([
      ['withdrawal:259401', '0.05', '0.0005', 'BTC'],
      ['withdrawal:259364', '1000', '1.4', 'USDT'],
    ]);
  });

  it('records funding signed, paid negative and received positive, and skips a funding of 0', async () => {
    const { context } = await setup();
    const { activities } = await runActivityPass(connector, (c) => context(c), new Map());
    const funding = activities.filter((a) => a.providerRef.startsWith('funding:'));
    expect(funding.every((a) => a.type === 'funding')).toBe(true);
    // 15 payments by the BTCUSDT long, 14 receipts by the ETHUSDT short (one funding rate was 0).
    expect(funding.filter((a) => a.providerRef.startsWith('funding:BTCUSDT:') && a.quantity.startsWith('-'))).toHaveLength(15);
    expect(funding.filter((a) => a.providerRef.startsWith('funding:ETHUSDT:') && !a.quantity.startsWith('-'))).toHaveLength(14);
    const first = funding.find((a) => a.providerRef.startsWith('funding:BTCUSDT:') && a.quantity === '-1.335');
    expect(first).toMatchObject({ accountKey: 'futures', asset: 'USDT', fee: null });
  });

  it('records a confirming deposit once it is finished', async () => {
    const { account, context } = await setup();
    const cursors = new Map<string, string>();
    const first = await runActivityPass(connector, (c) => context(c), cursors);
    expect(first.activities.some((a) => a.providerRef === 'deposit:14270113')).toBe(false);
    const confirming = account.deposits.find((d) => d.deposit_id === 14_270_113);
    if (confirming === undefined) throw new Error('demo has no confirming deposit');
    confirming.status = 'finished';
    const second = await runActivityPass(connector, (c) => context(c), cursors);
    expect(second.activities.map((a) => [a.providerRef, a.asset, a.quantity])).toEqual([['deposit:14270113', 'SOL', '20']]);
  });
});
