import { afterEach, describe, expect, it } from 'vitest';
import { openStorage, type Storage } from '../storage/database.js';
import { createAccountsRepository } from '../storage/repositories/accounts-repository.js';
import { createConnectionsRepository } from '../storage/repositories/connections-repository.js';
import { createLedgerReader } from './ledger-reader.js';

describe('the ledger reader', () => {
  let storage: Storage;
  afterEach(() => storage.close());

  function ledgerWith(
    rows: [
      ref: string,
      type: string,
      at: string,
      asset: string,
      quantity: string,
      quote: string | null,
      price: string | null,
      fee: string | null,
      feeAsset: string | null,
    ][],
  ) {
    storage = openStorage(':memory:');
    const connection = createConnectionsRepository(storage.db).insert({ kind: 'exchange', providerId: 'binance', label: 'Main', secretId: null });
    const account = createAccountsRepository(storage.db)
      .ensure(connection.id, [{ key: 'spot', type: 'spot', name: 'Spot' }])
      .get('spot')!;
    const insert = storage.sqlite.prepare(
      'INSERT INTO activities (account_id, provider_ref, type, executed_at, asset, quantity, quote_asset, price, fee, fee_asset) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const r of rows) insert.run(account, ...r);
    return { ledger: createLedgerReader(storage.sqlite), account };
  }

  it('reads activities from an instant on, oldest first, with canonical asset ids', () => {
    const { ledger, account } = ledgerWith([
      ['t2', 'buy', '2026-11-03T10:00:00.000Z', 'BTC', '0.1', 'USDT', '40000', '0.0001', 'BNB'],
      ['d1', 'deposit', '2026-11-01T10:00:00.000Z', 'USDT', '5000', null, null, null, null],
      ['w1', 'withdrawal', '2026-11-02T10:00:00.000Z', 'isin:CH0512157782', '1', null, null, null, null],
    ]);
    expect(ledger.since('2026-11-02T00:00:00.000Z')).toEqual([
      {
        id: 3,
        accountId: account,
        type: 'withdrawal',
        executedAt: '2026-11-02T10:00:00.000Z',
        assetId: 'isin:CH0512157782',
        quantity: '1',
        quoteAssetId: null,
        price: null,
        fee: null,
        feeAssetId: null,
      },
      {
        id: 1,
        accountId: account,
        type: 'buy',
        executedAt: '2026-11-03T10:00:00.000Z',
        assetId: 'cg:bitcoin',
        quantity: '0.1',
        quoteAssetId: 'cg:tether',
        price: '40000',
        fee: '0.0001',
        feeAssetId: 'cg:binancecoin',
      },
    ]);
  });

  it('names the assets, quotes and fee assets moved from an instant on without reading the activities', () => {
    const { ledger } = ledgerWith([
      ['d1', 'deposit', '2026-11-01T10:00:00.000Z', 'USDC', '5000', null, null, null, null],
      ['t1', 'buy', '2026-11-03T10:00:00.000Z', 'BTC', '0.1', 'USDT', '40000', '0.0001', 'BNB'],
      ['t2', 'sell', '2026-11-04T10:00:00.000Z', 'BTC', '0.05', 'USDT', '41000', null, null],
    ]);
    expect([...ledger.assetIdsSince('2026-11-02T00:00:00.000Z')].sort()).toEqual(['cg:binancecoin', 'cg:bitcoin', 'cg:tether']);
    expect(ledger.assetIdsSince('2026-11-05T00:00:00.000Z').size).toBe(0);
  });

  it('reads a statement’s fund, written by its ISIN, as the isin: asset its holding is', () => {
    const { ledger } = ledgerWith([
      ['k1', 'buy', '2023-12-28T00:00:00.000Z', 'CH0512157782', '0.645', 'CHF', '154.9731', null, null],
      // Twelve characters that are no ISIN (the check digit is wrong) stay a symbol.
      ['k2', 'buy', '2023-12-29T00:00:00.000Z', 'CH0512157781', '1', 'CHF', '1', null, null],
    ]);
    expect(ledger.since('').map((a) => [a.assetId, a.quoteAssetId])).toEqual([
      ['isin:CH0512157782', 'fiat:CHF'],
      ['sym:CH0512157781', 'fiat:CHF'],
    ]);
  });
});
