import { UnavailableError } from '@omnifolio/shared/errors';
import type { ActivityRecord } from '@omnifolio/shared/schemas';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type OpendSimAccount, OpendSimulator, opendDemoAccount } from '../../simulators/futu-opend/opend-simulator.js';
import { createTestContext, runActivityPass } from '../contract-suite.js';
import { type PacedClock, pacedClock } from '../paced-clock.test-support.js';
import { createFutuConnector } from './futu-connector.js';
import { FUTU_EMPTY_WINDOWS_TO_STOP } from './futu-fill-history.js';
import { PROTO } from './opend-frame.js';

// A Friday at noon UTC. The simulator, the pacer and the connector share this clock, and the
// simulator refuses more than 10 history (or fee) requests per 30 s per account, as OpenD does:
// a pacer that let one through too many would fail these tests.
const START = Date.parse('2026-11-20T12:00:00Z');
let clock: PacedClock;
let sim: OpendSimulator;
let url: string;
let account: OpendSimAccount;

const connector = () => createFutuConnector({ now: clock.now, pacer: clock.pacer });
const context = (cursors: ReadonlyMap<string, string>, credentials: Record<string, string> = {}) =>
  createTestContext({ credentials, baseUrls: { futu: url }, cursors });
const row = (a: ActivityRecord) => [a.providerRef.split(':')[2], a.type, a.asset, a.quantity, a.price, a.quoteAsset, a.fee, a.feeAsset, a.executedAt];
const requestsOf = (protoId: number) => sim.received.filter((p) => p === protoId).length;

beforeEach(async () => {
  // OpenD's limit as the companion's Futu connector keeps it.
  clock = pacedClock(START, { limit: 10, windowMs: 30_000, marginMs: 1_000 });
  sim = new OpendSimulator();
  sim.now = clock.now;
  url = await sim.start();
  account = sim.addAccount(opendDemoAccount(START));
});
afterEach(() => sim.stop());

describe('Futu fill history', () => {
  it('reads back to the first trade: every fill, each order’s fee once, in the market’s currency, paced to OpenD’s limit', async () => {
    const cursors = new Map<string, string>();
    const pass = await runActivityPass(connector(), (c) => context(c), cursors);

    // By hand from the demo account: HK fills at 10:00 in Hong Kong (02:00 UTC), US fills at
    // 15:00 UTC, weekdays. The two fills of order FTHK0002 carry its fee (103.6 HKD) once, on the
    // first by fill id; the sell of 100 Tencent is charged 83.95 HKD.
    expect(pass.activities.map(row).sort((a, b) => String(a[8]).localeCompare(String(b[8])))).toEqual([
      ['8120001', 'buy', '00700.HK', '100', '318.4', 'HKD', '59.23', 'HKD', '2024-12-20T02:00:00.000Z'],
      ['9340001', 'buy', 'AAPL', '10', '142.1', 'USD', '1.99', 'USD', '2025-02-07T15:00:00.000Z'],
      ['8120002', 'buy', '00700.HK', '120', '290', 'HKD', '103.6', 'HKD', '2025-09-26T02:00:00.000Z'],
      ['8120003', 'buy', '00700.HK', '80', '290.2', 'HKD', null, null, '2025-09-26T02:00:00.000Z'],
      ['9340002', 'buy', 'AAPL', '10', '171.3', 'USD', '1.99', 'USD', '2025-11-05T15:00:00.000Z'],
      ['8120004', 'sell', '00700.HK', '100', '402.8', 'HKD', '83.95', 'HKD', '2026-06-23T02:00:00.000Z'],
      ['9340003', 'sell', 'AAPL', '5', '224.6', 'USD', '2.02', 'USD', '2026-08-21T15:00:00.000Z'],
    ]);
    // Futu's fee items stay with the activity's raw record.
    const firstTencent = pass.activities.find((a) => a.providerRef.endsWith(':8120001'))!;
    expect((firstTencent.raw as { orderFee: { feeList: { title: string }[] } }).orderFee.feeList.map((f) => f.title)).toContain('Stamp duty');

    // The backfill stops once today's positions are explained (200 Tencent = 100 + 200 − 100;
    // 15 Apple = 10 + 10 − 5) and a year before the first purchase is empty: four windows.
    const hk = JSON.parse(cursors.get('fills:281756460288713:HK')!) as { complete: boolean; oldest: string; unexplained: object; emptyWindows: number };
    expect(hk).toMatchObject({ complete: true, unexplained: {}, emptyWindows: FUTU_EMPTY_WINDOWS_TO_STOP });
    expect(Date.parse(hk.oldest)).toBeLessThan(Date.parse('2024-12-20T02:00:00Z') - 3 * 88 * 86_400_000);
    expect(Date.parse(hk.oldest)).toBeGreaterThan(Date.parse('2024-12-20T02:00:00Z') - 5 * 89 * 86_400_000);

    // About three years of two markets in 89-day windows: more than OpenD's 10 requests per 30 s,
    // so the pacer waited, and the simulator refused nothing (a refusal would have thrown).
    expect(requestsOf(PROTO.TrdGetHistoryOrderFillList)).toBeGreaterThan(20);
    expect(clock.waits.length).toBeGreaterThan(0);
    // One fee request per window with fills; positions asked once per market, where the backfill starts.
    expect(requestsOf(PROTO.TrdGetOrderFee)).toBe(6);
    expect(requestsOf(PROTO.TrdGetPositionList)).toBe(2);
  });

  it('a later sync reads only what is new: one window per market, and a new fill once', async () => {
    const cursors = new Map<string, string>();
    const sync = connector();
    await runActivityPass(sync, (c) => context(c), cursors);
    clock.at += 3 * 86_400_000;
    account.fills![2]!.push({
      fillID: '9340004',
      orderIDEx: 'FTUS0004',
      side: 1,
      code: 'AAPL',
      name: 'Apple',
      qty: '2',
      price: '231.05',
      at: '2026-11-23T11:00:00.000Z',
    });
    account.orderFees!.FTUS0004 = {
      amount: '1.99',
      items: [
        ['Commission', '0.99'],
        ['Platform fees', '1'],
      ],
    };
    sim.received.length = 0;

    const next = await runActivityPass(sync, (c) => context(c), cursors);
    expect(next.activities.map(row)).toEqual([['9340004', 'buy', 'AAPL', '2', '231.05', 'USD', '1.99', 'USD', '2026-11-23T11:00:00.000Z']]);
    expect(requestsOf(PROTO.TrdGetHistoryOrderFillList)).toBe(2);
    expect(requestsOf(PROTO.TrdGetOrderFee)).toBe(1);
    expect(requestsOf(PROTO.TrdGetPositionList)).toBe(0);
  });

  it('without timestamps, times are read on the market’s clock; a cancelled fill is left out; a short sale and its buy-back', async () => {
    sim.accounts.length = 0;
    sim.addAccount({
      accID: '3003',
      trdEnv: 1,
      markets: [1, 2],
      cardNum: '3003',
      cash: { 1: '1000', 2: '1000' },
      positions: {},
      fillTimestamps: false,
      fills: {
        // 10:30 in Hong Kong (UTC+8, no daylight saving).
        1: [{ fillID: '11', orderIDEx: 'H1', side: 1, code: '00005', name: 'HSBC', qty: '400', price: '66.1', at: '2026-05-11T02:30:00.000Z' }],
        2: [
          // 09:45 in New York on the first Monday of daylight saving (UTC−4).
          { fillID: '21', orderIDEx: 'U1', side: 3, code: 'TSLA', name: 'Tesla', qty: '3', price: '250.4', at: '2026-03-09T13:45:00.250Z' },
          { fillID: '22', orderIDEx: 'U2', side: 4, code: 'TSLA', name: 'Tesla', qty: '3', price: '241.9', at: '2026-03-20T14:10:00.000Z' },
          { fillID: '23', orderIDEx: 'U3', side: 1, code: 'TSLA', name: 'Tesla', qty: '1', price: '245', at: '2026-03-20T14:20:00.000Z', status: 1 },
        ],
      },
      orderFees: {
        U1: {
          amount: '1.99',
          items: [
            ['Commission', '0.99'],
            ['Platform fees', '1'],
          ],
        },
      },
    });
    // The HSBC shares were sold since (a fill the demo does not list): the backfill runs to its depth.
    const pass = await runActivityPass(connector(), (c) => context(c), new Map());
    expect(pass.activities.map(row)).toEqual([
      ['11', 'buy', '00005.HK', '400', '66.1', 'HKD', null, null, '2026-05-11T02:30:00.000Z'],
      ['21', 'sell', 'TSLA', '3', '250.4', 'USD', '1.99', 'USD', '2026-03-09T13:45:00.250Z'],
      ['22', 'buy', 'TSLA', '3', '241.9', 'USD', null, null, '2026-03-20T14:10:00.000Z'],
    ]);
  });

  it('paper trading has no history: nothing is asked of OpenD', async () => {
    const pass = await runActivityPass(connector(), (c) => context(c, { environment: 'simulate' }), new Map());
    expect(pass.activities).toEqual([]);
    expect(sim.received).toEqual([]);
  });

  it('a refusal mid-backfill surfaces; the next sync goes on from the last window stored', async () => {
    // One connector, so one pacer: OpenD counts the requests of every pass against the account.
    const sync = connector();
    const complete = await runActivityPass(sync, (c) => context(c), new Map());
    const cursors = new Map<string, string>();
    const delivered: string[] = [];
    const error = await runActivityPass(
      sync,
      (c) => context(c),
      cursors,
      undefined,
      (pages, page) => {
        delivered.push(...page.activities.map((a) => a.providerRef));
        // After the first Tencent fill is stored: the refusal hits the backfill midway.
        if (pages === 5) sim.failNext(PROTO.TrdGetHistoryOrderFillList, 'Network disconnected from Futu servers, reconnecting');
      },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnavailableError);
    const stored = JSON.parse(cursors.get('fills:281756460288713:HK')!) as { complete: boolean };
    expect(stored.complete).toBe(false);
    const resumed = await runActivityPass(sync, (c) => context(c), cursors);
    // What the interrupted pass delivered was stored with its cursor; the resumed pass brings the
    // rest, and nothing twice.
    expect(delivered.length).toBeGreaterThan(0);
    const union = [...delivered, ...resumed.activities.map((a) => a.providerRef)];
    expect(union.sort()).toEqual(complete.activities.map((a) => a.providerRef).sort());
  });
});
