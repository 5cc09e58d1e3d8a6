import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PositionRecord } from '@omnifolio/shared/schemas';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStorage, type Storage } from '../storage/database.js';
import { createAccountsRepository } from '../storage/repositories/accounts-repository.js';
import { createConnectionsRepository } from '../storage/repositories/connections-repository.js';
import { createPositionsRepository } from '../storage/repositories/positions-repository.js';
import { createLivePositionWriter } from './live-position-writer.js';

const AT = '2026-11-23T05:30:00.000Z';
const position = (symbol: string, side: 'long' | 'short', contracts: string, unrealizedPnl: string): PositionRecord => ({
  accountKey: 'futures:usdm',
  symbol,
  side,
  contracts,
  sizeInBase: contracts,
  entryPrice: '90000.1',
  markPrice: '91000.5',
  notional: '45500.25',
  unrealizedPnl,
  leverage: '5',
  liquidationPrice: '70000',
  marginMode: 'cross',
  margin: '9100.05',
  settleAsset: 'USDT',
  asOf: AT,
});

describe('live position writer', () => {
  let dir: string;
  let storage: Storage;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'omnifolio-live-positions-'));
    storage = openStorage(join(dir, 'omnifolio.sqlite'));
  });
  afterEach(() => {
    storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function setup() {
    const accounts = createAccountsRepository(storage.db);
    const positions = createPositionsRepository(storage.db);
    const connection = createConnectionsRepository(storage.db).insert({ kind: 'exchange', providerId: 'binance', label: 'Main', secretId: null });
    const ids = accounts.ensure(connection.id, [
      { key: 'futures:usdm', type: 'futures', name: 'USDⓈ-M futures' },
      { key: 'futures:coinm', type: 'futures', name: 'COIN-M futures' },
    ]);
    const usdm = ids.get('futures:usdm') as string;
    const coinm = ids.get('futures:coinm') as string;
    const { accountKey: _btcKey, ...btc } = position('BTC/USDT:USDT', 'long', '0.5', '500.2');
    const { accountKey: _ethKey, ...eth } = position('ETH/USDT:USDT', 'short', '3', '-12.75');
    const { accountKey: _coinKey, ...inverse } = position('BTC/USD:BTC', 'long', '10', '0.001');
    positions.replaceForAccounts(
      [usdm, coinm],
      [
        { ...btc, accountId: usdm },
        { ...eth, accountId: usdm },
        { ...inverse, accountId: coinm },
      ],
    );
    const writer = createLivePositionWriter({ storage, accounts, positions });
    const stored = (accountId: string) =>
      positions
        .listByAccount(accountId)
        .map((p) => `${p.symbol} ${p.side} ${p.contracts} ${p.unrealizedPnl}`)
        .sort();
    return { writer, connectionId: connection.id, usdm, coinm, stored };
  }

  it('replaces the positions an event names and keeps the others', async () => {
    const { writer, connectionId, usdm, coinm, stored } = setup();
    expect(
      await writer.write(connectionId, { accountKey: 'futures:usdm', complete: false, positions: [position('BTC/USDT:USDT', 'long', '0.75', '612.9')] }),
    ).toBe(true);
    expect(stored(usdm)).toEqual(['BTC/USDT:USDT long 0.75 612.9', 'ETH/USDT:USDT short 3 -12.75']);
    expect(stored(coinm)).toEqual(['BTC/USD:BTC long 10 0.001']);
  });

  it('closes a position reported with zero contracts, and every unnamed one on a complete update', async () => {
    const { writer, connectionId, usdm, coinm, stored } = setup();
    await writer.write(connectionId, { accountKey: 'futures:usdm', complete: false, positions: [position('ETH/USDT:USDT', 'short', '0', '0')] });
    expect(stored(usdm)).toEqual(['BTC/USDT:USDT long 0.5 500.2']);
    await writer.write(connectionId, { accountKey: 'futures:usdm', complete: true, positions: [position('SOL/USDT:USDT', 'long', '40', '3.1')] });
    expect(stored(usdm)).toEqual(['SOL/USDT:USDT long 40 3.1']);
    expect(stored(coinm)).toEqual(['BTC/USD:BTC long 10 0.001']);
  });

  it('reports no change when only the time or the spelling of a decimal differs', async () => {
    const { writer, connectionId, usdm, stored } = setup();
    const same = { ...position('BTC/USDT:USDT', 'long', '0.50', '500.20'), asOf: '2026-11-23T05:31:00.000Z' };
    expect(await writer.write(connectionId, { accountKey: 'futures:usdm', complete: false, positions: [same] })).toBe(false);
    expect(stored(usdm)).toEqual(['BTC/USDT:USDT long 0.5 500.2', 'ETH/USDT:USDT short 3 -12.75']);
  });

  it('drops an update for an account no sync has listed', async () => {
    const { writer, connectionId, usdm, stored } = setup();
    expect(await writer.write(connectionId, { accountKey: 'futures:options', complete: true, positions: [] })).toBe(false);
    expect(stored(usdm)).toHaveLength(2);
  });
});
