import { AuthError, RateLimitedError, UnavailableError } from '@omnifolio/shared/errors';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestClock } from '../../simulators/framework/test-clock.js';
import { krakenFuturesDemoAccount } from '../../simulators/krakenfutures/demo-account.js';
import { KrakenFuturesSimulator } from '../../simulators/krakenfutures/krakenfutures-simulator.js';
import { createTestContext, runActivityPass } from '../contract-suite.js';
import { krakenFuturesLogAccount, krakenFuturesLogActivity } from './krakenfutures-account-log.js';
import { krakenFuturesBalances } from './krakenfutures-accounts.js';
import { createKrakenFuturesConnector, KRAKEN_FUTURES_PERMISSIONS_WARNING } from './krakenfutures-connector.js';

const clock = createTestClock();
const sims: KrakenFuturesSimulator[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

async function started(options: { simClock?: { now(): number }; logPageLimit?: number } = {}) {
  const sim = new KrakenFuturesSimulator({ clock: options.simClock ?? clock });
  sims.push(sim);
  const baseUrl = await sim.start();
  const demo = sim.addAccount(krakenFuturesDemoAccount(clock.now()));
  const connector = createKrakenFuturesConnector({ clock, config: { rateLimit: 1 }, logPageLimit: options.logPageLimit });
  const context = (cursors: ReadonlyMap<string, string> = new Map()) =>
    createTestContext({ credentials: { apiKey: demo.apiKey, secret: demo.secret }, baseUrls: { krakenfutures: baseUrl }, cursors });
  return { sim, demo, connector, context };
}

const FLEX = new Set(['cash', 'flex', 'fi_xbtusd']);

describe('Kraken Futures account log', () => {
  // The two rows in ccxt's krakenfutures.js (fetchLedger, fetchFundingHistory), numbers as the lossless read gives them.
  it('reads ccxt’s own examples: a trade’s cash row is its realized PnL with the fee apart, funding is signed', () => {
    const trade = krakenFuturesLogActivity(
      {
        asset: 'usd',
        booking_uid: '10ca244e-1b73-4467-8c3c-74539c7ae677',
        contract: 'pf_dogeusd',
        date: '2026-08-11T19:55:24.251Z',
        execution: 'a59b8e24-89d8-4553-a084-b2de96dba5d3',
        fee: '0.0035',
        funding_rate: '0.000001129880786375',
        id: '9',
        info: 'futures trade',
        margin_account: 'flex',
        mark_price: '0.07091471613',
        new_balance: '0',
        old_balance: '0.0077',
        realized_funding: null,
        realized_pnl: '-0.0042',
        trade_price: '0.070914',
      },
      FLEX,
    );
    expect(trade).toMatchObject({
      accountKey: 'flex',
      providerRef: 'log:9',
      type: 'realized_pnl',
      asset: 'USD',
      quantity: '-0.0042',
      fee: '0.0035',
      feeAsset: 'USD',
    });
    const funding = krakenFuturesLogActivity(
      {
        asset: 'usd',
        contract: 'pf_dogeusd',
        booking_uid: '124f43a6-389a-4349-abc6-06fc7eeac86b',
        date: '2026-09-17T12:00:00.000Z',
        fee: '0',
        funding_rate: '9.288451412e-7',
        id: '16',
        info: 'funding rate change',
        margin_account: 'flex',
        new_balance: '0',
        old_balance: '0.0002',
        realized_funding: '-0.0002',
      },
      FLEX,
    );
    expect(funding).toMatchObject({ type: 'funding', quantity: '-0.0002', fee: null, executedAt: '2026-09-17T12:00:00.000Z' });
  });

  it('maps fees, interest, conversions and the CSV’s account names; skips position-size rows and unlisted accounts', () => {
    const row = (info: string, old: string, next: string, extra: Record<string, unknown> = {}) =>
      krakenFuturesLogActivity(
        { id: '1', date: '2026-01-02T03:04:05.678Z', info, asset: 'xbt', margin_account: 'flex', old_balance: old, new_balance: next, ...extra },
        FLEX,
      );
    expect(row('kfee applied', '1', '0.9999')).toMatchObject({ type: 'fee', quantity: '0.0001', asset: 'BTC' });
    expect(row('interest payment', '1', '1.002')).toMatchObject({ type: 'interest', quantity: '0.002' });
    expect(row('conversion', '1', '0.5')).toMatchObject({ type: 'transfer', quantity: '-0.5' });
    expect(row('futures trade', '0', '2', { asset: 'pf_xbtusd', contract: 'pf_xbtusd' })).toBeUndefined();
    expect(row('transfer', '0', '1', { margin_account: 'fv_xrpxbt' })).toBeUndefined();
    expect(krakenFuturesLogAccount('f-xbt:usd')).toBe('fi_xbtusd');
    expect(row('transfer', '0.25', '0', { margin_account: 'f-xbt:usd' })).toMatchObject({ accountKey: 'fi_xbtusd', quantity: '-0.25' });
  });
});

describe('Kraken Futures balances', () => {
  it('keeps a negative multi-collateral balance negative and skips contract sizes in margin accounts', () => {
    const balances = krakenFuturesBalances(
      {
        flex: { type: 'multiCollateralMarginAccount', currencies: { USD: { quantity: '-250.5', value: '-250.5', collateral: '-250.5', available: '-250.5' } } },
        fi_xbtusd: { type: 'marginAccount', currency: 'xbt', balances: { fi_xbtusd_260925: '5000', xbt: '0.5' } },
      },
      '2026-01-01T00:00:00.000Z',
      new Set(['USD']),
    );
    expect(balances.map((b) => [b.accountKey, b.asset.symbol, b.free, b.locked])).toEqual([
      ['flex', 'USD', '-250.5', '0'],
      ['fi_xbtusd', 'BTC', '0.5', '0'],
    ]);
  });

  it('keeps every digit Kraken sends as a bare JSON number (a double would round it)', async () => {
    const { demo, connector, context } = await started();
    demo.cash.xbt = '0.123456789012345678901';
    const balances = await connector.fetchBalances(context());
    expect(balances.find((b) => b.accountKey === 'cash' && b.asset.symbol === 'BTC')?.free).toBe('0.123456789012345678901');
  });
});

describe('Kraken Futures connector', () => {
  it('test() lists the accounts and says what it cannot check about the key', async () => {
    const { connector, context } = await started();
    const result = await connector.test(context());
    expect(result.accounts.map((a) => [a.key, a.type])).toEqual([
      ['cash', 'funding'],
      ['flex', 'futures'],
      ['fi_ethusd', 'futures'],
      ['fi_xbtusd', 'futures'],
    ]);
    expect(result.warnings).toEqual([KRAKEN_FUTURES_PERMISSIONS_WARNING]);
  });

  it('turns an exhausted history budget into RateLimitedError with a minute’s wait, the stored pages kept', async () => {
    let at = Date.now();
    // 5000 rows a request cost 6 of the 100 history tokens: the seventeenth full pass is refused.
    const { connector, context } = await started({ simClock: { now: () => at }, logPageLimit: 5000 });
    for (let i = 0; i < 16; i += 1) await runActivityPass(connector, context, new Map());
    const error = await runActivityPass(connector, context, new Map()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(60_000);
    expect((error as RateLimitedError).message).toContain('history budget');
    at += 60_000;
    expect((await runActivityPass(connector, context, new Map())).activities.length).toBeGreaterThan(0);
  });

  it('says what to do when the key is refused or Kraken Futures is in maintenance', async () => {
    const { sim, demo, connector, context } = await started();
    const wrongKey = createTestContext({
      credentials: { apiKey: `${demo.apiKey}x`, secret: demo.secret },
      baseUrls: { krakenfutures: sim.baseUrl },
    });
    const refused = await connector.fetchBalances(wrongKey).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AuthError);
    expect((refused as AuthError).hints.join(' ')).toContain('"Read only"');
    sim.maintenance = true;
    const down = await connector.fetchPositions?.(context()).catch((e: unknown) => e);
    expect(down).toBeInstanceOf(UnavailableError);
    expect((down as UnavailableError).message).toContain('maintenance');
  });
});
