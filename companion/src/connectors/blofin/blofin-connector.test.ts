import { AuthError, ClockSkewError, RateLimitedError, UnavailableError } from '@omnifolio/shared/errors';
import { afterEach, describe, expect, it } from 'vitest';
import type { BlofinSimAccount, BlofinWireFill, BlofinWireInstrument } from '../../simulators/blofin/blofin-sim-account.js';
import { BlofinSimulator, DEFAULT_BLOFIN_INSTRUMENTS } from '../../simulators/blofin/blofin-simulator.js';
import { blofinDemoAccount } from '../../simulators/blofin/demo-account.js';
import { createTestClock } from '../../simulators/framework/test-clock.js';
import { createTestContext, runActivityPass } from '../contract-suite.js';
import { createBlofinConnector } from './blofin-connector.js';

const clock = createTestClock();
// 3 s: long enough for a loaded machine's first request (ccxt loading), short for the scripted timeout.
const connector = createBlofinConnector({ clock, config: { rateLimit: 1, timeout: 3_000 } });
const simulators: BlofinSimulator[] = [];
afterEach(async () => {
  await Promise.all(simulators.splice(0).map((s) => s.stop()));
});

async function setup(overrides: Partial<BlofinSimAccount> = {}, instruments?: readonly BlofinWireInstrument[]) {
  const sim = new BlofinSimulator({ clock, instruments });
  simulators.push(sim);
  const baseUrl = await sim.start();
  const account = sim.addAccount({ ...blofinDemoAccount(clock.now()), ...overrides });
  const credentials = { apiKey: account.apiKey, secret: account.secret, passphrase: account.passphrase };
  const context = (cursors: ReadonlyMap<string, string> = new Map(), creds: Record<string, string> = credentials) =>
    createTestContext({ credentials: creds, baseUrls: { blofin: baseUrl }, cursors });
  return { sim, account, context, credentials };
}

const noHistory = { spotFills: [], futuresFills: [], deposits: [], withdrawals: [], transfers: [] };

describe('BloFin balances', () => {
  it('turn BloFin’s 18-decimal strings into canonical decimals without losing the 18th place', async () => {
    const { context } = await setup({
      balances: {
        funding: [{ currency: 'USDT', balance: '0.000000000000000001', available: '0.000000000000000001', frozen: '0.000000000000000000', bonus: '0' }],
        spot: [{ currency: 'BTC', balance: '1.000000000000000000', available: '0.750000000000000000', frozen: '0.250000000000000000', bonus: '0' }],
        futures: [],
        earn: [],
        copy_trading: [{ currency: 'USDT', balance: '12.340000000000000000', available: '12.340000000000000000', frozen: '0.000000000000000000', bonus: '0' }],
      },
    });
    expect((await connector.fetchBalances(context())).map((b) => [b.accountKey, b.asset.symbol, b.free, b.locked])).toEqual([
      ['funding', 'USDT', '0.000000000000000001', '0'],
      ['spot', 'BTC', '0.75', '0.25'],
      ['copy_trading', 'USDT', '12.34', '0'],
    ]);
  });
});

describe('BloFin positions', () => {
  it('size an inverse contract in the coin from its USD contract value and the mark price', async () => {
    const inverse: BlofinWireInstrument = {
      ...DEFAULT_BLOFIN_INSTRUMENTS[0],
      instId: 'BTC-USD',
      quoteCurrency: 'USD',
      contractValue: '100',
      contractType: 'inverse',
      settleCurrency: 'BTC',
    } as BlofinWireInstrument;
    const demo = blofinDemoAccount(clock.now());
    const position = {
      ...(demo.positions[0] as BlofinSimAccount['positions'][number]),
      instId: 'BTC-USD',
      positionSide: 'long' as const,
      positions: '5',
      unrealizedPnl: '0.00012',
    };
    const { context } = await setup({ positions: [position] }, [...DEFAULT_BLOFIN_INSTRUMENTS, inverse]);
    const [p] = (await connector.fetchPositions?.(context())) ?? [];
    // 5 contracts of 100 USD at 92057.4 USD per BTC: 500 ÷ 92057.4, to 18 places.
    expect(p).toMatchObject({
      symbol: 'BTC-USD',
      side: 'long',
      contracts: '5',
      sizeInBase: '0.005431393891202663',
      notional: '0.005431393891202663',
      settleAsset: 'BTC',
    });
  });
});

describe('BloFin history', () => {
  it('maps the documentation’s spot fill exactly: 2 ETH bought at 1587.8, the fee in the base currency', async () => {
    const fill: BlofinWireFill = {
      instId: 'ETH-USDT',
      tradeId: '7772187',
      orderId: '28697026',
      fillPrice: '1587.800000000000000000',
      fillSize: '2.000000000000000000',
      fillPnl: '0.000000000000000000',
      side: 'buy',
      fee: '0.190536000000000000',
      ts: '1696853354238',
      brokerId: '',
      feeCurrency: 'base_currency',
    };
    const { context } = await setup({ ...noHistory, spotFills: [fill] });
    const { activities } = await runActivityPass(connector, (c) => context(c), new Map());
    expect(activities).toEqual([
      expect.objectContaining({
        providerRef: 'fill:spot:ETH-USDT:7772187',
        type: 'buy',
        executedAt: '2023-10-09T12:09:14.238Z',
        asset: 'ETH',
        quantity: '2',
        quoteAsset: 'USDT',
        price: '1587.8',
        fee: '0.190536',
        feeAsset: 'ETH',
      }),
    ]);
  });

  it('records a futures fill by its realized PnL, signed (a loss negative, never a fee), with its fee; an opening fill as its fee', async () => {
    const base = { instId: 'BTC-USDT', fillPrice: '90000', fillSize: '1', side: 'sell' as const, positionSide: 'net', ts: String(clock.now() - 3_600_000) };
    const futuresFills: BlofinWireFill[] = [
      { ...base, tradeId: '1', fillPnl: '12.500000000000000000', fee: '0.543000000000000000' },
      { ...base, tradeId: '2', fillPnl: '-3.750000000000000000', fee: '0.096000000000000000' },
      { ...base, tradeId: '3', fillPnl: '0.000000000000000000', fee: '0.543000000000000000' },
    ];
    const { context } = await setup({ ...noHistory, futuresFills });
    const { activities } = await runActivityPass(connector, (c) => context(c), new Map());
    expect(activities.map((a) => [a.providerRef, a.type, a.asset, a.quantity, a.fee, a.feeAsset])).toEqual([
      ['fill:futures:BTC-USDT:3', 'fee', 'USDT', '0.543', null, null],
      ['fill:futures:BTC-USDT:2', 'realized_pnl', 'USDT', '-3.75', '0.096', 'USDT'],
      ['fill:futures:BTC-USDT:1', 'realized_pnl', 'USDT', '12.5', '0.543', 'USDT'],
    ]);
  });

  it('records only finished transfers: a withdrawal under review or cancelled is not one, a pending deposit waits', async () => {
    const now = clock.now();
    const { account, context } = await setup({
      ...noHistory,
      deposits: [{ depositId: 'dep-kyt', currency: 'BTC', amount: '0.100000000000000000', state: '3', ts: String(now - 60_000) }],
      withdrawals: [
        { withdrawId: 'wd-review', currency: 'USDT', amount: '40.011111000000000000', fee: '0.1', state: '0', ts: String(now - 120_000) },
        { withdrawId: 'wd-cancelled', currency: 'USDT', amount: '9999.899', fee: '0.1', state: '4', ts: String(now - 90_000) },
      ],
    });
    const cursors = new Map<string, string>();
    expect((await runActivityPass(connector, (c) => context(c), cursors)).activities).toEqual([]);
    (account.deposits[0] as { state: string }).state = '1';
    (account.withdrawals[0] as { state: string }).state = '3';
    const next = await runActivityPass(connector, (c) => context(c), cursors);
    expect(next.activities.map((a) => [a.providerRef, a.quantity, a.fee])).toEqual([
      ['deposit:dep-kyt', '0.1', null],
      ['withdrawal:wd-review', '40.011111', '0.1'],
    ]);
  });
});

describe('BloFin keys and errors', () => {
  it('warns about a key that is not read-only, since BloFin does not say whether it can withdraw', async () => {
    const readWrite = await setup({ readOnly: 0 });
    expect((await connector.test(readWrite.context())).warnings).toEqual([expect.stringContaining('not read-only')]);
    const readOnly = await setup();
    expect((await connector.test(readOnly.context())).warnings).toEqual([]);
  });

  it('tells a wrong passphrase (152408), a wrong secret (152409), an unknown key (152401) and an IP outside the key’s list (152406) apart', async () => {
    const { sim, context, credentials } = await setup();
    const failure = (creds: Record<string, string>): Promise<Error> =>
      connector.fetchBalances(context(new Map(), creds)).then(
        () => new Error('BloFin accepted the request'),
        (e: unknown) => e as Error,
      );
    expect((await failure({ ...credentials, passphrase: 'nope' })).message).toMatch(/passphrase/);
    expect((await failure({ ...credentials, secret: 'wrong' })).message).toMatch(/secret does not belong/);
    expect((await failure({ ...credentials, apiKey: 'unknown' })).message).toMatch(/does not know this API key/);
    sim.ipMismatch = true;
    const ip = await failure(credentials);
    expect(ip).toBeInstanceOf(AuthError);
    expect(ip.message).toMatch(/IP address/);
  });

  it('reports a cut-off JSON body and an answer that never comes as unavailable', async () => {
    const { sim, context } = await setup();
    sim.faults.push({ kind: 'malformedJson', path: '/api/v1/asset/balances' });
    await expect(connector.fetchBalances(context())).rejects.toBeInstanceOf(UnavailableError);
    sim.faults.push({ kind: 'timeout', path: '/api/v1/asset/balances' });
    await expect(connector.fetchBalances(context())).rejects.toBeInstanceOf(UnavailableError);
  });

  it('reports a clock more than 60 s off (152405) as clock skew', async () => {
    const { sim, context } = await setup();
    sim.setClockOffset(61_000);
    await expect(connector.fetchBalances(context())).rejects.toBeInstanceOf(ClockSkewError);
  });

  it('reports maintenance (HTTP 503) as unavailable and a rate limit as BloFin’s five-minute pause', async () => {
    const { sim, context } = await setup();
    sim.maintenance = true;
    await expect(connector.fetchBalances(context())).rejects.toBeInstanceOf(UnavailableError);
    sim.maintenance = false;
    sim.faults.push({ kind: 'status', status: 429 });
    const limited = await connector.fetchBalances(context()).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAfterMs).toBe(300_000);
  });
});
