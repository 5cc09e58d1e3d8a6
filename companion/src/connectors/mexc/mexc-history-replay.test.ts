import { type Decimal, dec, toDecimalString } from '@omnifolio/shared/money';
import { afterEach, describe, expect, it } from 'vitest';
import { activityDeltas } from '../../engine/activity-deltas.js';
import { createTestClock } from '../../simulators/framework/test-clock.js';
import { mexcDemoAccount } from '../../simulators/mexc/demo-account.js';
import { MexcSimulator } from '../../simulators/mexc/mexc-simulator.js';
import { createTestContext, runActivityPass } from '../contract-suite.js';
import { createMexcConnector } from './mexc-connector.js';

const clock = createTestClock();
const simulators: MexcSimulator[] = [];
afterEach(async () => {
  await Promise.all(simulators.splice(0).map((s) => s.stop()));
});

describe('MEXC history through the balance engine', () => {
  it('moves the futures wallet and spot exactly as MEXC’s own transfer, funding and fill records say', async () => {
    const sim = new MexcSimulator({ clock });
    simulators.push(sim);
    const baseUrl = await sim.start();
    // Spot trades, deposits and withdrawals have their own tests; this one is about what moves between and inside wallets.
    const account = sim.addAccount({ ...mexcDemoAccount(clock.now()), trades: [], deposits: [], withdrawals: [] });
    const context = (cursors: ReadonlyMap<string, string>) =>
      createTestContext({ credentials: { apiKey: account.apiKey, secret: account.secret }, baseUrls: { mexc: baseUrl }, cursors });
    const connector = createMexcConnector({ clock, config: { rateLimit: 1 }, pageLimits: { funding: 10, transfers: 2, deals: 2 } });
    const { activities } = await runActivityPass(connector, context, new Map());

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

    // Expected straight from the simulator's records, signed the way MEXC defines them: IN is
    // spot → futures; `funding` > 0 was received; a fill adds its `profit` and costs its `fee`.
    const expected = new Map<string, Decimal>();
    const add = (key: string, delta: Decimal | string) => expected.set(key, (expected.get(key) ?? dec('0')).plus(delta));
    for (const t of account.futuresTransfers ?? []) {
      if (t.state !== 'SUCCESS') continue;
      const intoFutures = t.type === 'IN' ? 1 : -1;
      add(`futures ${t.currency}`, dec(String(t.amount)).mul(intoFutures));
      add(`spot ${t.currency}`, dec(String(t.amount)).mul(-intoFutures));
    }
    for (const f of account.funding) add('futures USDT', String(f.funding));
    for (const d of account.futuresDeals ?? []) add(`futures ${d.feeCurrency}`, dec(String(d.profit)).minus(String(d.fee)));

    const asStrings = (m: Map<string, Decimal>) => Object.fromEntries([...m].filter(([, v]) => !v.isZero()).map(([k, v]) => [k, toDecimalString(v)]));
    expect(asStrings(moved)).toEqual(asStrings(expected));
    // The same, by hand: spot sent 2500 + 1000 and got back 300 + 120.5.
    expect(asStrings(moved)['spot USDT']).toBe('-3079.5');
  });
});
