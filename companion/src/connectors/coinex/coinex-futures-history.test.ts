import { type Decimal, dec, toDecimalString } from '@omnifolio/shared/money';
import { afterEach, describe, expect, it } from 'vitest';
import { activityDeltas } from '../../engine/activity-deltas.js';
import type { CoinexSimAccount } from '../../simulators/coinex/coinex-sim-account.js';
import { CoinexSimulator } from '../../simulators/coinex/coinex-simulator.js';
import { coinexDemoAccount } from '../../simulators/coinex/demo-account.js';
import { createTestClock } from '../../simulators/framework/test-clock.js';
import { createTestContext, runActivityPass } from '../contract-suite.js';
import { createCoinexConnector } from './coinex-connector.js';

const day = 86_400_000;
const clock = createTestClock();
// ccxt's pace for CoinEx (10 requests per second per endpoint); pages of 2 so that a market's fills take several.
const connector = createCoinexConnector({ clock, config: { rateLimit: 2.6 } }, { pageLimit: 2 });
const simulators: CoinexSimulator[] = [];
afterEach(async () => {
  await Promise.all(simulators.splice(0).map((s) => s.stop()));
});

async function setup(overrides: Partial<CoinexSimAccount> = {}) {
  const sim = new CoinexSimulator({ clock });
  simulators.push(sim);
  const baseUrl = await sim.start();
  // Spot trades and deposits have their own tests; these are about futures and transfers.
  const account = sim.addAccount({ ...coinexDemoAccount(clock.now()), deals: [], ...overrides });
  const context = (cursors: ReadonlyMap<string, string>) =>
    createTestContext({ credentials: { apiKey: account.apiKey, secret: account.secret }, baseUrls: { coinex: baseUrl }, cursors });
  return { sim, account, context };
}

const replay = (activities: Awaited<ReturnType<typeof runActivityPass>>['activities']) => {
  const moved = new Map<string, Decimal>();
  for (const [id, a] of activities.entries()) {
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
    })) {
      const key = `${d.accountId} ${d.assetId}`;
      moved.set(key, (moved.get(key) ?? dec('0')).plus(d.delta));
    }
  }
  return moved;
};
const asStrings = (m: Map<string, Decimal>) => Object.fromEntries([...m].filter(([, v]) => !v.isZero()).map(([k, v]) => [k, toDecimalString(v)]));

describe('CoinEx futures fills and transfers', () => {
  it('reads the fills of every futures market touched, realized PnL signed with its fee, opening fees, a rebate', async () => {
    const { sim, context } = await setup({ transfers: [] });
    const cursors = new Map<string, string>();
    const { activities } = await runActivityPass(connector, context, cursors);
    const fills = activities
      .filter((a) => a.providerRef.startsWith('trade:FUTURES:'))
      .sort((a, b) => a.executedAt.localeCompare(b.executedAt))
      .map((a) => [a.providerRef, a.type, a.asset, a.quantity, a.fee]);
    // By hand from the demo's fills: SOL found only through the closed positions.
    expect(fills).toEqual([
      ['trade:FUTURES:SOLUSDT:4100001', 'fee', 'USDT', '1.605', null],
      ['trade:FUTURES:SOLUSDT:4100002', 'realized_pnl', 'USDT', '245', '1.7275'],
      ['trade:FUTURES:SOLUSDT:4100003', 'fee', 'USDT', '0.875', null],
      // A loss of 66 less the maker rebate of 0.1684.
      ['trade:FUTURES:SOLUSDT:4100004', 'realized_pnl', 'USDT', '-65.8316', null],
      ['trade:FUTURES:BTCUSDT:4100005', 'fee', 'USDT', '6.6315075', null],
      ['trade:FUTURES:ETHUSDT:4100006', 'fee', 'USDT', '3.89472', null],
      // The inverse BTCUSD long's opening fee, in the coin it settles in.
      ['trade:FUTURES:BTCUSD:4100007', 'fee', 'BTC', '0.00005171', null],
    ]);
    const sol = sim.requests.to('/v2/futures/user-deals').filter((e) => e.rawQuery.includes('market=SOLUSDT'));
    expect(sol.length).toBeGreaterThanOrEqual(2);
    expect(cursors.get('trades:FUTURES:markets')).toBe('BTCUSD,BTCUSDT,ETHUSDT,SOLUSDT');

    sim.requests.clear();
    const again = await runActivityPass(connector, context, cursors);
    expect(again.activities.filter((a) => a.providerRef.startsWith('trade:FUTURES:'))).toEqual([]);
  });

  it('records a transfer in both wallets, signed, and never a failed one', async () => {
    const { context } = await setup({ futuresDeals: [], finishedPositions: [] });
    const { activities } = await runActivityPass(connector, context, new Map());
    const transfers = activities
      .filter((a) => a.type === 'transfer')
      .sort((a, b) => a.executedAt.localeCompare(b.executedAt) || a.accountKey.localeCompare(b.accountKey))
      .map((a) => [a.accountKey, a.asset, a.quantity]);
    expect(transfers).toEqual([
      ['futures', 'USDT', '6000'],
      ['spot', 'USDT', '-6000'],
      ['margin', 'USDT', '300'],
      ['spot', 'USDT', '-300'],
      ['futures', 'USDT', '-1000'],
      ['spot', 'USDT', '1000'],
      ['futures', 'BTC', '0.05'],
      ['spot', 'BTC', '-0.05'],
    ]);
  });

  it('moves the futures, margin and spot wallets exactly as CoinEx’s transfer, funding and fill records say', async () => {
    const { account, context } = await setup();
    const { activities } = await runActivityPass(connector, context, new Map());
    const wallet: Record<string, string> = { SPOT: 'spot', FUTURES: 'futures', MARGIN: 'margin' };
    const expected = new Map<string, Decimal>();
    const add = (key: string, delta: Decimal | string) => expected.set(key, (expected.get(key) ?? dec('0')).plus(delta));
    for (const t of account.transfers ?? []) {
      if (t.status !== 'finished') continue;
      add(`${wallet[t.from_account_type]} ${t.ccy}`, dec(t.amount).neg());
      add(`${wallet[t.to_account_type]} ${t.ccy}`, t.amount);
    }
    for (const f of account.funding) add(`futures ${f.ccy}`, f.funding_value);
    for (const d of account.futuresDeals ?? []) add(`futures ${d.fee_ccy}`, dec(d.realized_pnl).minus(d.fee));
    // Only what moves between and inside wallets: spot trades, deposits and withdrawals are tested elsewhere.
    const moved = replay(activities.filter((a) => a.type !== 'deposit' && a.type !== 'withdrawal'));
    expect(asStrings(moved)).toEqual(asStrings(expected));
    // By hand: spot sent 6000 to futures and 300 to margin, and got 1000 back.
    expect(asStrings(moved)['spot USDT']).toBe('-5300');
    // By hand: the futures wallet's BTC is the 0.05 moved in less the BTCUSD opening fee, its balance less unrealized PnL.
    expect(asStrings(moved)['futures BTC']).toBe('0.04994829');
    const btc = account.futures.find((f) => f.ccy === 'BTC');
    expect(btc && toDecimalString(dec(btc.available).plus(btc.frozen).plus(btc.margin))).toBe('0.04994829');
  });

  it('reads only what is new on the next sync: a fill and a transfer', async () => {
    const { account, context } = await setup();
    const cursors = new Map<string, string>();
    await runActivityPass(connector, context, cursors);
    const at = clock.now() - day / 24;
    account.futuresDeals?.push({
      deal_id: 4_100_010,
      created_at: at,
      market: 'BTCUSDT',
      side: 'sell',
      order_id: 1,
      position_id: 305_891_033,
      price: '90500',
      amount: '0.05',
      role: 'taker',
      fee: '2.2625',
      fee_ccy: 'USDT',
      realized_pnl: '103.995',
    });
    account.transfers?.push({ created_at: at, from_account_type: 'FUTURES', to_account_type: 'SPOT', ccy: 'USDT', amount: '500', status: 'finished' });
    const next = await runActivityPass(connector, context, cursors);
    expect(next.activities.map((a) => [a.accountKey, a.type, a.quantity, a.fee]).sort()).toEqual(
      [
        ['futures', 'realized_pnl', '103.995', '2.2625'],
        ['futures', 'transfer', '-500', null],
        ['spot', 'transfer', '500', null],
      ].sort(),
    );
  });
});
