import { Decimal, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord } from '@omnifolio/shared/schemas';
import { afterEach, describe, expect, it } from 'vitest';
import { activityDeltas } from '../../engine/activity-deltas.js';
import { loadIbkrDemoAccount } from '../../simulators/ibkr-flex/ibkr-demo-account.js';
import { IbkrFlexSimulator } from '../../simulators/ibkr-flex/ibkr-flex-simulator.js';
import { createTestContext, runActivityPass } from '../contract-suite.js';
import { createIbkrFlexConnector } from './ibkr-flex-connector.js';

/**
 * The demo IBKR account's whole Flex history (two deposits, four trades among them a written
 * call, a dividend and its withholding tax, a fee, interest), replayed through the engine's
 * activityDeltas, must arrive exactly at what the same statement says the account holds: the
 * cash per currency and every position, the call as −1 contract × 100 shares. This is what
 * lets the snapshot engine rebuild an IBKR account's past from its history; a commission
 * booked in the wrong currency or an option counted in contracts fails here.
 */
const sims: IbkrFlexSimulator[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

const replay = (activities: readonly ActivityRecord[]) => {
  const totals = new Map<string, Decimal>();
  for (const [i, a] of activities.entries()) {
    const deltas = activityDeltas({
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
    });
    for (const d of deltas) totals.set(d.assetId, (totals.get(d.assetId) ?? new Decimal(0)).plus(d.delta));
  }
  return Object.fromEntries([...totals].filter(([, v]) => !v.isZero()).map(([asset, v]) => [asset, toDecimalString(v)]));
};

describe('IBKR Flex demo history replayed through activityDeltas', () => {
  it('arrives at the statement’s own cash per currency and positions', async () => {
    const sim = new IbkrFlexSimulator({ perMinute: 1_000 });
    sims.push(sim);
    await sim.start();
    const account = loadIbkrDemoAccount();
    const query = sim.addQuery({ accounts: [account], notReadyPolls: 1 });
    const connector = createIbkrFlexConnector({ cacheMs: 0, pollDelaysMs: [1] });
    const context = (cursors: ReadonlyMap<string, string>) =>
      createTestContext({ credentials: { token: query.token, queryId: query.queryId }, baseUrls: { 'ibkr-flex': sim.flexUrl }, cursors });
    const { activities } = await runActivityPass(connector, context, new Map());
    const balances = await connector.fetchBalances(context(new Map()));

    // What the statement holds, as the connector reads it (Cash Report and Open Positions)…
    const held = Object.fromEntries(balances.map((b) => [b.asset.symbol, toDecimalString(new Decimal(b.free).plus(b.locked))]));
    // …written out from the demo account, so a connector that dropped a holding fails too.
    expect(held).toEqual({ CHF: '4566.7', USD: '1968.1', AAPL: '20', VT: '35', NESN: '15', 'AAPL 261218C00300000': '-100' });
    expect(replay(activities)).toEqual(held);
  });
});
