import { Decimal, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord } from '@omnifolio/shared/schemas';
import { afterEach, describe, expect, it } from 'vitest';
import { activityDeltas } from '../../engine/activity-deltas.js';
import { createTestClock } from '../../simulators/framework/test-clock.js';
import { okxDemoAccount } from '../../simulators/okx/demo-account.js';
import { fundingMovements } from '../../simulators/okx/okx-ledger-endpoints.js';
import { OkxSimulator } from '../../simulators/okx/okx-simulator.js';
import { createTestContext, runActivityPass } from '../contract-suite.js';
import { createOkxConnector } from './okx-connector.js';

/**
 * The demo account's history, replayed through the engine's activityDeltas, must move each
 * account exactly as the simulator's own movement records do (OKX bills' signed `balChg`,
 * the Earn balances). A transfer written with the wrong sign fails here.
 */
const clock = createTestClock();
const connector = createOkxConnector({ clock, config: { rateLimit: 1 } });
const sims: OkxSimulator[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

const netByAsset = (activities: readonly ActivityRecord[]) => {
  const net = new Map<string, Decimal>();
  activities.forEach((a, id) => {
    for (const delta of activityDeltas({
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
      net.set(delta.assetId, (net.get(delta.assetId) ?? new Decimal(0)).plus(delta.delta));
  });
  return Object.fromEntries([...net].map(([asset, amount]) => [asset, toDecimalString(amount)]));
};

const sumBy = (rows: readonly { ccy: string; amount: string }[]) => {
  const net = new Map<string, Decimal>();
  for (const row of rows) net.set(row.ccy, (net.get(row.ccy) ?? new Decimal(0)).plus(row.amount));
  return Object.fromEntries([...net].filter(([, v]) => !v.isZero()).map(([ccy, amount]) => [ccy, toDecimalString(amount)]));
};

describe('OKX demo history replayed through activityDeltas', () => {
  it('moves funding, trading, Simple Earn and staking exactly as the simulator’s bills and Earn balances say', async () => {
    const sim = new OkxSimulator({ clock });
    sims.push(sim);
    const baseUrl = await sim.start();
    const demo = sim.addAccount(okxDemoAccount(clock.now()));
    const context = (cursors: ReadonlyMap<string, string>) =>
      createTestContext({ credentials: { apiKey: demo.apiKey, secret: demo.secret, passphrase: demo.passphrase }, baseUrls: { okx: baseUrl }, cursors });
    const { activities } = await runActivityPass(connector, context, new Map());
    const of = (accountKey: string) => activities.filter((a) => a.accountKey === accountKey);

    // Funding: deposits, withdrawals (amount plus fee), transfers both ways, Earn subscriptions, rewards.
    const funding = of('funding');
    expect(funding.some((a) => a.type === 'transfer' && a.quantity.startsWith('-'))).toBe(true);
    expect(funding.some((a) => a.type === 'transfer' && !a.quantity.startsWith('-'))).toBe(true);
    expect(netByAsset(funding)).toEqual(sumBy(fundingMovements(demo).map((b) => ({ ccy: b.ccy, amount: b.balChg }))));

    // Trading, apart from the spot fills (which have no bills in the demo): every non-spot bill.
    const trading = of('trading').filter((a) => !a.providerRef.startsWith('fill:'));
    expect(trading.filter((a) => a.type === 'transfer').map((a) => a.quantity)).toEqual(['-1200', '2500']);
    expect(netByAsset(trading)).toEqual(sumBy((demo.accountBills ?? []).map((b) => ({ ccy: b.ccy, amount: b.balChg }))));

    // Earn: subscriptions in, a redemption out, interest: the savings balance OKX reports.
    expect(netByAsset(of('earn'))).toEqual(Object.fromEntries((demo.savings ?? []).map((s) => [s.ccy, s.amt])));
    expect(netByAsset(of('staking'))).toEqual({ ETH: '1' });
  });
});
