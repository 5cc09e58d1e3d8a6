import { afterEach, describe, expect, it } from 'vitest';
import { openStorage, type Storage } from '../storage/database.js';
import { createAccountsRepository } from '../storage/repositories/accounts-repository.js';
import { createConnectionsRepository } from '../storage/repositories/connections-repository.js';
import { createDailyPriceStore } from './daily-price-store.js';
import { createLedgerReader } from './ledger-reader.js';
import { rebuildDailySnapshots } from './snapshot-rebuilder.js';

const CALL = 'sym:AAPL 261218C00300000';

/*
 * A broker account (zone UTC, today 2026-11-10):
 *   11-01 deposit 1000 USD
 *   11-03 deposit 0.1 BTC, whose withdrawal the provider never reported (BTC is 0 today)
 *   11-05 writes one AAPL call: −100 (contracts × multiplier) at 6.2, +620 USD
 * Today it holds 1620 USD and −100 of the call, marked by the broker at 4.15; no market lists
 * the call, so it has no close. USD closes are 1 (0.9 CHF) every day.
 * By hand, in USD:
 *   11-01 … 11-04   1000                      (the BTC days before 11-03 are a gap: −0.1, left out)
 *   11-05 … 11-10   1620 − 100 × 4.15 = 1205  (the call at its mark from the day it was written)
 * Before this rule the call was left out of 11-05 … 11-09 (1620 each) and appeared today: a
 * 415 loss on a day nothing happened.
 */
describe('rebuilding daily snapshots with a written option', () => {
  let storage: Storage;
  afterEach(() => storage.close());

  function rebuild(undated: boolean) {
    storage = openStorage(':memory:');
    const { db, sqlite } = storage;
    const connection = createConnectionsRepository(db).insert({ kind: 'broker', providerId: 'ibkr-cpapi', label: 'IBKR', secretId: null });
    sqlite.prepare("UPDATE connections SET created_at = '2026-11-10T12:00:00.000Z' WHERE id = ?").run(connection.id);
    const account = createAccountsRepository(db)
      .ensure(connection.id, [{ key: 'U1', type: 'brokerage', name: 'U1' }])
      .get('U1')!;
    sqlite.prepare("UPDATE accounts SET created_at = '2026-11-10T12:00:00.000Z' WHERE id = ?").run(account);
    const asset = sqlite.prepare("INSERT INTO assets (id, symbol, name, asset_class, created_at) VALUES (?, ?, ?, ?, '2026-11-01T00:00:00.000Z')");
    asset.run('fiat:USD', 'USD', 'US dollar', 'cash');
    asset.run(CALL, 'AAPL 261218C00300000', 'AAPL call', 'equity');
    const balance = sqlite.prepare(
      "INSERT INTO balances (account_id, asset_id, free, locked, total, as_of) VALUES (?, ?, ?, '0', ?, '2026-11-10T12:00:00.000Z')",
    );
    balance.run(account, 'fiat:USD', '1620', '1620');
    balance.run(account, CALL, '-100', '-100');
    const activity = sqlite.prepare(
      'INSERT INTO activities (account_id, provider_ref, type, executed_at, asset, quantity, quote_asset, price) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    activity.run(account, 'd1', 'deposit', '2026-11-01T10:00:00.000Z', 'USD', '1000', null, null);
    activity.run(account, 'd2', 'deposit', '2026-11-03T10:00:00.000Z', 'BTC', '0.1', null, null);
    activity.run(account, 't1', 'sell', '2026-11-05T15:00:00.000Z', CALL, '100', 'USD', '6.2');
    const store = createDailyPriceStore(sqlite, 'test:daily');
    const days = Array.from({ length: 11 }, (_, i) => new Date(Date.UTC(2026, 9, 31 + i)).toISOString().slice(0, 10));
    store.write(
      days.flatMap((day) => [
        { assetId: 'fiat:USD', quote: 'usd' as const, day, price: '1' },
        { assetId: 'fiat:USD', quote: 'chf' as const, day, price: '0.9' },
        { assetId: 'cg:bitcoin', quote: 'usd' as const, day, price: '90000' },
        { assetId: 'cg:bitcoin', quote: 'chf' as const, day, price: '81000' },
      ]),
      '2026-11-10T12:00:00.000Z',
    );
    const mark = { usd: '4.15', chf: '3.735' };
    const result = rebuildDailySnapshots(sqlite, createLedgerReader(sqlite), store, {
      fromDay: '2026-11-01',
      today: '2026-11-10',
      timeZone: 'UTC',
      currentPrices: new Map([
        ['fiat:USD', { usd: '1', chf: '0.9' }],
        [CALL, mark],
      ]),
      ...(undated ? { undatedPrices: new Map([[CALL, mark]]) } : {}),
    });
    const totals = sqlite
      .prepare("SELECT substr(at, 1, 10) AS day, value_usd AS usd, unpriced_count AS unpriced FROM snapshots WHERE scope = 'total' ORDER BY at")
      .all();
    return { result, totals };
  }

  it('values the short call at its mark from the day it was written, and still finds the gap', () => {
    const { result, totals } = rebuild(true);
    expect(totals).toEqual([
      ...['01', '02', '03', '04'].map((d) => ({ day: `2026-11-${d}`, usd: '1000', unpriced: '0' })),
      ...['05', '06', '07', '08', '09', '10'].map((d) => ({ day: `2026-11-${d}`, usd: '1205', unpriced: '0' })),
    ]);
    // 11-01 and 11-02 walk BTC back to −0.1; it is not short today, so those are gaps.
    expect(result.daysWithGaps).toBe(2);
  });

  it('without an undated price, counts the call as unpriced on past days rather than guessing', () => {
    const { totals } = rebuild(false);
    expect(totals.slice(4, 6)).toEqual([
      { day: '2026-11-05', usd: '1620', unpriced: '1' },
      { day: '2026-11-06', usd: '1620', unpriced: '1' },
    ]);
    expect(totals.at(-1)).toEqual({ day: '2026-11-10', usd: '1205', unpriced: '0' });
  });
});
