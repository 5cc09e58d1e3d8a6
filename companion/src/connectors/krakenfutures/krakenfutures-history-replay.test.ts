import { Decimal, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord } from '@omnifolio/shared/schemas';
import { afterEach, describe, expect, it } from 'vitest';
import { activityDeltas } from '../../engine/activity-deltas.js';
import { createTestClock } from '../../simulators/framework/test-clock.js';
import { krakenFuturesDemoAccount } from '../../simulators/krakenfutures/demo-account.js';
import { KrakenFuturesSimulator } from '../../simulators/krakenfutures/krakenfutures-simulator.js';
import { createTestContext, runActivityPass } from '../contract-suite.js';
import { createKrakenFuturesConnector } from './krakenfutures-connector.js';

/**
 * The demo account's log starts from an empty account, so its activities replayed through the
 * engine's activityDeltas must give exactly the balances Kraken Futures reports for each account
 * (cash, flex, fi_xbtusd), and each account must move by the simulator's own rows
 * (new_balance − old_balance). A transfer, a funding payment or a realized loss with the wrong
 * sign, or a trade's fee counted twice, fails here.
 */
const clock = createTestClock();
const connector = createKrakenFuturesConnector({ clock, config: { rateLimit: 1 }, logPageLimit: 4 });
const sims: KrakenFuturesSimulator[] = [];
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

describe('Kraken Futures demo history replayed through activityDeltas', () => {
  it('rebuilds every account’s balances from the account log, with signed transfers on both sides', async () => {
    const sim = new KrakenFuturesSimulator({ clock });
    sims.push(sim);
    const baseUrl = await sim.start();
    const demo = sim.addAccount(krakenFuturesDemoAccount(clock.now()));
    const context = (cursors: ReadonlyMap<string, string>) =>
      createTestContext({ credentials: { apiKey: demo.apiKey, secret: demo.secret }, baseUrls: { krakenfutures: baseUrl }, cursors });
    const { activities } = await runActivityPass(connector, context, new Map());
    const of = (account: string) => activities.filter((a) => a.accountKey === account);
    const code = (asset: string) => (asset.toUpperCase() === 'XBT' ? 'BTC' : asset.toUpperCase());

    // The simulator's own rows: each account moves by new_balance − old_balance of its money rows.
    const moved = (account: string) =>
      net(
        demo.log
          .filter((row) => row.margin_account === account && row.asset !== row.contract)
          .map((row) => [code(row.asset), new Decimal(row.new_balance).minus(row.old_balance)] as const),
      );
    for (const account of ['cash', 'flex', 'fi_xbtusd']) expect(replay(of(account)), account).toEqual(moved(account));

    // And what /accounts reports, written out from the demo account.
    expect(replay(of('cash'))).toEqual({ BTC: '0.03', ETH: '1.25' });
    expect(replay(of('flex'))).toEqual({ BTC: '0.05', USD: '15128.2746' });
    expect(replay(of('fi_xbtusd'))).toEqual({ BTC: '0.0199933679' });

    // One transfer between two accounts is two signed legs; a realized gain keeps its fee apart.
    const byRef = new Map(activities.map((a) => [a.providerRef, a]));
    expect([byRef.get('log:3')?.quantity, byRef.get('log:4')?.quantity]).toEqual(['-0.05', '0.05']);
    expect([byRef.get('log:6')?.accountKey, byRef.get('log:7')?.accountKey]).toEqual(['cash', 'fi_xbtusd']);
    expect(byRef.get('log:14')).toMatchObject({ type: 'realized_pnl', quantity: '149.4', fee: '1.5253', feeAsset: 'USD' });
    expect(byRef.get('log:9')).toMatchObject({ type: 'fee', quantity: '11.0001', fee: null });
    expect(byRef.get('log:12')).toMatchObject({ type: 'funding', quantity: '-3.25' });
    expect(byRef.get('log:17')).toMatchObject({ type: 'funding', quantity: '-0.0000012', asset: 'BTC' });
    // Position-size rows (8, 10, 13, 15) move no money.
    expect(['log:8', 'log:10', 'log:13', 'log:15'].filter((ref) => byRef.has(ref))).toEqual([]);
  });
});
