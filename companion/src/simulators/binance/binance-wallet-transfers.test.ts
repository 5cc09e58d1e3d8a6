import { describe, expect, it } from 'vitest';
import type { SimulatorRequest } from '../framework/simulator-server.js';
import { READ_ONLY_PERMISSIONS } from './binance-sim-account.js';
import { addWalletTransfer, walletTransferHistory } from './binance-wallet-transfers.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 1);

const request = (query: string): SimulatorRequest => ({
  method: 'GET',
  path: '/sapi/v1/asset/transfer',
  rawQuery: query,
  query: new URLSearchParams(query),
  headers: {},
  body: '',
  now: NOW,
});

function account() {
  const state = { apiKey: 'k', secret: 's', permissions: READ_ONLY_PERMISSIONS, balances: [], trades: [], deposits: [], withdrawals: [] };
  for (let i = 0; i < 12; i += 1) addWalletTransfer(state, { type: 'MAIN_UMFUTURE', asset: 'USDT', amount: '5', timestamp: NOW - DAY - i * 60_000 }, NOW);
  addWalletTransfer(state, { type: 'UMFUTURE_MAIN', asset: 'USDT', amount: '2.5', timestamp: NOW - 200 * DAY }, NOW);
  return state;
}

describe('GET /sapi/v1/asset/transfer (simulator)', () => {
  it('wants a type Binance documents, and the pair for isolated margin types', () => {
    expect(walletTransferHistory(request(''), account())).toMatchObject({ status: 400, json: { code: -1102 } });
    expect(walletTransferHistory(request('type=SPOT_FUTURES'), account())).toMatchObject({ status: 400, json: { code: -1100 } });
    expect(walletTransferHistory(request('type=UMFUTURE_CMFUTURE'), account())).toMatchObject({ status: 400, json: { code: -1100 } });
    expect(walletTransferHistory(request('type=ISOLATEDMARGIN_MARGIN'), account())).toMatchObject({ status: 400, json: { code: -1102 } });
  });

  it('refuses windows over 30 days and pages over 100 rows', () => {
    const q = `type=MAIN_UMFUTURE&startTime=${NOW - 31 * DAY}&endTime=${NOW}`;
    expect(walletTransferHistory(request(q), account())).toMatchObject({ status: 400, json: { code: -1127 } });
    expect(walletTransferHistory(request('type=MAIN_UMFUTURE&size=101'), account())).toMatchObject({ status: 400, json: { code: -1130 } });
  });

  it('pages newest first with current and size (10 by default) and says the total', () => {
    const first = walletTransferHistory(request('type=MAIN_UMFUTURE'), account()).json as { total: number; rows: { timestamp: number }[] };
    expect(first.total).toBe(12);
    expect(first.rows).toHaveLength(10);
    expect(first.rows[0]?.timestamp).toBe(NOW - DAY);
    const second = walletTransferHistory(request('type=MAIN_UMFUTURE&current=2'), account()).json as { rows: unknown[] };
    expect(second.rows).toHaveLength(2);
  });

  it('forgets what is older than six months and leaves rows out of an empty answer', () => {
    const q = `type=UMFUTURE_MAIN&startTime=${NOW - 210 * DAY}&endTime=${NOW - 190 * DAY}`;
    expect(walletTransferHistory(request(q), account())).toEqual({ status: 200, json: { total: 0 } });
  });
});
