import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStorage } from '@omnifolio/companion/storage';
import { createAccountsRepository } from '@omnifolio/companion/storage/accounts';
import { type ActivityRow, createActivitiesRepository } from '@omnifolio/companion/storage/activities';
import type { BenchResult } from './report.js';

const TYPES = ['buy', 'sell', 'deposit', 'withdrawal', 'fee', 'reward'] as const;
const ASSETS = ['BTC', 'ETH', 'SOL', 'BNB', 'ADA', 'USDT'];

/** Deterministic, realistic-looking activities: 8-decimal quantities, prices, fees. */
function* generate(accountIds: string[], count: number, prefix: string): Generator<ActivityRow> {
  const start = Date.UTC(2022, 0, 1);
  for (let i = 0; i < count; i++) {
    const type = TYPES[i % TYPES.length]!;
    const trade = type === 'buy' || type === 'sell';
    yield {
      accountId: accountIds[i % accountIds.length]!,
      providerRef: `${prefix}:${i}`,
      type,
      executedAt: new Date(start + i * 90_000).toISOString(),
      asset: ASSETS[i % ASSETS.length]!,
      quantity: `${(i % 997) + 1}.${String(i % 100_000_000).padStart(8, '0')}`,
      quoteAsset: trade ? 'USDT' : null,
      price: trade ? `${20_000 + (i % 50_000)}.${String(i % 100).padStart(2, '0')}` : null,
      fee: trade ? `0.${String((i % 9_999) + 1).padStart(8, '0')}` : null,
      feeAsset: trade ? 'USDT' : null,
      raw: trade ? `{"id":${i},"orderId":${i * 3},"isBuyer":${type === 'buy'}}` : null,
    };
  }
}

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'omnifolio-bench-'));
  const storage = openStorage(join(dir, 'bench.sqlite'));
  storage.sqlite
    .prepare(
      "INSERT INTO connections (id, kind, provider_id, label, created_at, updated_at) VALUES ('c1','exchange','binance','Bench','2024-01-01','2024-01-01')",
    )
    .run();
  const ids = [
    ...createAccountsRepository(storage.db)
      .ensure(
        'c1',
        Array.from({ length: 5 }, (_, i) => ({ key: `acct${i}`, type: 'spot' as const, name: `Account ${i}` })),
      )
      .values(),
  ];
  return { dir, storage, ids };
}

/**
 * Ingest 1,000,000 normalized activities through the real storage path (the repository the
 * sync runner uses, in transactions of one 1,000-row page as a sync commits them), against
 * the floor: raw better-sqlite3 prepared INSERTs into the same table in one transaction.
 */
export function benchActivitiesIngest(count = 1_000_000, pageSize = 1_000): BenchResult {
  // Floor.
  const floor = setup();
  const raw = floor.storage.sqlite.prepare(
    'INSERT INTO activities (account_id, provider_ref, type, executed_at, asset, quantity, quote_asset, price, fee, fee_asset, raw) VALUES (?,?,?,?,?,?,?,?,?,?,?)',
  );
  let t0 = process.hrtime.bigint();
  floor.storage.sqlite.transaction(() => {
    for (const r of generate(floor.ids, count, 'floor'))
      raw.run(r.accountId, r.providerRef, r.type, r.executedAt, r.asset, r.quantity, r.quoteAsset, r.price, r.fee, r.feeAsset, r.raw);
  })();
  const floorSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  floor.storage.close();
  rmSync(floor.dir, { recursive: true, force: true });

  // Real path.
  const real = setup();
  const repo = createActivitiesRepository(real.storage.sqlite);
  let inserted = 0;
  let page: ActivityRow[] = [];
  const commit = real.storage.sqlite.transaction((rows: ActivityRow[]) => {
    inserted += repo.insertMany(rows);
  });
  t0 = process.hrtime.bigint();
  for (const r of generate(real.ids, count, 'real')) {
    page.push(r);
    if (page.length === pageSize) {
      commit(page);
      page = [];
    }
  }
  if (page.length > 0) commit(page);
  const realSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const stored = (real.storage.sqlite.prepare('SELECT count(*) AS n FROM activities').get() as { n: number }).n;
  real.storage.close();
  rmSync(real.dir, { recursive: true, force: true });
  if (inserted !== count || stored !== count) throw new Error(`expected ${count} rows, inserted ${inserted}, stored ${stored}`);

  const floorRate = count / floorSeconds;
  const realRate = count / realSeconds;
  return {
    name: 'activities-ingest',
    description: `${count.toLocaleString('en-US')} activities through the storage path (pages of ${pageSize}) vs raw prepared inserts in one transaction`,
    figures: [
      { label: 'floor: raw better-sqlite3', value: `${Math.round(floorRate).toLocaleString('en-US')} rows/s` },
      { label: 'omnifolio storage path', value: `${Math.round(realRate).toLocaleString('en-US')} rows/s` },
    ],
    ratio: realRate / floorRate,
    target: { ratioAtLeast: 0.5 },
  };
}
