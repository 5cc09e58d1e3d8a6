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

  describe('revisions', () => {
    const btc = (day: string, usd: string) => [
      { assetId: 'cg:bitcoin', quote: 'usd' as const, day, price: usd },
      { assetId: 'cg:bitcoin', quote: 'chf' as const, day, price: usd },
    ];
    const fetchedAt = (store: ReturnType<typeof storeWith>, day: string) =>
      storage.sqlite
        .prepare("SELECT fetched_at AS at FROM prices WHERE source = ? AND asset_id = 'cg:bitcoin' AND quote = 'usd' AND at = ?")
        .get(store.source, day);

    it('records nothing when the same closes are written again, and leaves them as they were', () => {
      const store = storeWith([
        ['2026-11-01', '100', '90'],
        ['2026-11-02', '101', '90.9'],
      ]);
      const revision = store.revision();
      expect(revision).toBeGreaterThan(0);
      store.write(
        [...btc('2026-11-01', '100')].filter((r) => r.quote === 'usd'),
        '2026-11-25T00:00:00.000Z',
      );
      expect(store.revision()).toBe(revision);
      expect(fetchedAt(store, '2026-11-01')).toEqual({ at: '2026-11-24T00:00:00.000Z' });
      expect(store.changedBefore(revision, '2026-12-01')).toBe(false);
    });

    it('records a revised close with its day: a change before a day is told from one on or after it', () => {
      const store = storeWith([
        ['2026-11-01', '100', '90'],
        ['2026-11-02', '101', '90.9'],
      ]);
      const revision = store.revision();
      store.write(btc('2026-11-02', '102'), '2026-11-25T00:00:00.000Z');
      expect(store.revision()).toBeGreaterThan(revision);
      expect(store.changedBefore(revision, '2026-11-02')).toBe(false);
      expect(store.changedBefore(revision, '2026-11-03')).toBe(true);
      expect(store.changedBefore(store.revision(), '2026-11-03')).toBe(false);
      expect(store.load('cg:bitcoin').get('2026-11-02')).toEqual({ usd: '102', chf: '102' });
    });

    it('a replaced range records the earliest day it removed, and keeps the closes it repeats', () => {
      const store = storeWith([
        ['2026-11-06', '100', '100'],
        ['2026-11-07', '100', '100'],
        ['2026-11-09', '101', '101'],
      ]);
      const revision = store.revision();
      // The weekend day goes; Friday and Monday are repeated at the same price.
      store.replaceRange(['cg:bitcoin'], '2026-11-06', '2026-11-09', [...btc('2026-11-06', '100'), ...btc('2026-11-09', '101')], '2026-11-25T00:00:00.000Z');
      expect([...store.load('cg:bitcoin').keys()]).toEqual(['2026-11-06', '2026-11-09']);
      expect(store.changedBefore(revision, '2026-11-07')).toBe(false);
      expect(store.changedBefore(revision, '2026-11-08')).toBe(true);
      expect(fetchedAt(store, '2026-11-06')).toEqual({ at: '2026-11-24T00:00:00.000Z' });
    });

    it('tells a reader whose revision is older than the kept ones that something changed', () => {
      const store = storeWith([['2026-11-01', '100', '90']]);
      const revision = store.revision();
      // 10,001 later revisions, every one after the day asked about: the first of them is no longer kept.
      for (let i = 0; i <= 10_000; i += 1) store.write(btc('2026-11-20', String(200 + i)), '2026-11-25T00:00:00.000Z');
      expect(store.changedBefore(revision + 1, '2026-11-20')).toBe(false);
      expect(store.changedBefore(revision, '2026-11-20')).toBe(true);
    });
  });
});
