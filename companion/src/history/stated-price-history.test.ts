import { dec, toDecimalString } from '@omnifolio/shared/money';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStorage, type Storage } from '../storage/database.js';
import { createAccountsRepository } from '../storage/repositories/accounts-repository.js';
import { createConnectionsRepository } from '../storage/repositories/connections-repository.js';
import { createDailyPriceStore, type DailyPriceStore } from './daily-price-store.js';
import { createLedgerReader } from './ledger-reader.js';
import { rebuildDailySnapshots } from './snapshot-rebuilder.js';
import { statedPriceHistory } from './stated-price-history.js';

const UNLISTED = 'isin:CH0429081620';
const LISTED = 'isin:CH0237935652';

/*
 * A Finpension 3a account (zone UTC, today 2026-11-10), CHF at 1.25 USD every day:
 *   11-02 deposit 1500 CHF
 *   11-03 buys 2 of an unlisted pension fund at 400 CHF
 *   11-06 buys 1 more at 420 CHF
 *   a statement states the fund's NAV on 11-09: 430 CHF
 * Today it holds 280 CHF and 3 of the fund. By hand, in CHF:
 *   11-02            1500
 *   11-03 … 11-05    700 + 2 × 400 = 1500
 *   11-06 … 11-08    280 + 3 × 420 = 1540
 *   11-09 … 11-10    280 + 3 × 430 = 1570
 * Without stated prices the fund had no price before today: 700 and 280 on those days, unpriced,
 * and a jump of 1290 today.
 */
describe('unlisted funds on past days at their statements’ prices', () => {
  let storage: Storage;
  let store: DailyPriceStore;
  beforeEach(() => {
    storage = openStorage(':memory:');
    const { db, sqlite } = storage;
    const connection = createConnectionsRepository(db).insert({ kind: 'statement', providerId: 'finpension', label: 'Finpension', secretId: null });
    sqlite.prepare("UPDATE connections SET created_at = '2026-11-10T12:00:00.000Z' WHERE id = ?").run(connection.id);
    const account = createAccountsRepository(db)
      .ensure(connection.id, [{ key: 'pillar-3a', type: 'pension_3a', name: 'Finpension 3a' }])
      .get('pillar-3a')!;
    sqlite.prepare("UPDATE accounts SET created_at = '2026-11-10T12:00:00.000Z' WHERE id = ?").run(account);
    const asset = sqlite.prepare("INSERT INTO assets (id, symbol, name, asset_class, created_at) VALUES (?, ?, ?, ?, '2026-11-01T00:00:00.000Z')");
    asset.run('fiat:CHF', 'CHF', 'Swiss franc', 'cash');
    asset.run(UNLISTED, 'CH0429081620', 'CSIF (CH) III Equity World ex CH Blue - Pension Fund Plus ZB', 'fund');
    asset.run(LISTED, 'CH0237935652', 'iShares Core SPI ETF (CH)', 'fund');
    const balance = sqlite.prepare(
      "INSERT INTO balances (account_id, asset_id, free, locked, total, as_of) VALUES (?, ?, ?, '0', ?, '2026-11-09T00:00:00.000Z')",
    );
    balance.run(account, 'fiat:CHF', '280', '280');
    balance.run(account, UNLISTED, '3', '3');
    // As the statement writer stores them: the fund by its bare ISIN, priced in CHF.
    const activity = sqlite.prepare(
      'INSERT INTO activities (account_id, provider_ref, type, executed_at, asset, quantity, quote_asset, price) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    activity.run(account, 'd1', 'deposit', '2026-11-02T00:00:00.000Z', 'CHF', '1500', null, null);
    activity.run(account, 'b1', 'buy', '2026-11-03T00:00:00.000Z', 'CH0429081620', '2', 'CHF', '400');
    activity.run(account, 'b2', 'buy', '2026-11-06T00:00:00.000Z', 'CH0429081620', '1', 'CHF', '420');
    activity.run(account, 'b3', 'buy', '2026-11-06T00:00:00.000Z', 'CH0237935652', '1', 'CHF', '150');
    activity.run(account, 's3', 'sell', '2026-11-07T00:00:00.000Z', 'CH0237935652', '1', 'CHF', '150');
    sqlite
      .prepare(
        "INSERT INTO prices (asset_id, quote, source, at, price, fetched_at) VALUES (?, 'chf', ?, '2026-11-09T00:00:00.000Z', ?, '2026-11-10T00:00:00.000Z')",
      )
      .run(UNLISTED, 'statement', '430');
    // A demo statement's price, which the real pricing does not read.
    sqlite
      .prepare(
        "INSERT INTO prices (asset_id, quote, source, at, price, fetched_at) VALUES (?, 'chf', ?, '2026-11-10T00:00:00.000Z', ?, '2026-11-10T00:00:00.000Z')",
      )
      .run(UNLISTED, 'statement-demo', '999');
    store = createDailyPriceStore(sqlite, 'test:daily');
    const days = Array.from({ length: 11 }, (_, i) => new Date(Date.UTC(2026, 9, 31 + i)).toISOString().slice(0, 10));
    store.write(
      days.flatMap((day) => [
        { assetId: 'fiat:CHF', quote: 'usd' as const, day, price: '1.25' },
        { assetId: 'fiat:CHF', quote: 'chf' as const, day, price: '1' },
        // The ETF is listed: it has its market closes.
        { assetId: LISTED, quote: 'usd' as const, day, price: '187.5' },
        { assetId: LISTED, quote: 'chf' as const, day, price: '150' },
      ]),
      '2026-11-10T12:00:00.000Z',
    );
  });
  afterEach(() => storage.close());

  it('takes each purchase’s price and the stated NAV on their days, in USD at that day’s rate', () => {
    const stated = statedPriceHistory(storage.sqlite, store, [UNLISTED, LISTED, 'fiat:CHF'], { statementSources: ['statement'] });
    // The listed ETF keeps its market closes; fiat is not a fund.
    expect([...stated.keys()]).toEqual([UNLISTED]);
    expect(Object.fromEntries(stated.get(UNLISTED)!)).toEqual({
      '2026-11-03': { usd: '500', chf: '400' },
      '2026-11-06': { usd: '525', chf: '420' },
      '2026-11-09': { usd: '537.5', chf: '430' },
    });
    // The demo's pricing reads its own statements' prices first.
    expect(
      statedPriceHistory(storage.sqlite, store, [UNLISTED], { statementSources: ['statement-demo'] })
        .get(UNLISTED)
        ?.get('2026-11-10'),
    ).toEqual({
      usd: '1248.75',
      chf: '999',
    });
  });

  function rebuild(withStated: boolean) {
    const { sqlite } = storage;
    const stated = statedPriceHistory(sqlite, store, [UNLISTED, 'fiat:CHF'], { statementSources: ['statement'] });
    rebuildDailySnapshots(sqlite, createLedgerReader(sqlite), store, {
      fromDay: '2026-11-02',
      today: '2026-11-10',
      timeZone: 'UTC',
      currentPrices: new Map([
        ['fiat:CHF', { usd: '1.25', chf: '1' }],
        [UNLISTED, { usd: '537.5', chf: '430' }],
      ]),
      ...(withStated ? { statedPrices: stated } : {}),
    });
    return sqlite
      .prepare(
        "SELECT substr(at, 1, 10) AS day, value_chf AS chf, value_usd AS usd, CAST(unpriced_count AS INTEGER) AS unpriced FROM snapshots WHERE scope = 'total' AND kind = 'daily' ORDER BY at",
      )
      .all() as { day: string; chf: string; usd: string; unpriced: number }[];
  }

  it('puts the fund on the curve from the day it was bought', () => {
    const totals = rebuild(true);
    expect(totals.map((t) => [t.day, t.chf, t.unpriced])).toEqual([
      ['2026-11-02', '1500', 0],
      ['2026-11-03', '1500', 0],
      ['2026-11-04', '1500', 0],
      ['2026-11-05', '1500', 0],
      ['2026-11-06', '1540', 0],
      ['2026-11-07', '1540', 0],
      ['2026-11-08', '1540', 0],
      ['2026-11-09', '1570', 0],
      ['2026-11-10', '1570', 0],
    ]);
    expect(totals.map((t) => t.usd)).toEqual(totals.map((t) => toDecimalString(dec(t.chf).mul('1.25'))));
  });

  it('without them, leaves the fund unpriced until today', () => {
    const totals = rebuild(false);
    expect(totals.find((t) => t.day === '2026-11-03')).toMatchObject({ chf: '700', unpriced: 1 });
    expect(totals.find((t) => t.day === '2026-11-09')).toMatchObject({ chf: '280', unpriced: 1 });
  });
});
