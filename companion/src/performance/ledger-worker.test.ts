import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBtcRoundTrip } from '../../test/support/btc-round-trip.js';
import { createDailyPriceStore } from '../history/daily-price-store.js';
import { openStorage, type Storage } from '../storage/database.js';
import { buildLedgerFromDatabase, type LedgerBuildRequest } from './ledger-build.js';
import { createLedgerWorker, LedgerWorkerStoppedError } from './ledger-worker.js';

/*
 * One exchange account in USD terms (zone UTC; USDT at 1 USD): deposits 10,000 USDT on 05-01,
 * buys 0.2 BTC at 20,000 (fee 4) on 05-02, sells 0.1 at 30,000 on 05-10, withdraws 1,000 on
 * 05-11 (test/support/btc-round-trip.ts). By hand: flows +10,000 on 05-01 and −1,000 on 05-11;
 * the lot cost 4,004, half sold: cost basis 2,002, realized 998, 0.1 BTC left at 2,002.
 */
describe('the ledger built in a worker thread', () => {
  let dir: string;
  let storage: Storage;
  let request: LedgerBuildRequest;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'omnifolio-ledger-'));
    storage = openStorage(join(dir, 'omnifolio.sqlite'));
    seedBtcRoundTrip(storage, {
      deposit: '2026-05-01T10:00:00.000Z',
      buy: '2026-05-02T10:00:00.000Z',
      sell: '2026-05-10T10:00:00.000Z',
      withdrawal: '2026-05-11T10:00:00.000Z',
    });
    const { sqlite } = storage;
    const store = createDailyPriceStore(sqlite, 'coingecko:daily');
    const days = Array.from({ length: 12 }, (_, i) => `2026-05-${String(i + 1).padStart(2, '0')}`);
    store.write(
      days.flatMap((day) => [
        { assetId: 'cg:tether', quote: 'usd' as const, day, price: '1' },
        { assetId: 'cg:tether', quote: 'chf' as const, day, price: '0.9' },
        { assetId: 'cg:bitcoin', quote: 'usd' as const, day, price: day < '2026-05-10' ? '20000' : '30000' },
        { assetId: 'cg:bitcoin', quote: 'chf' as const, day, price: day < '2026-05-10' ? '18000' : '27000' },
      ]),
      '2026-05-12T00:00:00.000Z',
    );
    request = {
      dbPath: join(dir, 'omnifolio.sqlite'),
      dailyPriceSource: 'coingecko:daily',
      currency: 'USD',
      timeZone: 'UTC',
      today: '2026-05-12',
      perUsdNow: null,
      rates: null,
    };
  });
  afterAll(() => {
    storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the flows and lots computed by hand, exactly as a build in this thread does', async () => {
    const worker = createLedgerWorker();
    const built = await worker.build(request);
    expect(Object.fromEntries(built.flows.byDay)).toEqual({ '2026-05-01': '10000', '2026-05-11': '-1000' });
    const btc = built.lots.byAsset.get('cg:bitcoin');
    expect(btc).toMatchObject({ quantity: '0.1', cost: '2002', realizedPnl: '998' });
    expect(built.lots.closedTrades).toMatchObject([{ tradeId: expect.any(String), quantity: '0.1', proceeds: '3000', costBasis: '2002', realizedPnl: '998' }]);
    expect(built).toEqual(buildLedgerFromDatabase(storage.sqlite, request));
  });

  it('converts with the rates it is given, for a base currency other than USD and CHF', async () => {
    // 0.9 EUR per USD on every day from 04-30: the deposit is 9,000 EUR.
    const eur: LedgerBuildRequest = { ...request, currency: 'EUR', perUsdNow: '0.9', rates: [['2026-04-30', '0.9']] };
    const built = await createLedgerWorker().build(eur);
    expect(Object.fromEntries(built.flows.byDay)).toEqual({ '2026-05-01': '9000', '2026-05-11': '-900' });
    expect(built.lots.byAsset.get('cg:bitcoin')).toMatchObject({ cost: '1801.8', realizedPnl: '898.2' });
  });

  it('rejects with the reason when the database cannot be read, and ends its worker', async () => {
    const worker = createLedgerWorker();
    await expect(worker.build({ ...request, dbPath: join(dir, 'missing.sqlite') })).rejects.toThrow(/ledger could not be built|unable to open|does not exist/);
  });

  it('ends a running build when the companion closes, and starts none after', async () => {
    const worker = createLedgerWorker();
    const running = worker.build(request);
    await worker.stop();
    await expect(running).rejects.toBeInstanceOf(LedgerWorkerStoppedError);
    await expect(worker.build(request)).rejects.toBeInstanceOf(LedgerWorkerStoppedError);
  });
});
