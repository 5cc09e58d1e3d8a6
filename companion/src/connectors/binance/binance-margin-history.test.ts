import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord } from '@omnifolio/shared/schemas';
import { afterEach, describe, expect, it } from 'vitest';
import { activityDeltas } from '../../engine/activity-deltas.js';
import type { BinanceSimAccount } from '../../simulators/binance/binance-sim-account.js';
import { BinanceSimulator } from '../../simulators/binance/binance-simulator.js';
import { addWalletTransfer } from '../../simulators/binance/binance-wallet-transfers.js';
import { loadDemoAccount } from '../../simulators/binance/demo-account.js';
import { createTestClock } from '../../simulators/framework/test-clock.js';
import { createTestContext, runActivityPass } from '../contract-suite.js';
import { createBinanceConnector } from './binance-connector.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function setup() {
  const clock = createTestClock();
  const connector = createBinanceConnector({ clock, config: { rateLimit: 1 } });
  const sim = new BinanceSimulator({ clock });
  const baseUrl = await sim.start();
  const account = sim.addAccount(loadDemoAccount({ now: clock.now() }));
  const context = (cursors: ReadonlyMap<string, string>) =>
    createTestContext({ credentials: { apiKey: account.apiKey, secret: account.secret }, baseUrls: { binance: baseUrl }, cursors });
  return { clock, connector, sim, account, context };
}

const isMarginRecord = (a: ActivityRecord) => /^(margin-trade|isolated-trade|margin-interest):/.test(a.providerRef);

/** Each (account, asset)'s balance after replaying the account's activities through the balance engine. */
function replay(activities: readonly ActivityRecord[], accountKey: string): Record<string, string> {
  const totals = new Map<string, ReturnType<typeof dec>>();
  for (const [i, a] of activities.filter((x) => x.accountKey === accountKey).entries()) {
    for (const d of activityDeltas({
      id: i,
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
      totals.set(d.assetId, (totals.get(d.assetId) ?? dec('0')).plus(d.delta));
    }
  }
  return Object.fromEntries([...totals].filter(([, v]) => !v.isZero()).map(([k, v]) => [k, toDecimalString(v)]));
}

/**
 * A cross margin account on top of the demo: 1000 USDT moved in from spot, 0.5 ETH borrowed and
 * sold at 3000 (fee 1.5 USDT), and 0.00015 ETH of interest on the loan. Net: USDT 1000 + 1500 −
 * 1.5 = 2498.5; ETH −0.5 (the loan) − 0.00015 (interest) = −0.50015.
 */
function addCrossMargin(account: BinanceSimAccount, now: number): void {
  const at = now - 5 * DAY;
  addWalletTransfer(account, { type: 'MAIN_MARGIN', asset: 'USDT', amount: '1000', timestamp: at }, now);
  account.crossMargin = [
    { asset: 'USDT', free: '2498.50000000', locked: '0.00000000', borrowed: '0.00000000', interest: '0.00000000', netAsset: '2498.50000000' },
    { asset: 'ETH', free: '0.00000000', locked: '0.00000000', borrowed: '0.50000000', interest: '0.00015000', netAsset: '-0.50015000' },
    { asset: 'BNB', free: '0.00000000', locked: '0.00000000', borrowed: '0.00000000', interest: '0.00000000', netAsset: '0.00000000' },
  ];
  account.marginTrades = [
    ...(account.marginTrades ?? []),
    {
      symbol: 'ETHUSDT',
      id: 2_210_554_001,
      orderId: 18_554_002_117,
      price: '3000.00000000',
      qty: '0.50000000',
      commission: '1.50000000',
      commissionAsset: 'USDT',
      time: at + HOUR,
      isBuyer: false,
      isMaker: false,
      isBestMatch: true,
      isIsolated: false,
    },
  ];
  const interest = (hours: number, amount: string, type: string) => ({
    txId: 1_352_286_576_452_870_000 + hours,
    interestAccuredTime: at + hours * HOUR,
    asset: 'ETH',
    rawAsset: 'ETH',
    principal: '0.5',
    interest: amount,
    interestRate: '0.00010000',
    type,
  });
  account.marginInterest = [...(account.marginInterest ?? []), interest(1, '0.00010000', 'ON_BORROW'), interest(2, '0.00005000', 'PERIODIC')];
}

describe('Binance cross and isolated margin trades and interest', () => {
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stop?.();
    stop = undefined;
  });

  it('records the demo pair’s two margin buys and its loan interest, hand-transcribed', async () => {
    const { connector, sim, context } = await setup();
    stop = () => sim.stop();
    const { activities } = await runActivityPass(connector, context, new Map());
    const records = activities
      .filter(isMarginRecord)
      .map(({ accountKey, providerRef, type, asset, quantity, quoteAsset, price, fee, feeAsset }) => ({
        accountKey,
        providerRef,
        type,
        asset,
        quantity,
        quoteAsset,
        price,
        fee,
        feeAsset,
      }))
      .sort((a, b) => a.providerRef.localeCompare(b.providerRef));
    // Transcribed from demo-account.json's marginTrades and marginInterest.
    expect(records).toEqual([
      {
        accountKey: 'isolated-margin',
        providerRef: 'isolated-trade:BTCUSDT:4178650011',
        type: 'buy',
        asset: 'BTC',
        quantity: '0.01001',
        quoteAsset: 'USDT',
        price: '64000',
        fee: '0.00001',
        feeAsset: 'BTC',
      },
      {
        accountKey: 'isolated-margin',
        providerRef: 'isolated-trade:BTCUSDT:4178702394',
        type: 'buy',
        asset: 'BTC',
        quantity: '0.005005',
        quoteAsset: 'USDT',
        price: '62000',
        fee: '0.000005',
        feeAsset: 'BTC',
      },
      {
        accountKey: 'isolated-margin',
        providerRef: expect.stringMatching(/^margin-interest:BTCUSDT:USDT:ON_BORROW:\d+$/),
        type: 'fee',
        asset: 'USDT',
        quantity: '0.025',
        quoteAsset: null,
        price: null,
        fee: null,
        feeAsset: null,
      },
      {
        accountKey: 'isolated-margin',
        providerRef: expect.stringMatching(/^margin-interest:BTCUSDT:USDT:PERIODIC:\d+$/),
        type: 'fee',
        asset: 'USDT',
        quantity: '0.1',
        quoteAsset: null,
        price: null,
        fee: null,
        feeAsset: null,
      },
    ]);
  });

  it('replayed through activity-deltas, the history rebuilds the cross margin and isolated net balances', async () => {
    const { clock, connector, sim, account, context } = await setup();
    stop = () => sim.stop();
    addCrossMargin(account, clock.now());
    const { activities } = await runActivityPass(connector, context, new Map());
    // Hand-computed: cross USDT 1000 + 0.5 × 3000 − 1.5; ETH −0.5 loan − 0.0001 − 0.00005 interest.
    // Isolated BTCUSDT (demo-account.json): USDT +50 −50 +1650.95 − 640.64 − 310.31 − 0.025 − 0.1 = 699.875;
    // BTC 0.01001 − 0.00001 + 0.005005 − 0.000005 = 0.015. A wrong direction on any record breaks these.
    expect(replay(activities, 'margin')).toEqual({ USDT: '2498.5', ETH: '-0.50015' });
    expect(replay(activities, 'isolated-margin')).toEqual({ USDT: '699.875', BTC: '0.015' });
    // And they are what the balance read reports (net of loans and interest).
    const balances = await connector.fetchBalances(context(new Map()));
    const net = (accountKey: string) =>
      Object.fromEntries(
        balances
          .filter((b) => b.accountKey === accountKey && !dec(b.free).plus(b.locked).isZero())
          .map((b) => [b.asset.symbol, toDecimalString(dec(b.free).plus(b.locked))]),
      );
    expect(net('margin')).toEqual({ USDT: '2498.5', ETH: '-0.50015' });
    expect(net('isolated-margin')).toEqual({ USDT: '699.875', BTC: '0.015' });
  });

  it('a second sync asks each symbol from the next trade id and records only what is new', async () => {
    const { clock, connector, sim, account, context } = await setup();
    stop = () => sim.stop();
    addCrossMargin(account, clock.now());
    const cursors = new Map<string, string>();
    const first = await runActivityPass(connector, context, cursors);
    expect(first.activities.filter(isMarginRecord)).toHaveLength(7);
    expect(cursors.get('margin-trades:ETHUSDT')).toBe('2210554001');
    expect(cursors.get('isolated-trades:BTCUSDT')).toBe('4178702394');

    clock.advance(2 * HOUR);
    account.marginInterest = [
      ...(account.marginInterest ?? []),
      { txId: 1, interestAccuredTime: clock.now() - HOUR, asset: 'ETH', principal: '0.5', interest: '0.00005000', interestRate: '0.0001', type: 'PERIODIC' },
    ];
    sim.requests.clear();
    const second = await runActivityPass(connector, context, cursors);
    expect(second.activities.filter(isMarginRecord).map((a) => [a.accountKey, a.type, a.asset, a.quantity])).toEqual([['margin', 'fee', 'ETH', '0.00005']]);
    const tradeQueries = sim.requests.to('/sapi/v1/margin/myTrades').map((r) => new URLSearchParams(r.rawQuery));
    const ethUsdt = tradeQueries.find((q) => q.get('symbol') === 'ETHUSDT' && q.get('isIsolated') === 'FALSE');
    expect(ethUsdt?.get('fromId')).toBe('2210554002');
    const isolated = tradeQueries.filter((q) => q.get('isIsolated') === 'TRUE');
    expect(isolated.map((q) => [q.get('symbol'), q.get('fromId')])).toEqual([['BTCUSDT', '4178702395']]);
    // One 30-day window per scope since the last sync: cross, then the pair.
    expect(sim.requests.to('/sapi/v1/margin/interestHistory').map((r) => new URLSearchParams(r.rawQuery).get('isolatedSymbol'))).toEqual([null, 'BTCUSDT']);
  });

  it('pages interest past 100 in a window and asks no margin history without margin accounts', async () => {
    const { clock, connector, sim, account, context } = await setup();
    stop = () => sim.stop();
    addCrossMargin(account, clock.now());
    // Twenty days back: inside one 30-day window, clear of the loan's own two charges five days back.
    const start = clock.now() - 20 * DAY;
    for (let i = 0; i < 130; i += 1) {
      account.marginInterest?.push({
        txId: 10_000 + i,
        interestAccuredTime: start + i * HOUR,
        asset: 'ETH',
        principal: '0.5',
        interest: '0.00000100',
        interestRate: '0.000002',
        type: 'PERIODIC',
      });
    }
    const { activities } = await runActivityPass(connector, context, new Map());
    expect(activities.filter((a) => a.accountKey === 'margin' && a.providerRef.startsWith('margin-interest:cross:ETH:PERIODIC:'))).toHaveLength(131);
    const pages = sim.requests
      .to('/sapi/v1/margin/interestHistory')
      .map((r) => new URLSearchParams(r.rawQuery))
      .filter((q) => q.get('current') === '2');
    expect(pages.map((q) => q.get('isolatedSymbol'))).toEqual([null]);

    delete account.crossMargin;
    delete account.isolatedMargin;
    account.isolatedTransfers = {};
    sim.requests.clear();
    const none = await runActivityPass(connector, context, new Map());
    expect(none.activities.filter(isMarginRecord)).toEqual([]);
    expect(sim.requests.to('/sapi/v1/margin/myTrades')).toHaveLength(0);
    expect(sim.requests.to('/sapi/v1/margin/interestHistory')).toHaveLength(0);
  });
});
