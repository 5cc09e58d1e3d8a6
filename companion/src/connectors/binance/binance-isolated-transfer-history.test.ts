import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord } from '@omnifolio/shared/schemas';
import { afterEach, describe, expect, it } from 'vitest';
import { activityDeltas } from '../../engine/activity-deltas.js';
import { addIsolatedTransfer } from '../../simulators/binance/binance-isolated-transfers.js';
import { BinanceSimulator } from '../../simulators/binance/binance-simulator.js';
import { addWalletTransfer } from '../../simulators/binance/binance-wallet-transfers.js';
import { loadDemoAccount } from '../../simulators/binance/demo-account.js';
import { createTestClock } from '../../simulators/framework/test-clock.js';
import { createTestContext, runActivityPass } from '../contract-suite.js';
import { createBinanceConnector } from './binance-connector.js';
import { binanceIsolatedTransferActivities } from './binance-isolated-transfer-history.js';
import { BINANCE_WALLET_TRANSFER_TYPES } from './binance-wallet-transfer-history.js';

const DAY = 86_400_000;

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

const isolatedTransfersOf = (activities: readonly ActivityRecord[]) =>
  activities
    .filter((a) => a.type === 'transfer' && a.providerRef.startsWith('isolated-transfer:'))
    .map(({ accountKey, providerRef, asset, quantity }) => ({ accountKey, providerRef, asset, quantity }));

/** Each account's running balance of `asset`, replaying the activities in time order through the balance engine. */
function running(activities: readonly ActivityRecord[], accountKey: string, asset: string): string[] {
  let balance = dec('0');
  const out: string[] = [];
  const mine = activities.filter((a) => a.accountKey === accountKey && a.asset === asset).sort((a, b) => a.executedAt.localeCompare(b.executedAt));
  for (const [i, a] of mine.entries()) {
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
      if (d.assetId === asset) balance = balance.plus(d.delta);
    }
    out.push(toDecimalString(balance));
  }
  return out;
}

describe('Binance transfers into and out of isolated margin pairs', () => {
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stop?.();
    stop = undefined;
  });

  it('records the demo round trip as two signed legs each, in isolated-margin and spot; the failed move is absent', async () => {
    const { connector, sim, context } = await setup();
    stop = () => sim.stop();
    const { activities } = await runActivityPass(connector, context, new Map());
    // Transcribed by hand from demo-account.json's isolatedTransfers.BTCUSDT: 50 USDT ROLL_IN from SPOT
    // (txId 5240372201), 0.002 BTC ROLL_IN FAILED (5240372246, absent), 50 USDT ROLL_OUT to SPOT (5240372288),
    // 1650.95 USDT ROLL_IN from SPOT (5240372301).
    expect(isolatedTransfersOf(activities)).toEqual([
      { accountKey: 'isolated-margin', providerRef: 'isolated-transfer:5240372201:BTCUSDT', asset: 'USDT', quantity: '50' },
      { accountKey: 'spot', providerRef: 'isolated-transfer:5240372201:spot', asset: 'USDT', quantity: '-50' },
      { accountKey: 'isolated-margin', providerRef: 'isolated-transfer:5240372288:BTCUSDT', asset: 'USDT', quantity: '-50' },
      { accountKey: 'spot', providerRef: 'isolated-transfer:5240372288:spot', asset: 'USDT', quantity: '50' },
      // 1650.95 USDT ROLL_IN from SPOT (5240372301): what funds the pair's margin buys.
      { accountKey: 'isolated-margin', providerRef: 'isolated-transfer:5240372301:BTCUSDT', asset: 'USDT', quantity: '1650.95' },
      { accountKey: 'spot', providerRef: 'isolated-transfer:5240372301:spot', asset: 'USDT', quantity: '-1650.95' },
    ]);
  });

  it('replayed through activity-deltas, the pair holds the 50 USDT between the two moves, spot gets it back, then funds the pair', async () => {
    const { connector, sim, context } = await setup();
    stop = () => sim.stop();
    const { activities } = await runActivityPass(connector, context, new Map());
    const moves = activities.filter((a) => a.providerRef.startsWith('isolated-transfer:'));
    // A wrong direction would show −50 first in the pair (and +50 in spot).
    expect(running(moves, 'isolated-margin', 'USDT')).toEqual(['50', '0', '1650.95']);
    expect(running(moves, 'spot', 'USDT')).toEqual(['-50', '0', '-1650.95']);
  });

  it('names the other wallet: cross margin, or none for a move between two isolated pairs (each pair reports its own leg)', () => {
    const base = { asset: 'USDT', status: 'CONFIRMED', timestamp: 1_790_000_000_000, txId: 77 };
    const fromCross = binanceIsolatedTransferActivities('ETHUSDT', {
      ...base,
      amount: '12.50000000',
      type: 'ROLL_IN',
      transFrom: 'CROSS_MARGIN',
      transTo: 'ISOLATED_MARGIN',
    });
    expect(fromCross.map((a) => [a.accountKey, a.providerRef, a.quantity])).toEqual([
      ['isolated-margin', 'isolated-transfer:77:ETHUSDT', '12.5'],
      ['margin', 'isolated-transfer:77:margin', '-12.5'],
    ]);
    const out = binanceIsolatedTransferActivities('ETHUSDT', {
      ...base,
      amount: '3.00000000',
      type: 'ROLL_OUT',
      transFrom: 'ISOLATED_MARGIN',
      transTo: 'ISOLATED_MARGIN',
    });
    const into = binanceIsolatedTransferActivities('BTCUSDT', {
      ...base,
      amount: '3.00000000',
      type: 'ROLL_IN',
      transFrom: 'ISOLATED_MARGIN',
      transTo: 'ISOLATED_MARGIN',
    });
    expect([...out, ...into].map((a) => [a.accountKey, a.providerRef, a.quantity])).toEqual([
      ['isolated-margin', 'isolated-transfer:77:ETHUSDT', '-3'],
      ['isolated-margin', 'isolated-transfer:77:BTCUSDT', '3'],
    ]);
    expect(
      binanceIsolatedTransferActivities('ETHUSDT', { ...base, amount: '1', type: 'ROLL_IN', status: 'FAILED', transFrom: 'SPOT', transTo: 'ISOLATED_MARGIN' }),
    ).toEqual([]);
  });

  it('pages past 100 in a window, holds the cursor at a pending move, and keeps asking a pair no longer listed', async () => {
    const { clock, connector, sim, account, context } = await setup();
    stop = () => sim.stop();
    account.isolatedTransfers = {};
    const start = clock.now() - 10 * DAY;
    for (let i = 0; i < 130; i += 1)
      addIsolatedTransfer(account, { pair: 'ETHUSDT', type: 'ROLL_IN', asset: 'USDT', amount: '1', timestamp: start + i * 60_000 }, clock.now());
    const pending = addIsolatedTransfer(
      account,
      { pair: 'ETHUSDT', type: 'ROLL_OUT', asset: 'USDT', amount: '7', status: 'PENDING', timestamp: clock.now() - 2 * DAY },
      clock.now(),
    );
    // ETHUSDT is listed by the isolated account on the first sync only (the user deletes the pair afterwards).
    const listed = account.isolatedMargin!;
    const eth = { ...listed.assets[0]!, symbol: 'ETHUSDT' };
    account.isolatedMargin = { ...listed, assets: [...listed.assets, eth] };
    clock.advance(120_000);

    const cursors = new Map<string, string>();
    const first = await runActivityPass(connector, context, cursors);
    const ethLegs = isolatedTransfersOf(first.activities).filter((a) => a.providerRef.endsWith(':ETHUSDT'));
    expect(ethLegs).toHaveLength(130);
    expect(isolatedTransfersOf(first.activities).filter((a) => a.accountKey === 'spot' && a.quantity === '-1')).toHaveLength(130);
    expect(isolatedTransfersOf(first.activities).some((a) => a.providerRef.startsWith(`isolated-transfer:${pending.txId}:`))).toBe(false);
    const secondPages = sim.requests
      .to('/sapi/v1/margin/transfer')
      .map((r) => new URLSearchParams(r.rawQuery))
      .filter((q) => q.get('isolatedSymbol') === 'ETHUSDT' && q.get('current') === '2');
    expect(secondPages).toHaveLength(1);
    expect(cursors.get('isolated-transfers:pairs')).toBe('BTCUSDT,ETHUSDT');

    account.isolatedMargin = listed;
    pending.status = 'CONFIRMED';
    clock.advance(61_000);
    sim.requests.clear();
    const second = await runActivityPass(connector, context, cursors);
    expect(isolatedTransfersOf(second.activities)).toEqual([
      { accountKey: 'isolated-margin', providerRef: `isolated-transfer:${pending.txId}:ETHUSDT`, asset: 'USDT', quantity: '-7' },
      { accountKey: 'spot', providerRef: `isolated-transfer:${pending.txId}:spot`, asset: 'USDT', quantity: '7' },
    ]);
    // One window per pair since the last sync (the held one for ETHUSDT), pairs in name order.
    expect(sim.requests.to('/sapi/v1/margin/transfer').map((r) => new URLSearchParams(r.rawQuery).get('isolatedSymbol'))).toEqual(['BTCUSDT', 'ETHUSDT']);
  });

  it('is the only source of an isolated move: the universal transfer walk never asks the isolated types', async () => {
    const { clock, connector, sim, account, context } = await setup();
    stop = () => sim.stop();
    // Binance lists a cross → isolated move in both histories; the universal one under MARGIN_ISOLATEDMARGIN.
    const at = clock.now() - 3 * DAY;
    addIsolatedTransfer(account, { pair: 'BTCUSDT', type: 'ROLL_IN', asset: 'USDT', amount: '20', counterpart: 'CROSS_MARGIN', timestamp: at }, clock.now());
    addWalletTransfer(account, { type: 'MARGIN_ISOLATEDMARGIN', asset: 'USDT', amount: '20', timestamp: at }, clock.now());
    const { activities } = await runActivityPass(connector, context, new Map());
    const twenty = activities.filter((a) => a.type === 'transfer' && dec(a.quantity).abs().equals(20));
    expect(twenty.map((a) => [a.accountKey, a.quantity])).toEqual([
      ['isolated-margin', '20'],
      ['margin', '-20'],
    ]);
    expect(BINANCE_WALLET_TRANSFER_TYPES.some((type) => type.includes('ISOLATED'))).toBe(false);
    const askedTypes = sim.requests.to('/sapi/v1/asset/transfer').map((r) => new URLSearchParams(r.rawQuery).get('type') ?? '');
    expect(askedTypes.some((type) => type.includes('ISOLATED'))).toBe(false);
  });

  it('asks nothing per pair when the account has no isolated margin', async () => {
    const { connector, sim, account, context } = await setup();
    stop = () => sim.stop();
    delete account.isolatedMargin;
    account.isolatedTransfers = {};
    const { activities } = await runActivityPass(connector, context, new Map());
    expect(isolatedTransfersOf(activities)).toEqual([]);
    expect(sim.requests.to('/sapi/v1/margin/transfer')).toHaveLength(0);
  });
});
