import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStorage, type Storage } from '../../src/storage/database.js';
import { createAccountsRepository } from '../../src/storage/repositories/accounts-repository.js';
import { type ActivityRow, createActivitiesRepository } from '../../src/storage/repositories/activities-repository.js';
import { createAssetsRepository } from '../../src/storage/repositories/assets-repository.js';
import { createBalancesRepository } from '../../src/storage/repositories/balances-repository.js';
import { createConnectionsRepository } from '../../src/storage/repositories/connections-repository.js';
import { createCursorsRepository } from '../../src/storage/repositories/cursors-repository.js';

describe('storage on a real SQLite file', () => {
  let dir: string;
  let storage: Storage;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'omnifolio-storage-'));
    storage = openStorage(join(dir, 'data', 'omnifolio.sqlite'));
  });
  afterEach(() => {
    storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies the committed migrations and runs in WAL mode with foreign keys', () => {
    const tables = storage.sqlite.prepare("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name").all() as { name: string }[];
    const names = tables.map((t) => t.name);
    for (const table of [
      'connections',
      'accounts',
      'assets',
      'asset_identifiers',
      'balances',
      'positions',
      'activities',
      'prices',
      'fx_rates',
      'snapshots',
      'sync_runs',
      'connector_state',
      'consents',
      'audit_log',
      'secrets',
      'api_tokens',
    ]) {
      expect(names).toContain(table);
    }
    expect(storage.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(storage.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('re-opening an existing file applies nothing twice and keeps the data', () => {
    createConnectionsRepository(storage.db).insert({ kind: 'exchange', providerId: 'binance', label: 'Main', secretId: null });
    storage.close();
    storage = openStorage(join(dir, 'data', 'omnifolio.sqlite'));
    expect(
      createConnectionsRepository(storage.db)
        .list()
        .map((c) => c.label),
    ).toEqual(['Main']);
  });

  function seed() {
    const conn = createConnectionsRepository(storage.db).insert({ kind: 'exchange', providerId: 'binance', label: 'Main', secretId: null });
    const ids = createAccountsRepository(storage.db).ensure(conn.id, [{ key: 'spot', type: 'spot', name: 'Spot' }]);
    return { conn, accountId: ids.get('spot')! };
  }

  const activity = (accountId: string, ref: string, quantity = '0.12345678'): ActivityRow => ({
    accountId,
    providerRef: ref,
    type: 'buy',
    executedAt: '2024-03-01T10:00:00.000Z',
    asset: 'BTC',
    quantity,
    quoteAsset: 'USDT',
    price: '61234.56',
    fee: '0.00012345',
    feeAsset: 'BTC',
    raw: '{"id":1}',
  });

  it('stores activities once per provider reference, keeping decimal text exact', () => {
    const { conn, accountId } = seed();
    const repo = createActivitiesRepository(storage.sqlite);
    expect(repo.insertMany([activity(accountId, 'trade:BTCUSDT:1'), activity(accountId, 'trade:BTCUSDT:2', '1.000000000000000001')])).toBe(2);
    expect(repo.insertMany([activity(accountId, 'trade:BTCUSDT:1'), activity(accountId, 'trade:BTCUSDT:3')])).toBe(1);
    expect(repo.countByConnection(conn.id)).toBe(3);
    const row = storage.sqlite.prepare("SELECT quantity, typeof(quantity) AS t FROM activities WHERE provider_ref = 'trade:BTCUSDT:2'").get();
    expect(row).toEqual({ quantity: '1.000000000000000001', t: 'text' });
  });

  it('rolls back a page and its cursor together', () => {
    const { conn, accountId } = seed();
    const repo = createActivitiesRepository(storage.sqlite);
    const cursors = createCursorsRepository(storage.db);
    expect(() =>
      storage.sqlite.transaction(() => {
        repo.insertMany([activity(accountId, 'trade:BTCUSDT:9')]);
        cursors.set(conn.id, { 'trades:BTCUSDT': '9' });
        throw new Error('crash mid-page');
      })(),
    ).toThrow('crash mid-page');
    expect(repo.countByConnection(conn.id)).toBe(0);
    expect(cursors.load(conn.id).size).toBe(0);
  });

  it("replaces a connection's balances as a set", () => {
    const { accountId } = seed();
    const assets = createAssetsRepository(storage.db);
    const balances = createBalancesRepository(storage.db);
    for (const [id, symbol] of [
      ['cg:bitcoin', 'BTC'],
      ['cg:ethereum', 'ETH'],
    ] as const)
      assets.ensure({ id, symbol, name: null, assetClass: 'crypto', identifiers: [] });
    const at = '2024-03-01T00:00:00.000Z';
    balances.replaceForAccounts(
      [accountId],
      [
        { accountId, assetId: 'cg:bitcoin', free: '1', locked: '0', total: '1', asOf: at },
        { accountId, assetId: 'cg:ethereum', free: '2', locked: '0.5', total: '2.5', asOf: at },
      ],
    );
    balances.replaceForAccounts([accountId], [{ accountId, assetId: 'cg:bitcoin', free: '0.9', locked: '0', total: '0.9', asOf: at }]);
    expect(balances.listAll().map((b) => [b.assetId, b.total])).toEqual([['cg:bitcoin', '0.9']]);
  });

  it('deleting a connection removes its accounts, balances and history', () => {
    const { conn, accountId } = seed();
    createActivitiesRepository(storage.sqlite).insertMany([activity(accountId, 'x')]);
    createConnectionsRepository(storage.db).delete(conn.id);
    expect(storage.sqlite.prepare('SELECT count(*) AS n FROM accounts').get()).toEqual({ n: 0 });
    expect(storage.sqlite.prepare('SELECT count(*) AS n FROM activities').get()).toEqual({ n: 0 });
  });
});
