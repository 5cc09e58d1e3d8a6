import { afterEach, describe, expect, it } from 'vitest';
import { openStorage, type Storage } from '../storage/database.js';
import { createDailyPriceStore } from './daily-price-store.js';

describe('the daily price store', () => {
  let storage: Storage;
  afterEach(() => storage.close());

  function storeWith(rows: [day: string, usd: string | null, chf: string | null][]) {
    storage = openStorage(':memory:');
    const store = createDailyPriceStore(storage.sqlite, 'coingecko:daily');
    store.write(
      rows.flatMap(([day, usd, chf]) => [
        ...(usd === null ? [] : [{ assetId: 'cg:bitcoin', quote: 'usd' as const, day, price: usd }]),
        ...(chf === null ? [] : [{ assetId: 'cg:bitcoin', quote: 'chf' as const, day, price: chf }]),
      ]),
      '2026-11-24T00:00:00.000Z',
    );
    return store;
  }

  it('loads every day with both quotes', () => {
    const store = storeWith([
      ['2026-11-01', '100', '90'],
      ['2026-11-02', '101', null],
      ['2026-11-03', '102', '91.8'],
    ]);
    expect([...store.load('cg:bitcoin')]).toEqual([
      ['2026-11-01', { usd: '100', chf: '90' }],
      ['2026-11-03', { usd: '102', chf: '91.8' }],
    ]);
  });

  it('from a day on, keeps the last complete close before it, which that day carries forward', () => {
    const store = storeWith([
      ['2026-10-01', '90', '81'],
      ['2026-11-01', '100', '90'],
      // Only USD on the 2nd: not a close the 3rd could carry forward.
      ['2026-11-02', '101', null],
      ['2026-11-05', '105', '94.5'],
      ['2026-11-06', '106', '95.4'],
    ]);
    expect([...store.load('cg:bitcoin', '2026-11-04').keys()]).toEqual(['2026-11-01', '2026-11-05', '2026-11-06']);
    expect([...store.load('cg:bitcoin', '2026-11-05').keys()]).toEqual(['2026-11-01', '2026-11-05', '2026-11-06']);
    expect([...store.load('cg:bitcoin', '2026-11-06').keys()]).toEqual(['2026-11-05', '2026-11-06']);
    // Nothing before the bound: from the bound on.
    expect([...store.load('cg:bitcoin', '2026-09-01').keys()]).toEqual(['2026-10-01', '2026-11-01', '2026-11-05', '2026-11-06']);
  });
});
