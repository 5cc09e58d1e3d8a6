import { Decimal, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord } from '@omnifolio/shared/schemas';
import { afterEach, describe, expect, it } from 'vitest';
import { activityDeltas } from '../../engine/activity-deltas.js';
import { BybitSimulator } from '../../simulators/bybit/bybit-simulator.js';
import { bybitDemoAccount } from '../../simulators/bybit/demo-account.js';
import { createTestClock } from '../../simulators/framework/test-clock.js';
import { createTestContext, runActivityPass } from '../contract-suite.js';
import { createBybitConnector } from './bybit-connector.js';

/**
 * The demo account's history, replayed through the engine's activityDeltas, must move the
 * funding and unified accounts exactly as the simulator's own records say: for funding, the
 * deposits, withdrawals (amount plus fee), transfers and Earn yield it holds; for the unified
 * account, the `change` of every non-spot transaction-log row (TRANSFER_IN/OUT included). A
 * transfer or a funding payment with the wrong sign fails here.
 */
const clock = createTestClock();
const connector = createBybitConnector({ clock, config: { rateLimit: 0.1 } });
const sims: BybitSimulator[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

const net = (entries: readonly (readonly [string, Decimal | string])[]) => {
  const totals = new Map<string, Decimal>();
  for (const [asset, amount] of entries) totals.set(asset, (totals.get(asset) ?? new Decimal(0)).plus(amount));
  return Object.fromEntries([...totals].filter(([, v]) => !v.isZero()).map(([asset, v]) => [asset, toDecimalString(v)]));
};

const replay = (activities: readonly ActivityRecord[]) =>
  net(
    activities.flatMap((a, id) =>
      activityDeltas({
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
      }).map((d) => [d.assetId, d.delta] as const),
    ),
  );

describe('Bybit demo history replayed through activityDeltas', () => {
  it('moves the funding and unified accounts exactly as the simulator’s own records say', async () => {
    const sim = new BybitSimulator({ clock });
    sims.push(sim);
    const baseUrl = await sim.start();
    const demo = sim.addAccount(bybitDemoAccount(clock.now()));
    const context = (cursors: ReadonlyMap<string, string>) =>
      createTestContext({ credentials: { apiKey: demo.apiKey, secret: demo.secret }, baseUrls: { bybit: baseUrl }, cursors });
    const { activities } = await runActivityPass(connector, context, new Map());

    const funding = activities.filter((a) => a.accountKey === 'funding');
    expect(funding.filter((a) => a.type === 'transfer').map((a) => [a.asset, a.quantity])).toEqual(
      expect.arrayContaining([
        ['USDT', '-5000'],
        ['USDT', '750'],
        ['BTC', '-0.1'],
        ['ETH', '0.5'],
      ]),
    );
    const transfers = (demo.transfers ?? []).filter((t) => t.status === 'SUCCESS');
    expect(replay(funding)).toEqual(
      net([
        ...demo.deposits.filter((d) => d.status === 3).map((d) => [d.coin, d.amount] as const),
        ...demo.internalDeposits.filter((d) => d.status === 2).map((d) => [d.coin, d.amount] as const),
        ...demo.withdrawals.filter((w) => w.status === 'success').map((w) => [w.coin, new Decimal(w.amount).plus(w.withdrawFee).neg()] as const),
        ...transfers.filter((t) => t.fromAccountType === 'FUND').map((t) => [t.coin, new Decimal(t.amount).neg()] as const),
        ...transfers.filter((t) => t.toAccountType === 'FUND').map((t) => [t.coin, t.amount] as const),
        ...(demo.earnYield ?? []).filter((y) => y.status === 'Success').map((y) => [y.coin, y.amount] as const),
      ]),
    );

    const unified = activities.filter((a) => a.accountKey === 'unified' && !a.providerRef.startsWith('exec:spot:'));
    expect(replay(unified)).toEqual(net(demo.transactions.filter((t) => t.category !== 'spot').map((t) => [t.currency, t.change] as const)));
  });
});
