import { describe, expect, it } from 'vitest';
import type { SimulatorRequest } from '../framework/simulator-server.js';
import { addIsolatedTransfer, marginTransferHistory } from './binance-isolated-transfers.js';
import { type BinanceSimAccount, READ_ONLY_PERMISSIONS } from './binance-sim-account.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 1);

const request = (query: string): SimulatorRequest => ({
  method: 'GET',
  path: '/sapi/v1/margin/transfer',
  rawQuery: query,
  query: new URLSearchParams(query),
  headers: {},
  body: '',
  now: NOW,
});

function account(): BinanceSimAccount {
  const state: BinanceSimAccount = { apiKey: 'k', secret: 's', permissions: READ_ONLY_PERMISSIONS, balances: [], trades: [], deposits: [], withdrawals: [] };
  for (let i = 0; i < 12; i += 1)
    addIsolatedTransfer(state, { pair: 'BTCUSDT', type: 'ROLL_IN', asset: 'USDT', amount: '5', timestamp: NOW - DAY - i * 60_000 }, NOW);
  addIsolatedTransfer(state, { pair: 'BTCUSDT', type: 'ROLL_OUT', asset: 'BTC', amount: '0.1', timestamp: NOW - 2 * DAY }, NOW);
  addIsolatedTransfer(state, { pair: 'ETHUSDT', type: 'ROLL_IN', asset: 'ETH', amount: '1', counterpart: 'CROSS_MARGIN', timestamp: NOW - DAY }, NOW);
  addIsolatedTransfer(state, { pair: 'BTCUSDT', type: 'ROLL_IN', asset: 'USDT', amount: '2.5', timestamp: NOW - 200 * DAY }, NOW);
  return state;
}

type Body = { total: number; rows: { timestamp: number; type: string; asset: string; amount: string; transFrom: string; transTo: string }[] };

describe('GET /sapi/v1/margin/transfer (simulator)', () => {
  it('answers one isolated pair, in Binance’s shape: eight-decimal amounts, the wallets on both sides', () => {
    const body = marginTransferHistory(request('isolatedSymbol=ETHUSDT'), account()).json as Body;
    expect(body).toEqual({
      rows: [
        {
          amount: '1.00000000',
          asset: 'ETH',
          status: 'CONFIRMED',
          timestamp: NOW - DAY,
          txId: 5_240_372_014,
          type: 'ROLL_IN',
          transFrom: 'CROSS_MARGIN',
          transTo: 'ISOLATED_MARGIN',
        },
      ],
      total: 1,
    });
    const out = (marginTransferHistory(request('isolatedSymbol=BTCUSDT&type=ROLL_OUT'), account()).json as Body).rows;
    expect(out.map((r) => [r.asset, r.transFrom, r.transTo])).toEqual([['BTC', 'ISOLATED_MARGIN', 'SPOT']]);
  });

  it('refuses windows over 30 days, pages over 100 rows and unknown directions', () => {
    const q = `isolatedSymbol=BTCUSDT&startTime=${NOW - 31 * DAY}&endTime=${NOW}`;
    expect(marginTransferHistory(request(q), account())).toMatchObject({ status: 400, json: { code: -1127 } });
    expect(marginTransferHistory(request('isolatedSymbol=BTCUSDT&size=101'), account())).toMatchObject({ status: 400, json: { code: -1130 } });
    expect(marginTransferHistory(request('isolatedSymbol=BTCUSDT&type=IN'), account())).toMatchObject({ status: 400, json: { code: -1100 } });
  });

  it('pages newest first with current and size (10 by default), over the last 7 days by default', () => {
    const first = marginTransferHistory(request('isolatedSymbol=BTCUSDT'), account()).json as Body;
    expect(first.total).toBe(13);
    expect(first.rows).toHaveLength(10);
    expect(first.rows[0]?.timestamp).toBe(NOW - DAY);
    expect(first.rows.every((r, i) => i === 0 || r.timestamp <= first.rows[i - 1]!.timestamp)).toBe(true);
    const second = marginTransferHistory(request('isolatedSymbol=BTCUSDT&current=2'), account()).json as Body;
    expect(second.rows.map((r) => r.timestamp)).toEqual([NOW - DAY - 10 * 60_000, NOW - DAY - 11 * 60_000, NOW - 2 * DAY]);
  });

  it('forgets what is older than six months; without a pair it answers the (unscripted) cross margin account', () => {
    const q = `isolatedSymbol=BTCUSDT&startTime=${NOW - 210 * DAY}&endTime=${NOW - 190 * DAY}`;
    expect(marginTransferHistory(request(q), account())).toEqual({ status: 200, json: { rows: [], total: 0 } });
    expect(marginTransferHistory(request(''), account())).toEqual({ status: 200, json: { rows: [], total: 0 } });
  });
});
