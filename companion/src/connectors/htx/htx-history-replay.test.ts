import { type Decimal, dec, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord } from '@omnifolio/shared/schemas';
import { afterEach, describe, expect, it } from 'vitest';
import { activityDeltas } from '../../engine/activity-deltas.js';
import { createTestClock } from '../../simulators/framework/test-clock.js';
import { htxDemoAccount } from '../../simulators/htx/demo-account.js';
import type { HtxSimAccount } from '../../simulators/htx/htx-sim-account.js';
import { HtxSimulator, type HtxSimulatorOptions } from '../../simulators/htx/htx-simulator.js';
import { createTestContext, runActivityPass } from '../contract-suite.js';
import { createHtxConnector } from './htx-connector.js';

const clock = createTestClock();
const simulators: HtxSimulator[] = [];
afterEach(async () => {
  await Promise.all(simulators.splice(0).map((s) => s.stop()));
});

async function setup(overrides: Partial<HtxSimAccount> = {}, options: HtxSimulatorOptions = {}) {
  const sim = new HtxSimulator({ clock, ...options });
  simulators.push(sim);
  const baseUrl = await sim.start();
  // Spot trades and deposits move only spot and have their own tests; the margin trades stay, as
  // they move the margin accounts.
  const demo = htxDemoAccount(clock.now());
  const marginTrades = demo.trades.filter((t) => t.source !== 'spot-api');
  const account = sim.addAccount({ ...demo, trades: marginTrades, transfers: [], ...overrides });
  const context = (cursors: ReadonlyMap<string, string>) =>
    createTestContext({ credentials: { apiKey: account.apiKey, secret: account.secret }, baseUrls: { htx: baseUrl }, cursors });
  return { sim, account, context };
}

// 21 days of coin-margined records hold all of the demo's (the oldest is 20 days old).
const connector = createHtxConnector({ clock, config: { rateLimit: 41 } }, { tradeBackfillDays: 2, recordBackfillDays: 21 });

/** What the balance engine makes of the stored activities, per `account asset`. */
function replay(activities: readonly ActivityRecord[]): Record<string, string> {
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
  return asStrings(moved);
}

const asStrings = (m: Map<string, Decimal>) => Object.fromEntries([...m].filter(([, v]) => !v.isZero()).map(([k, v]) => [k, toDecimalString(v)]));

describe('HTX history replayed through the balance engine', () => {
  it('moves every account exactly as HTX’s own bills, ledger, financial records and loans say', async () => {
    const { account, context } = await setup();
    const { activities } = await runActivityPass(connector, context, new Map());

    // Independently, from the simulator's wire data.
    const expected = new Map<string, Decimal>();
    const add = (key: string, delta: Decimal | string) => expected.set(key, (expected.get(key) ?? dec('0')).plus(delta));
    // USDT-M bills and the coin-margined records are each account's signed changes; 14 (in from
    // spot) and 15 (out to spot) move spot the other way.
    for (const bill of account.linearBills ?? []) {
      add(`usdt-m ${bill.currency}`, bill.amount);
      if (bill.type === '14' || bill.type === '15') add(`spot ${bill.currency}`, dec(bill.amount).neg());
    }
    for (const [accountKey, records] of [
      ['coin-m', account.inverseSwaps?.records ?? []],
      ['coin-m-delivery', account.deliveryFutures?.records ?? []],
    ] as const) {
      for (const r of records) {
        add(`${accountKey} ${r.symbol}`, r.amount);
        if (r.type === '14' || r.type === '15') add(`spot ${r.symbol}`, dec(r.amount).neg());
      }
    }
    // The spot ledger's `transactAmt` is spot's signed change; the margin or OTC account moves the
    // other way. Transfers with the coin-margined accounts are in their records above.
    const counterpart = (type: string) =>
      type.includes('super-margin') ? 'cross-margin' : type.startsWith('margin-') ? 'isolated-margin' : type.includes('otc') ? 'otc' : undefined;
    for (const row of account.spotLedger ?? []) {
      const other = counterpart(row.transferType);
      if (row.transactType !== 'transfer' || other === undefined) continue;
      add(`spot ${row.currency.toUpperCase()}`, row.transactAmt);
      add(`${other} ${row.currency.toUpperCase()}`, dec(row.transactAmt).neg());
    }
    // A loan's principal leaves the net balance where it was; its interest is what the user lost.
    for (const [accountKey, loans] of [
      ['cross-margin', account.loanOrders?.cross ?? []],
      ['isolated-margin', account.loanOrders?.isolated ?? []],
    ] as const) {
      for (const loan of loans) add(`${accountKey} ${loan.currency.toUpperCase()}`, dec(loan['interest-amount']).neg());
    }
    // Margin trades, in the account their order's source names (super-margin-* cross, margin-*
    // isolated): a buy adds the amount less the fee (charged in the base here) and takes amount ×
    // price of the quote.
    for (const t of account.trades) {
      const accountKey = t.source.startsWith('super-margin-') ? 'cross-margin' : t.source.startsWith('margin-') ? 'isolated-margin' : 'spot';
      const [base, quote] = t.symbol === 'btcusdt' ? ['BTC', 'USDT'] : [undefined, undefined];
      if (base === undefined || quote === undefined || !t.type.startsWith('buy') || t['fee-currency'] !== 'btc')
        throw new Error(`unexpected demo margin trade ${t.id}`);
      add(`${accountKey} ${base}`, dec(t['filled-amount']).minus(t['filled-fees']));
      add(`${accountKey} ${quote}`, dec(t['filled-amount']).times(t.price).neg());
    }
    expect(account.trades).toHaveLength(2);
    const moved = replay(activities);
    expect(moved).toEqual(asStrings(expected));

    // And the margin and coin-margined histories add up to the balances HTX reports. Margin, by
    // hand from the demo's balance rows (trade + loan + interest): cross 2100 − 1000 − 0.4166 USDT
    // and 0.10998 BTC; isolated 1.5 − 0.5 − 0.0002 ETH, 200 + 60 USDT (ethusdt, btcusdt) and
    // 0.010998 BTC. Without the margin trades (or with one in the wrong account) these differ.
    expect(moved['cross-margin USDT']).toBe('1099.5834');
    expect(moved['cross-margin BTC']).toBe('0.10998');
    expect(moved['isolated-margin ETH']).toBe('0.9998');
    expect(moved['isolated-margin USDT']).toBe('260');
    expect(moved['isolated-margin BTC']).toBe('0.010998');
    // Coin-margined: the equity without its unrealized PnL (HTX's margin_static).
    expect(moved['coin-m BTC']).toBe('0.149185915920105301');
    expect(moved['coin-m-delivery BTC']).toBe('0.050837712965401875');
    const balances = await connector.fetchBalances(context(new Map()));
    const total = (accountKey: string, asset: string) => {
      const b = balances.find((x) => x.accountKey === accountKey && x.asset.symbol === asset);
      return b === undefined ? undefined : toDecimalString(dec(b.free).plus(b.locked));
    };
    for (const key of ['cross-margin USDT', 'cross-margin BTC', 'isolated-margin ETH', 'isolated-margin USDT', 'isolated-margin BTC']) {
      const [accountKey, asset] = key.split(' ') as [string, string];
      expect(total(accountKey, asset), key).toBe(moved[key]);
    }
    const swap = account.inverseSwaps?.accounts[0];
    expect(toDecimalString(dec(total('coin-m', 'BTC') ?? '0').minus(String(swap?.profit_unreal)))).toBe(moved['coin-m BTC']);
    const delivery = account.deliveryFutures?.accounts[0];
    expect(toDecimalString(dec(total('coin-m-delivery', 'BTC') ?? '0').minus(String(delivery?.profit_unreal)))).toBe(moved['coin-m-delivery BTC']);
  });

  it('records a coin-margined transfer with spot in both accounts, once, and nothing from spot’s ledger for it', async () => {
    const { context } = await setup();
    const { activities } = await runActivityPass(connector, context, new Map());
    const btcTransfers = activities
      .filter((a) => a.type === 'transfer' && a.asset === 'BTC' && (a.accountKey.startsWith('coin-m') || a.providerRef.startsWith('coin-m')))
      .map((a) => [a.providerRef, a.accountKey, a.quantity])
      .sort();
    expect(btcTransfers).toEqual([
      ['coin-m-delivery:4410001:coin-m-delivery', 'coin-m-delivery', '0.05'],
      ['coin-m-delivery:4410001:spot', 'spot', '-0.05'],
      ['coin-m:9310001:coin-m', 'coin-m', '0.15'],
      ['coin-m:9310001:spot', 'spot', '-0.15'],
    ]);
    // The ledger's spot-to-futures and dm-spot-to-swap rows are the same movements: not recorded again.
    expect(activities.filter((a) => a.providerRef.startsWith('ledger:') && /futures|swap/.test(a.providerRef))).toEqual([]);
    // Funding, fees and realized PnL in the coin, signed.
    const swap = activities.filter((a) => a.accountKey === 'coin-m' && a.type !== 'transfer').map((a) => [a.type, a.quantity]);
    expect(swap).toEqual([
      ['fee', '0.000045454545454545'],
      ['funding', '-0.0003'],
      ['funding', '-0.00028'],
      ['funding', '0.00005'],
      ['realized_pnl', '-0.000238629534440154'],
    ]);
  });

  it('pages coin-margined records by query_id inside 48-hour windows, and a later sync asks only the newest window', async () => {
    const { sim, account, context } = await setup({}, { recordPageSize: 2 });
    const cursors = new Map<string, string>();
    const first = await runActivityPass(connector, context, cursors);
    const refs = first.activities.filter((a) => a.accountKey === 'coin-m').map((a) => a.providerRef);
    expect(new Set(refs).size).toBe(refs.length);
    expect(refs).toHaveLength((account.inverseSwaps?.records ?? []).length);
    // 21 days in 48-hour windows is 11 requests; the busy window of days 11 to 9 (four records,
    // pages of 2) and the windows holding one record need more.
    const swapRequests = sim.requests.to('/swap-api/v3/swap_financial_record');
    expect(swapRequests.length).toBeGreaterThan(11);
    expect(swapRequests.every((e) => e.method === 'POST')).toBe(true);

    sim.requests.clear();
    account.inverseSwaps?.records?.push({
      query_id: '5100007',
      id: '9310007',
      ts: String(clock.now()),
      symbol: 'BTC',
      contract_code: 'BTC-USD',
      type: '30',
      amount: '0.000012345678901234',
    });
    // Records are read once they are a minute old.
    clock.advance(61_000);
    const next = await runActivityPass(connector, context, cursors);
    expect(next.activities.filter((a) => a.accountKey === 'coin-m').map((a) => [a.providerRef, a.type, a.quantity])).toEqual([
      ['coin-m:9310007', 'funding', '0.000012345678901234'],
    ]);
    // One window since the last sync, and one more page to learn it holds nothing else.
    expect(sim.requests.to('/swap-api/v3/swap_financial_record')).toHaveLength(2);
  });

  it('records loan interest as it accrues, once, and nothing for the principal borrowed or repaid', async () => {
    const { sim, account, context } = await setup();
    const cursors = new Map<string, string>();
    const first = await runActivityPass(connector, context, cursors);
    const loans = (page: { activities: ActivityRecord[] }) =>
      page.activities.filter((a) => a.providerRef.startsWith('loan:')).map((a) => [a.providerRef, a.accountKey, a.type, a.asset, a.quantity]);
    expect(loans(first).sort()).toEqual([
      ['loan:cross-margin:3416576:interest:0.4166', 'cross-margin', 'fee', 'USDT', '0.4166'],
      ['loan:isolated-margin:20242721:interest:0.0002', 'isolated-margin', 'fee', 'ETH', '0.0002'],
      ['loan:isolated-margin:20242790:interest:0.5', 'isolated-margin', 'fee', 'USDT', '0.5'],
    ]);
    // One request per isolated account, by its symbol.
    const isolated = sim.requests.to('/v1/margin/loan-orders').map((e) => new URLSearchParams(e.rawQuery).get('symbol'));
    expect(isolated.sort()).toEqual(['btcusdt', 'ethusdt']);

    // An hour later the cross loan has accrued 0.0834 more: only that is recorded.
    const cross = account.loanOrders?.cross[0];
    if (cross === undefined) throw new Error('the demo has no cross margin loan');
    clock.advance(3_600_000);
    cross['interest-amount'] = '0.5';
    cross['interest-balance'] = '0.5';
    cross['accrued-at'] = clock.now() - 60_000;
    const second = await runActivityPass(connector, context, cursors);
    expect(loans(second)).toEqual([['loan:cross-margin:3416576:interest:0.5', 'cross-margin', 'fee', 'USDT', '0.0834']]);

    // Repaid: principal and interest leave `trade` and the debt together, so nothing more is recorded.
    clock.advance(3_600_000);
    cross.state = 'cleared';
    cross['loan-balance'] = '0';
    cross['interest-balance'] = '0';
    const third = await runActivityPass(connector, context, cursors);
    expect(loans(third)).toEqual([]);
    // And the cleared loan is not asked for again: the window now starts after it.
    const since = JSON.parse(cursors.get('loans:cross-margin') ?? '{}') as { since?: string };
    expect(Date.parse(`${since.since}T00:00:00Z`)).toBeGreaterThan(cross['created-at']);
  });
});
