import { Decimal, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord } from '@omnifolio/shared/schemas';
import { afterEach, describe, expect, it } from 'vitest';
import { activityDeltas } from '../../engine/activity-deltas.js';
import { BlofinSimulator } from '../../simulators/blofin/blofin-simulator.js';
import { blofinDemoAccount } from '../../simulators/blofin/demo-account.js';
import { createTestClock } from '../../simulators/framework/test-clock.js';
import { createTestContext, runActivityPass } from '../contract-suite.js';
import { createBlofinConnector } from './blofin-connector.js';

/**
 * The demo account's history, replayed through the engine's activityDeltas, must move each
 * account exactly as the simulator's own records say: funding by its deposits, withdrawals
 * (amount plus fee) and transfers; futures by each fill's realized PnL less its fee and its
 * transfers. A transfer or a realized loss with the wrong sign fails here.
 */
const clock = createTestClock();
const connector = createBlofinConnector({ clock, config: { rateLimit: 1 } });
const sims: BlofinSimulator[] = [];
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

describe('BloFin demo history replayed through activityDeltas', () => {
  it('moves the funding and futures accounts exactly as the simulator’s own records say', async () => {
    const sim = new BlofinSimulator({ clock });
    sims.push(sim);
    const baseUrl = await sim.start();
    const demo = sim.addAccount(blofinDemoAccount(clock.now()));
    const context = (cursors: ReadonlyMap<string, string>) =>
      createTestContext({ credentials: { apiKey: demo.apiKey, secret: demo.secret, passphrase: demo.passphrase }, baseUrls: { blofin: baseUrl }, cursors });
    const { activities } = await runActivityPass(connector, context, new Map());
    const transfers = demo.transfers ?? [];
    const moved = (account: string) => [
      ...transfers.filter((t) => t.fromAccount === account).map((t) => [t.currency, new Decimal(t.amount).neg()] as const),
      ...transfers.filter((t) => t.toAccount === account).map((t) => [t.currency, t.amount] as const),
    ];

    const funding = activities.filter((a) => a.accountKey === 'funding');
    expect(funding.filter((a) => a.type === 'transfer').map((a) => a.quantity)).toEqual(expect.arrayContaining(['-8000', '150.5', '-1000']));
    expect(replay(funding)).toEqual(
      net([
        ...demo.deposits.filter((d) => d.state === '1').map((d) => [d.currency, d.amount] as const),
        ...demo.withdrawals.filter((w) => w.state === '3').map((w) => [w.currency, new Decimal(w.amount).plus(w.fee).neg()] as const),
        ...moved('funding'),
      ]),
    );

    const futures = activities.filter((a) => a.accountKey === 'futures');
    expect(replay(futures)).toEqual(net([...demo.futuresFills.map((f) => ['USDT', new Decimal(f.fillPnl).minus(f.fee)] as const), ...moved('futures')]));
    expect(replay(activities.filter((a) => a.accountKey === 'earn'))).toEqual(net(moved('earn')));
  });
});
