import { readFileSync } from 'node:fs';
import { AuthError, ClockSkewError, PermissionError, RateLimitedError, UnavailableError } from '@omnifolio/shared/errors';
import { type Decimal, dec, toDecimalString } from '@omnifolio/shared/money';
import { afterEach, describe, expect, it } from 'vitest';
import { activityDeltas } from '../../engine/activity-deltas.js';
import type { BitgetSimAccount, BitgetWireTransfer } from '../../simulators/bitget/bitget-sim-account.js';
import { BitgetSimulator } from '../../simulators/bitget/bitget-simulator.js';
import { bitgetDemoAccount } from '../../simulators/bitget/demo-account.js';
import { createTestClock } from '../../simulators/framework/test-clock.js';
import { createTestContext, runActivityPass } from '../contract-suite.js';
import { createBitgetConnector } from './bitget-connector.js';

interface CcxtCase {
  description: string;
  httpResponse: { data: Record<string, string | null>[] };
  parsedResponse: { id: string; amount: number; currency: string; status: string; fee: { cost: number; currency: string } | null }[];
}
const ccxtBitget = JSON.parse(readFileSync(new URL('../../../test/fixtures/bitget/ccxt-bitget.json', import.meta.url), 'utf8')) as {
  methods: Record<string, CcxtCase[]>;
};

const clock = createTestClock();
const connector = createBitgetConnector({ clock, config: { rateLimit: 1, timeout: 500 } });
const simulators: BitgetSimulator[] = [];
afterEach(async () => {
  await Promise.all(simulators.splice(0).map((s) => s.stop()));
});

async function setup(overrides: Partial<BitgetSimAccount> = {}) {
  const sim = new BitgetSimulator({ clock });
  simulators.push(sim);
  const baseUrl = await sim.start();
  const account = sim.addAccount({ ...bitgetDemoAccount(clock.now()), ...overrides });
  const credentials = { apiKey: account.apiKey, secret: account.secret, passphrase: account.passphrase };
  const context = (cursors: ReadonlyMap<string, string> = new Map(), creds: Record<string, string> = credentials) =>
    createTestContext({ credentials: creds, baseUrls: { bitget: baseUrl }, cursors });
  return { sim, account, context, credentials };
}

describe('Bitget keys', () => {
  it('refuses a key that can withdraw, with how to make a read-only one', async () => {
    const { context } = await setup({ authorities: ['readonly', 'trade', 'withdraw'] });
    const error = await connector.test(context()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionError);
    expect((error as PermissionError).shortMessage).toMatch(/"Read-only"/);
  });

  it('flags a key that can trade or transfer, and says nothing about a read-only key', async () => {
    const trade = await setup({ authorities: ['readonly', 'trade', 'transfer'] });
    expect((await connector.test(trade.context())).warnings).toEqual([
      'This Bitget key can also trade; it will work, but a key with only the "Read-only" permission is safer.',
      'This Bitget key can also transfer funds between accounts; Omnifolio does not need that, so a "Read-only" key is safer.',
    ]);
    const read = await setup();
    expect((await connector.test(read.context())).warnings).toEqual([]);
  });
});

describe('Bitget errors', () => {
  it('names a wrong passphrase, an unknown key, a foreign secret and a foreign IP each as such', async () => {
    const { context, credentials } = await setup();
    const messageOf = async (creds: Record<string, string>) => {
      const error = await connector.fetchBalances(context(new Map(), creds)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AuthError);
      return (error as AuthError).shortMessage;
    };
    expect(await messageOf({ ...credentials, passphrase: 'not-it' })).toMatch(/rejected the passphrase/);
    expect(await messageOf({ ...credentials, apiKey: 'bg_deleted' })).toMatch(/does not know this API key/);
    expect(await messageOf({ ...credentials, secret: 'another-secret' })).toMatch(/copy the secret again/);
    const bound = await setup({ ips: '203.0.113.7' });
    expect(await connector.fetchBalances(bound.context()).catch((e: unknown) => (e as AuthError).shortMessage)).toMatch(/IP address/);
  });

  it('turns Bitget’s 30-second timestamp limit (40008) into ClockSkewError', async () => {
    const { sim, context } = await setup();
    sim.setClockOffset(31_000);
    await expect(connector.fetchBalances(context())).rejects.toBeInstanceOf(ClockSkewError);
  });

  it('turns 429 into RateLimitedError with Bitget’s wait, and maintenance (40200) into UnavailableError', async () => {
    const { sim, context } = await setup();
    sim.faults.push({ kind: 'status', status: 429, path: '/api/v2/spot/account/assets', retryAfterSeconds: 3 });
    const limited = await connector.fetchBalances(context()).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAfterMs).toBe(3_000);
    sim.maintenance = true;
    const down = await connector.fetchBalances(context()).catch((e: unknown) => e);
    expect(down).toBeInstanceOf(UnavailableError);
    expect((down as UnavailableError).shortMessage).toBe('Bitget is down for maintenance; Omnifolio will try again later.');
  });
});

describe('Bitget history', () => {
  it('maps ccxt’s recorded deposit and withdrawal as ccxt parses them: the withdrawal amount is size minus fee', async () => {
    const [deposit] = ccxtBitget.methods.fetchDeposits ?? [];
    const [withdrawal] = ccxtBitget.methods.fetchWithdrawals ?? [];
    const recorded = (c: CcxtCase | undefined) =>
      // Recorded in 2026; moved into the year Bitget keeps, fields otherwise verbatim.
      (c?.httpResponse.data ?? []).map((row) => ({ ...row, createdTime: String(clock.now() - 86_400_000) }) as unknown as BitgetWireTransfer);
    const { context } = await setup({ deposits: recorded(deposit), withdrawals: recorded(withdrawal) });
    const { activities } = await runActivityPass(connector, (c) => context(c), new Map());
    const [parsedDeposit] = deposit?.parsedResponse ?? [];
    const [parsedWithdrawal] = withdrawal?.parsedResponse ?? [];
    expect(parsedWithdrawal?.amount).toBe(28.5);
    expect(activities.find((a) => a.type === 'deposit')).toMatchObject({
      providerRef: `deposit:${parsedDeposit?.id}`,
      asset: parsedDeposit?.currency,
      quantity: String(parsedDeposit?.amount),
      fee: null,
    });
    expect(activities.find((a) => a.type === 'withdrawal')).toMatchObject({
      providerRef: `withdrawal:${parsedWithdrawal?.id}`,
      asset: parsedWithdrawal?.currency,
      quantity: String(parsedWithdrawal?.amount),
      fee: String(parsedWithdrawal?.fee?.cost),
      feeAsset: parsedWithdrawal?.fee?.currency,
    });
  });

  it('asks for fills only on pairs whose coins have both been in the account, and records them', async () => {
    const { sim, context } = await setup();
    const { activities } = await runActivityPass(connector, (c) => context(c), new Map());
    const asked = new Set(sim.requests.to('/api/v2/spot/trade/fills').map((e) => new URLSearchParams(e.rawQuery).get('symbol')));
    // Coins: BTC, ETH, USDT, BGB, DOGE held or listed in spot; SOL deposited (failed). USDC (funding only) is not a spot coin.
    expect(asked).toEqual(new Set(['BTCUSDT', 'ETHUSDT', 'ETHBTC', 'BGBUSDT', 'SOLUSDT', 'DOGEUSDT']));
    expect(activities.filter((a) => /^fill:[A-Z]+:/.test(a.providerRef)).length).toBe(65);
    // The first ETHBTC fill of the demo (newest first, it comes last): a buy at 0.03450 BTC.
    expect(activities.filter((a) => a.providerRef.startsWith('fill:ETHBTC:')).at(-1)).toMatchObject({
      type: 'buy',
      asset: 'ETH',
      quoteAsset: 'BTC',
      quantity: '0.3',
      price: '0.0345',
      fee: '0.0003',
      feeAsset: 'ETH',
    });
    await connector.test(context());
    await connector.fetchPositions?.(context());
    // Every endpoint the connector calls is one the simulator plays, and none answered 429.
    expect(sim.requests.notFound()).toEqual([]);
    expect(sim.requests.entries.filter((e) => e.status === 429)).toEqual([]);
  });

  it('records withdrawals net of their fee, spot transfers signed, and futures funding, fees, realized PnL and transfers signed', async () => {
    const { context } = await setup();
    const { activities } = await runActivityPass(connector, (c) => context(c), new Map());
    // Bitget serves each window newest first; the order of records does not matter to the store.
    const sorted = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();
    expect(activities.filter((a) => a.type === 'withdrawal').map((a) => [a.asset, a.quantity, a.fee])).toEqual([['BTC', '0.0998', '0.0002']]);
    // The demo's spot bills: transfers in and out (to futures, margin, isolated margin); trade bills are no transfers.
    expect(sorted(activities.filter((a) => a.providerRef.startsWith('bill:spot:')).map((a) => [a.type, a.asset, a.quantity]))).toEqual(
      sorted([
        ['transfer', 'USDT', '500'],
        ['transfer', 'USDT', '-3000'],
        ['transfer', 'USDT', '500'],
        ['transfer', 'USDT', '-1400'],
        ['transfer', 'BTC', '-0.1'],
        ['transfer', 'USDT', '-500'],
        ['transfer', 'USDT', '200'],
      ]),
    );
    // Margin records: transfers signed, a liquidation fee a fee; loans change nothing net and are not recorded.
    expect(sorted(activities.filter((a) => a.providerRef.startsWith('margin:')).map((a) => [a.accountKey, a.type, a.asset, a.quantity]))).toEqual(
      sorted([
        ['margin', 'transfer', 'USDT', '1400'],
        ['margin', 'transfer', 'BTC', '0.1'],
        ['margin-isolated', 'transfer', 'USDT', '500'],
        ['margin-isolated', 'transfer', 'USDT', '-200'],
        ['margin-isolated', 'fee', 'USDT', '0.75'],
      ]),
    );
    // Loan interest is a fee in the account that borrowed.
    expect(sorted(activities.filter((a) => a.providerRef.startsWith('interest:')).map((a) => [a.accountKey, a.type, a.asset, a.quantity]))).toEqual(
      sorted([
        ['margin', 'fee', 'USDT', '0.06'],
        ['margin', 'fee', 'USDT', '0.29'],
        ['margin-isolated', 'fee', 'USDT', '0.1'],
        ['margin-isolated', 'fee', 'USDT', '0.32'],
      ]),
    );
    // Funding paid and a realized loss stay negative in their own types; only a bare trading fee is a `fee`.
    expect(sorted(activities.filter((a) => a.providerRef.startsWith('bill:USDT-FUTURES:')).map((a) => [a.accountKey, a.type, a.quantity, a.fee]))).toEqual(
      sorted([
        ['futures-usdt', 'transfer', '3000', null],
        ['futures-usdt', 'fee', '10.674', null],
        ['futures-usdt', 'funding', '-1.8021', null],
        ['futures-usdt', 'funding', '0.9314', null],
        ['futures-usdt', 'realized_pnl', '41.25', '2.8071'],
        ['futures-usdt', 'fee', '2.8035', null],
        ['futures-usdt', 'realized_pnl', '-12.5', '2.7'],
        ['futures-usdt', 'transfer', '-500', null],
      ]),
    );
    expect(sorted(activities.filter((a) => a.providerRef.startsWith('bill:COIN-FUTURES:')).map((a) => [a.accountKey, a.type, a.asset, a.quantity]))).toEqual(
      sorted([
        ['futures-coin', 'fee', 'BTC', '0.00009'],
        ['futures-coin', 'funding', 'BTC', '0.0000042'],
      ]),
    );
  });

  it('reads margin fills per pair: every isolated pair listed, and cross pairs whose coins the cross account held', async () => {
    const { sim, context } = await setup();
    const { activities } = await runActivityPass(connector, (c) => context(c), new Map());
    const asked = (path: string) => new Set(sim.requests.to(path).map((e) => new URLSearchParams(e.rawQuery).get('symbol')));
    // Cross margin coins: USDT, BTC, ETH (listed) → BTCUSDT, ETHUSDT, ETHBTC; isolated pairs: ETHUSDT, BTCUSDT.
    expect(asked('/api/v2/margin/crossed/fills')).toEqual(new Set(['BTCUSDT', 'ETHUSDT', 'ETHBTC']));
    expect(asked('/api/v2/margin/isolated/fills')).toEqual(new Set(['ETHUSDT', 'BTCUSDT']));
    const margin = activities.filter((a) => a.providerRef.startsWith('fill:crossed:') || a.providerRef.startsWith('fill:isolated:'));
    const sorted = (rows: unknown[][]) => rows.map((r) => JSON.stringify(r)).sort();
    // A liquidation sale is a sale; fees as Bitget writes them, made positive.
    expect(sorted(margin.map((a) => [a.accountKey, a.type, a.asset, a.quoteAsset, a.quantity, a.price, a.fee, a.feeAsset]))).toEqual(
      sorted([
        ['margin', 'buy', 'BTC', 'USDT', '0.02', '84000', '1.68', 'USDT'],
        ['margin-isolated', 'buy', 'ETH', 'USDT', '2.5', '3000', '0.0025', 'ETH'],
        ['margin-isolated', 'sell', 'ETH', 'USDT', '0.5', '2950', '1.475', 'USDT'],
      ]),
    );
    expect(sim.requests.entries.filter((e) => e.status !== 200)).toEqual([]);
  });

  it('records Savings subscriptions and redemptions as transfers between spot and earn, and interest as a reward in spot', async () => {
    const { context } = await setup();
    const { activities } = await runActivityPass(connector, (c) => context(c), new Map());
    const savings = activities.filter((a) => a.providerRef.startsWith('savings:'));
    const sorted = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();
    expect(sorted(savings.filter((a) => a.type === 'transfer').map((a) => [a.accountKey, a.asset, a.quantity]))).toEqual(
      sorted([
        ['spot', 'USDT', '-1000'],
        ['earn', 'USDT', '1000'],
        ['spot', 'BGB', '-500'],
        ['earn', 'BGB', '500'],
        ['spot', 'ETH', '-1'],
        ['earn', 'ETH', '1'],
        ['earn', 'USDT', '-200'],
        ['spot', 'USDT', '200'],
      ]),
    );
    const interest = savings.filter((a) => a.type === 'reward');
    expect(interest.map((a) => [a.accountKey, a.asset, a.quantity])).toEqual(Array.from({ length: 12 }, () => ['spot', 'USDT', '0.2191']));
  });

  it('replays into balances that match the simulator’s own movements, in and out, for futures, margin, earn and spot transfers', async () => {
    const { context, account } = await setup();
    const { activities } = await runActivityPass(connector, (c) => context(c), new Map());
    const moved = new Map<string, Decimal>();
    const add = (accountKey: string, asset: string, delta: Decimal | string) => {
      const key = `${accountKey} ${asset}`;
      moved.set(key, (moved.get(key) ?? dec('0')).plus(delta));
    };
    for (const [id, a] of activities.entries()) {
      if (a.type === 'buy' || a.type === 'sell' || a.type === 'deposit' || a.type === 'withdrawal') continue;
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
        add(d.accountId, d.assetId, d.delta);
    }
    // Expected, from the simulator's records as Bitget signs them: a futures bill moves `amount` + `fee`
    // (the fee written negative); a transfer spot bill moves `size`; a Savings subscription moves the coin
    // from spot to earn, a redemption back, and interest is paid into spot.
    const expected = new Map<string, Decimal>();
    const expect_ = (accountKey: string, asset: string, delta: Decimal | string) => {
      const key = `${accountKey} ${asset}`;
      expected.set(key, (expected.get(key) ?? dec('0')).plus(delta));
    };
    for (const bill of account.futuresBills['USDT-FUTURES']) expect_('futures-usdt', bill.coin, dec(bill.amount).plus(bill.fee));
    for (const bill of account.futuresBills['COIN-FUTURES']) expect_('futures-coin', bill.coin, dec(bill.amount).plus(bill.fee));
    for (const bill of account.spotBills.filter((b) => b.groupType === 'transfer')) expect_('spot', bill.coin, bill.size);
    // A margin record moves its signed `amount` except loans and repayments, which change held and owed alike.
    for (const [key, records] of [
      ['margin', account.crossMarginRecords],
      ['margin-isolated', account.isolatedMarginRecords],
    ] as const) {
      for (const r of records) if (r.marginType !== 'borrow' && r.marginType !== 'repay') expect_(key, r.coin, r.amount);
    }
    // Interest is added to what is owed: the net balance falls by it.
    for (const r of account.crossMarginInterest) expect_('margin', r.interestCoin, dec(r.interestAmount).neg());
    for (const r of account.isolatedMarginInterest) expect_('margin-isolated', r.interestCoin, dec(r.interestAmount).neg());
    for (const r of account.savingsRecords) {
      if (r.orderType === 'subscribe') {
        expect_('spot', r.coinName, dec(r.amount).neg());
        expect_('earn', r.coinName, r.amount);
      } else if (r.orderType === 'redeem') {
        expect_('earn', r.coinName, dec(r.amount).neg());
        expect_('spot', r.coinName, r.amount);
      } else if (r.orderType === 'pay_interest') expect_('spot', r.coinName, r.amount);
    }
    const asStrings = (m: Map<string, Decimal>) => Object.fromEntries([...m].filter(([, v]) => !v.isZero()).map(([k, v]) => [k, toDecimalString(v)]));
    expect(asStrings(moved)).toEqual(asStrings(expected));
    // And the earn account's replay is exactly what Bitget says is held now.
    for (const asset of account.savingsAssets) expect(toDecimalString(moved.get(`earn ${asset.productCoin}`) ?? dec('0'))).toBe(asset.holdAmount);
  });
});
