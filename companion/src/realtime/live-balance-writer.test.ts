import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LiveBalanceUpdate } from '../connectors/live-source.js';
import type { PortfolioService } from '../portfolio/portfolio-service.js';
import type { PriceService } from '../pricing/price-service.js';
import { openStorage, type Storage } from '../storage/database.js';
import { createAccountsRepository } from '../storage/repositories/accounts-repository.js';
import { createAssetsRepository } from '../storage/repositories/assets-repository.js';
import { createBalancesRepository } from '../storage/repositories/balances-repository.js';
import { createConnectionsRepository } from '../storage/repositories/connections-repository.js';
import { createLiveBalanceWriter } from './live-balance-writer.js';

const AT = '2026-11-23T02:00:00.000Z';
const spot = (symbol: string, free: string, locked: string): LiveBalanceUpdate['balances'][number] => ({
  accountKey: 'spot',
  asset: { symbol, kind: 'crypto' },
  free,
  locked,
  asOf: AT,
});

describe('live balance writer', () => {
  let dir: string;
  let storage: Storage;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'omnifolio-live-'));
    storage = openStorage(join(dir, 'omnifolio.sqlite'));
  });
  afterEach(() => {
    storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function setup() {
    const accounts = createAccountsRepository(storage.db);
    const balances = createBalancesRepository(storage.db);
    const connection = createConnectionsRepository(storage.db).insert({ kind: 'exchange', providerId: 'binance', label: 'Main', secretId: null });
    const ids = accounts.ensure(connection.id, [
      { key: 'spot', type: 'spot', name: 'Spot' },
      { key: 'funding', type: 'funding', name: 'Funding' },
    ]);
    const priced: string[][] = [];
    const writer = createLiveBalanceWriter({
      storage,
      accounts,
      assets: createAssetsRepository(storage.db),
      balances,
      pricing: () =>
        ({
          refresh: async (assetIds: Iterable<string>) => {
            priced.push([...assetIds]);
            return { ok: true };
          },
        }) as unknown as PriceService,
      portfolio: { heldAssetIds: () => [...new Set(balances.listAll().map((b) => b.assetId))] } as unknown as PortfolioService,
    });
    const rows = () =>
      balances
        .listByConnection(connection.id)
        .map((b) => [b.accountId === ids.get('spot') ? 'spot' : 'funding', b.assetId, b.free, b.locked, b.total])
        .sort();
    return { writer, connectionId: connection.id, rows, priced };
  }

  it('sets the assets named, keeps the others and the other accounts, drops zeros, and prices a new asset first', async () => {
    const { writer, connectionId, rows, priced } = setup();
    expect(await writer.write(connectionId, { accountKey: 'spot', balances: [spot('BTC', '0.5', '0'), spot('ETH', '2', '0.5')] })).toBe(true);
    expect(await writer.write(connectionId, { accountKey: 'funding', balances: [spot('BTC', '1', '0')] })).toBe(true);
    priced.length = 0;

    expect(await writer.write(connectionId, { accountKey: 'spot', balances: [spot('BTC', '0.25', '0.00000001'), spot('ETH', '0', '0')] })).toBe(true);
    expect(rows()).toEqual([
      ['funding', 'cg:bitcoin', '1', '0', '1'],
      ['spot', 'cg:bitcoin', '0.25', '0.00000001', '0.25000001'],
    ]);
    // Nothing new was held, so nothing was priced.
    expect(priced).toEqual([]);

    expect(await writer.write(connectionId, { accountKey: 'spot', balances: [spot('SOL', '10', '0')] })).toBe(true);
    expect(priced).toEqual([['cg:bitcoin', 'cg:solana']]);
  });

  it('reports no change for the same amounts written differently, or for an account no sync has listed', async () => {
    const { writer, connectionId, rows } = setup();
    await writer.write(connectionId, { accountKey: 'spot', balances: [spot('BTC', '0.5', '0')] });
    expect(await writer.write(connectionId, { accountKey: 'spot', balances: [spot('BTC', '0.50000000', '0.00000000')] })).toBe(false);
    expect(await writer.write(connectionId, { accountKey: 'futures-usdm', balances: [spot('USDT', '100', '0')] })).toBe(false);
    expect(await writer.write(connectionId, { accountKey: 'spot', balances: [spot('DOGE', '0', '0')] })).toBe(false);
    expect(rows()).toEqual([['spot', 'cg:bitcoin', '0.5', '0', '0.5']]);
  });
});
