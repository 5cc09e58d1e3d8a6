import { afterEach, describe, expect, it } from 'vitest';
import { createTestClock } from '../../simulators/framework/test-clock.js';
import { htxDemoAccount } from '../../simulators/htx/demo-account.js';
import type { HtxSimAccount } from '../../simulators/htx/htx-sim-account.js';
import { HtxSimulator } from '../../simulators/htx/htx-simulator.js';
import { createTestContext, runActivityPass } from '../contract-suite.js';
import { createHtxConnector } from './htx-connector.js';

const clock = createTestClock();
const simulators: HtxSimulator[] = [];
afterEach(async () => {
  await Promise.all(simulators.splice(0).map((s) => s.stop()));
});

async function setup(overrides: Partial<HtxSimAccount> = {}) {
  const sim = new HtxSimulator({ clock });
  simulators.push(sim);
  const baseUrl = await sim.start();
  // Spot trades and deposits have their own tests; these are about the USDT-M bills.
  const account = sim.addAccount({ ...htxDemoAccount(clock.now()), trades: [], transfers: [], ...overrides });
  const context = (cursors: ReadonlyMap<string, string>) =>
    createTestContext({ credentials: { apiKey: account.apiKey, secret: account.secret }, baseUrls: { htx: baseUrl }, cursors });
  return { sim, account, context };
}

// ccxt spaces requests 41 ms apart, inside HTX's 48 bill requests per second.
const connector = createHtxConnector({ clock, config: { rateLimit: 41 } }, { billPageLimit: 5, tradeBackfillDays: 2, recordBackfillDays: 21 });

describe('HTX USDT-M bills and spot transfers', () => {
  it('records realized PnL and funding signed, fees, a rebate, and a spot transfer in both accounts', async () => {
    const { context } = await setup();
    const { activities } = await runActivityPass(connector, context, new Map());
    const bills = activities
      .filter((a) => a.providerRef.startsWith('bill:'))
      .sort((a, b) => a.executedAt.localeCompare(b.executedAt) || a.providerRef.localeCompare(b.providerRef))
      .map((a) => [a.providerRef.replace(/^bill:\d+/, 'bill'), a.accountKey, a.type, a.quantity]);
    // By hand from the demo's bills, oldest first.
    expect(bills.slice(0, 11)).toEqual([
      ['bill:spot', 'spot', 'transfer', '-5000'],
      ['bill:usdt-m', 'usdt-m', 'transfer', '5000'],
      ['bill', 'usdt-m', 'fee', '0.79'],
      ['bill', 'usdt-m', 'realized_pnl', '45.5'],
      ['bill', 'usdt-m', 'fee', '0.812'],
      ['bill', 'usdt-m', 'fee', '0.3'],
      ['bill', 'usdt-m', 'realized_pnl', '-18.25'],
      ['bill', 'usdt-m', 'reward', '0.05'],
      ['bill:spot', 'spot', 'transfer', '300'],
      ['bill:usdt-m', 'usdt-m', 'transfer', '-300'],
      ['bill', 'usdt-m', 'fee', '4.2840192'],
    ]);
    const funding = activities.filter((a) => a.type === 'funding' && a.accountKey === 'usdt-m').map((a) => a.quantity);
    expect(funding.filter((q) => q.startsWith('-'))).toHaveLength(18);
    expect(funding).toContain('-1.71');
    expect(funding).toContain('0.78');
  });

  it('reads spot ↔ margin and OTC transfers from the spot ledger in 10-day windows, paged by nextId, in both accounts', async () => {
    const demo = htxDemoAccount(clock.now());
    const [last] = (demo.spotLedger ?? []).slice(-1);
    if (last === undefined) throw new Error('the demo has no spot ledger');
    // Two more transfers back from isolated margin in the last row's window: three rows, pages of 2.
    const later = [1, 2].map((i) => ({ ...last, recordId: last.recordId + i, transactAmt: `${i}0`, transactTime: last.transactTime + i * 1_000 }));
    const { sim, context } = await setup({ linearBills: [], spotLedger: [...(demo.spotLedger ?? []), ...later] });
    const paged = createHtxConnector({ clock, config: { rateLimit: 41 } }, { ledgerPageLimit: 2, tradeBackfillDays: 2, recordBackfillDays: 21 });
    const cursors = new Map<string, string>();
    const { activities } = await runActivityPass(paged, context, cursors);
    const transfers = activities
      .filter((a) => a.providerRef.startsWith('ledger:'))
      .sort((a, b) => a.executedAt.localeCompare(b.executedAt) || a.accountKey.localeCompare(b.accountKey))
      .map((a) => [a.accountKey, a.asset, a.quantity]);
    // By hand from the demo's ledger; the BTC trade row is not a transfer, and the transfers to the
    // coin-margined delivery account (spot-to-futures) and swaps (dm-spot-to-swap) are recorded
    // from those accounts' own records, so not here.
    expect(transfers).toEqual([
      ['cross-margin', 'USDT', '3000'],
      ['spot', 'USDT', '-3000'],
      ['cross-margin', 'BTC', '0.1'],
      ['spot', 'BTC', '-0.1'],
      ['cross-margin', 'USDT', '-1000'],
      ['spot', 'USDT', '1000'],
      ['isolated-margin', 'USDT', '200'],
      ['spot', 'USDT', '-200'],
      ['isolated-margin', 'ETH', '1'],
      ['spot', 'ETH', '-1'],
      ['isolated-margin', 'USDT', '300.5'],
      ['spot', 'USDT', '-300.5'],
      ['isolated-margin', 'BTC', '0.01'],
      ['spot', 'BTC', '-0.01'],
      ['otc', 'USDT', '-500'],
      ['spot', 'USDT', '500'],
      ['isolated-margin', 'USDT', '-150'],
      ['spot', 'USDT', '150'],
      ['isolated-margin', 'USDT', '-10'],
      ['spot', 'USDT', '10'],
      ['isolated-margin', 'USDT', '-20'],
      ['spot', 'USDT', '20'],
    ]);
    const requests = sim.requests.to('/v2/account/ledger').map((e) => new URLSearchParams(e.rawQuery));
    for (const q of requests) {
      expect(q.get('accountId')).toBe('10000001');
      expect(Number(q.get('endTime')) - Number(q.get('startTime'))).toBeLessThan(10 * 86_400_000);
    }
    expect(Number(requests[0]?.get('startTime'))).toBeGreaterThan(clock.now() - 180 * 86_400_000);
    // A busy window's second page continues from the first page's nextId: the window of days 29 to
    // 20 holds four transfers (1624316011 down to 1624316008), the last one three.
    expect(requests.filter((q) => q.has('fromId')).map((q) => q.get('fromId'))).toEqual(['1624316009', String(last.recordId)]);
    sim.requests.clear();
    const again = await runActivityPass(paged, context, cursors);
    expect(again.activities.filter((a) => a.providerRef.startsWith('ledger:'))).toEqual([]);
  });

  it('pages inside a 7-day window by id and walks 90 days in windows, then reads only what is new', async () => {
    const { sim, account, context } = await setup();
    const cursors = new Map<string, string>();
    const first = await runActivityPass(connector, context, cursors);
    const requests = sim.requests.to('/v5/account/bills').map((e) => new URLSearchParams(e.rawQuery));
    for (const q of requests) expect(Number(q.get('end_time')) - Number(q.get('start_time'))).toBeLessThan(7 * 86_400_000);
    expect(Number(requests[0]?.get('start_time'))).toBeGreaterThan(clock.now() - 90 * 86_400_000);
    // The last week holds 18 + 9 funding bills and two opening fees: six pages of 5 there.
    expect(requests.filter((q) => q.has('from')).length).toBeGreaterThanOrEqual(5);
    const refs = first.activities.filter((a) => a.providerRef.startsWith('bill:')).map((a) => a.providerRef);
    expect(new Set(refs).size).toBe(refs.length);
    // Every bill, and two sides of each of the two spot transfers.
    expect(refs).toHaveLength((account.linearBills ?? []).length + 2);

    sim.requests.clear();
    const at = clock.now();
    account.linearBills?.push({
      id: '2194790000',
      type: '30',
      currency: 'USDT',
      amount: '0.812',
      contract_code: 'ETH-USDT',
      margin_mode: 'isolated',
      created_time: String(at),
    });
    clock.advance(120_000);
    const next = await runActivityPass(connector, context, cursors);
    expect(next.activities.filter((a) => a.providerRef.startsWith('bill:')).map((a) => [a.providerRef, a.type, a.quantity])).toEqual([
      ['bill:2194790000', 'funding', '0.812'],
    ]);
  });
});
