import { type Decimal, dec, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord } from '@omnifolio/shared/schemas';
import { afterEach, describe, expect, it } from 'vitest';
import { activityDeltas } from '../../engine/activity-deltas.js';
import { createTestClock } from '../../simulators/framework/test-clock.js';
import { gateDemoAccount } from '../../simulators/gate/demo-account.js';
import { GateSimulator } from '../../simulators/gate/gate-simulator.js';
import { createTestContext, runActivityPass } from '../contract-suite.js';
import { createGateConnector } from './gate-connector.js';

/**
 * The demo account's wallet books, replayed through the engine's activityDeltas, must move each
 * wallet exactly as the simulator's own rows say: the futures, delivery and options books'
 * signed `change`, the margin books' transfers, Earn's lending records and where each interest
 * payment went, and the trades made inside cross margin; every transfer's other side lands in
 * spot. A direction written the wrong way fails here. Spot trades, deposits and withdrawals are
 * left out (their own tests cover them).
 */
const day = 86_400_000;
const clock = createTestClock();
const sims: GateSimulator[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

function replay(activities: readonly ActivityRecord[]): Record<string, string> {
  const moved = new Map<string, Decimal>();
  activities.forEach((a, id) => {
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
  });
  return asStrings(moved);
}

const asStrings = (m: Map<string, Decimal>) => Object.fromEntries([...m].filter(([, v]) => !v.isZero()).map(([k, v]) => [k, toDecimalString(v)]));

describe('Gate demo history replayed through activityDeltas', () => {
  it('moves every wallet, and spot on the other side of each transfer, exactly as the simulator’s books say', async () => {
    const sim = new GateSimulator({ clock });
    sims.push(sim);
    const baseUrl = await sim.start();
    const account = sim.addAccount({ ...gateDemoAccount(clock.now()), trades: [], deposits: [], withdrawals: [] });
    const connector = createGateConnector({
      clock,
      config: { rateLimit: 1 },
      historyStartMs: clock.now() - 100 * day,
      pageLimits: { book: 7, lends: 2, interest: 2 },
    });
    const context = (cursors: ReadonlyMap<string, string>) =>
      createTestContext({ credentials: { apiKey: account.apiKey, secret: account.secret }, baseUrls: { gate: baseUrl }, cursors });
    const { activities } = await runActivityPass(connector, context, new Map());
    const moved = replay(activities);

    // What each book says, read straight from the simulator's rows.
    const expected = new Map<string, Decimal>();
    const add = (key: string, delta: Decimal | string) => expected.set(key, (expected.get(key) ?? dec('0')).plus(delta));
    const withSpot = (wallet: string, currency: string, change: string) => {
      add(`${wallet} ${currency}`, change);
      add(`spot ${currency}`, dec(change).neg());
    };
    for (const [settle, rows] of Object.entries(account.futuresBook)) {
      for (const row of rows ?? []) {
        if (row.type === 'dnw') withSpot(`futures-${settle}`, settle.toUpperCase(), row.change);
        else add(`futures-${settle} ${settle.toUpperCase()}`, row.change);
      }
    }
    for (const row of account.deliveryBook ?? []) {
      if (row.type === 'dnw') withSpot('delivery-usdt', 'USDT', row.change);
      else add('delivery-usdt USDT', row.change);
    }
    for (const row of account.optionsBook ?? []) {
      if (row.type === 'dnw') withSpot('options', 'USDT', row.change);
      else add('options USDT', row.change);
    }
    for (const row of account.marginBook ?? []) withSpot('margin', row.currency, row.change);
    // Interest charged on a margin loan adds to what the wallet owes.
    for (const row of account.marginInterest ?? []) if (row.status === 1) add(`margin ${row.currency}`, dec(row.interest).neg());
    for (const row of account.crossMarginBook ?? []) {
      if (row.type === 'in' || row.type === 'out') withSpot('cross-margin', row.currency, row.change);
      // Interest charged lowers the wallet's value; a loan moves holdings and debt alike, an order's lock moves nothing.
      if (row.type === 'interest') add(`cross-margin ${row.currency}`, row.change);
    }
    // Trades inside cross margin: the base in, the quote out (amount × price), the fee out in its currency.
    for (const trade of account.crossMarginTrades ?? []) {
      const [base, quote] = trade.currency_pair.split('_');
      const sign = trade.side === 'buy' ? 1 : -1;
      add(`cross-margin ${base}`, dec(trade.amount).mul(sign));
      add(`cross-margin ${quote}`, dec(trade.amount).mul(trade.price).mul(-sign));
      add(`cross-margin ${trade.fee_currency}`, dec(trade.fee).neg());
    }
    for (const row of account.lendRecords ?? []) withSpot('earn', row.currency, row.type === 'lend' ? row.amount : `-${row.amount}`);
    for (const row of account.interest) add(`${row.interest_status === 'interest_dividend' ? 'spot' : 'earn'} ${row.currency}`, row.interest);
    expect(moved).toEqual(asStrings(expected));

    // Each wallet with a complete book adds up to its balance: delivery and options to their cash
    // `total` (equity less the positions), cross margin (transfers, its trade, interest) to holdings
    // less debt, Earn to what is lent.
    expect(moved['delivery-usdt USDT']).toBe(account.delivery?.total);
    expect(moved['options USDT']).toBe(account.options?.total);
    const cross = account.crossMargin?.USDT;
    expect(moved['cross-margin USDT']).toBe(
      toDecimalString(
        dec(cross?.available ?? '0')
          .plus(cross?.freeze ?? '0')
          .minus(cross?.borrowed ?? '0')
          .minus(cross?.interest ?? '0'),
      ),
    );
    expect(moved['cross-margin BTC']).toBe(account.crossMargin?.BTC?.available);
    // The ETH loan's interest charged adds up to what the margin wallet owes in interest.
    expect(moved['margin ETH']).toBe(`-${account.margin[0]?.base.interest}`);
    expect(Object.fromEntries(account.lends.map((l) => [l.currency, moved[`earn ${l.currency}`]]))).toEqual(
      Object.fromEntries(account.lends.map((l) => [l.currency, l.amount])),
    );
    // By hand, spot USDT: −5000 and +750 (perpetuals), −1500.2896 (delivery), −2500 (options),
    // −1500 and +200 (isolated margin), −850 (cross margin), −3500 and +500 (Earn), plus the three
    // USDT interest payments paid out (0.034 + 0.0342 + 0.0344).
    expect(moved['spot USDT']).toBe('-13400.187');
    // Spot BTC: −0.01 to cross margin, −0.1 lent.
    expect(moved['spot BTC']).toBe('-0.11');
  });
});
