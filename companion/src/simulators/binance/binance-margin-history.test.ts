import { describe, expect, it } from 'vitest';
import type { SimulatorRequest } from '../framework/simulator-server.js';
import { marginInterestHistory, marginMyTrades } from './binance-margin-history.js';
import { type BinanceSimAccount, type BinanceWireMarginTrade, READ_ONLY_PERMISSIONS } from './binance-sim-account.js';
import { loadDemoAccount } from './demo-account.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 10, 1);

const request = (path: string, query: string): SimulatorRequest => ({
  method: 'GET',
  path,
  rawQuery: query,
  query: new URLSearchParams(query),
  headers: {},
  body: '',
  now: NOW,
});
const trades = (query: string, state: BinanceSimAccount) =>
  marginMyTrades(request('/sapi/v1/margin/myTrades', query), state, (s) => s === 'BTCUSDT' || s === 'ETHUSDT');
const interest = (query: string, state: BinanceSimAccount) => marginInterestHistory(request('/sapi/v1/margin/interestHistory', query), state);

function trade(id: number, time: number, isIsolated: boolean): BinanceWireMarginTrade {
  return {
    symbol: 'BTCUSDT',
    id,
    orderId: id * 10,
    price: '64000.00000000',
    qty: '0.00100000',
    commission: '0.00000100',
    commissionAsset: 'BTC',
    time,
    isBuyer: true,
    isMaker: false,
    isBestMatch: true,
    isIsolated,
  };
}

function account(): BinanceSimAccount {
  const demo = loadDemoAccount({ now: NOW });
  return {
    apiKey: 'k',
    secret: 's',
    permissions: READ_ONLY_PERMISSIONS,
    balances: [],
    trades: [],
    deposits: [],
    withdrawals: [],
    crossMargin: [],
    isolatedMargin: demo.isolatedMargin,
    marginTrades: [trade(3, NOW - 2 * DAY, false), trade(1, NOW - 3 * DAY, false), trade(2, NOW - HOUR, true), trade(4, NOW - 2 * HOUR, false)],
    marginInterest: [
      ...Array.from({ length: 12 }, (_, i) => ({
        txId: 100 + i,
        interestAccuredTime: NOW - (i + 1) * HOUR,
        asset: 'USDT',
        rawAsset: 'USDT',
        principal: '500',
        interest: '0.00100000',
        interestRate: '0.00000200',
        type: 'PERIODIC',
      })),
      { txId: 7, interestAccuredTime: NOW - 40 * DAY, asset: 'USDT', principal: '500', interest: '0.02500000', interestRate: '0.00005', type: 'ON_BORROW' },
      {
        txId: 8,
        interestAccuredTime: NOW - DAY,
        asset: 'USDT',
        principal: '500',
        interest: '0.10000000',
        interestRate: '0.0002',
        type: 'PERIODIC',
        isolatedSymbol: 'BTCUSDT',
      },
    ],
  };
}

describe('GET /sapi/v1/margin/myTrades (simulator)', () => {
  it('answers one symbol of cross or isolated margin, ascending from fromId inclusive, within limit', () => {
    const cross = trades('symbol=BTCUSDT&fromId=2&limit=2', account()).json as BinanceWireMarginTrade[];
    expect(cross.map((t) => [t.id, t.isIsolated])).toEqual([
      [3, false],
      [4, false],
    ]);
    const isolated = trades('symbol=BTCUSDT&isIsolated=TRUE&fromId=0', account()).json as BinanceWireMarginTrade[];
    expect(isolated.map((t) => t.id)).toEqual([2]);
    // Without fromId: the last 24 hours only.
    expect((trades('symbol=BTCUSDT', account()).json as BinanceWireMarginTrade[]).map((t) => t.id)).toEqual([4]);
  });

  it('refuses what Binance refuses: no symbol, an unknown one, an isolated pair never opened, no margin account, 24 hours or more, limit over 1000', () => {
    expect(trades('', account())).toMatchObject({ status: 400, json: { code: -1102 } });
    expect(trades('symbol=XYZUSDT', account())).toMatchObject({ status: 400, json: { code: -1121 } });
    expect(trades('symbol=ETHUSDT&isIsolated=TRUE', account())).toMatchObject({ status: 400, json: { code: -11001 } });
    expect(trades('symbol=BTCUSDT', { ...account(), crossMargin: undefined })).toMatchObject({ status: 400, json: { code: -3003 } });
    expect(trades(`symbol=BTCUSDT&startTime=${NOW - DAY}&endTime=${NOW}`, account())).toMatchObject({ status: 400, json: { code: -1127 } });
    expect(trades('symbol=BTCUSDT&limit=1001', account())).toMatchObject({ status: 400, json: { code: -1130 } });
  });
});

describe('GET /sapi/v1/margin/interestHistory (simulator)', () => {
  type Body = { total: number; rows: { txId: number; interestAccuredTime: number; isolatedSymbol?: string }[] };

  it('answers cross margin without isolatedSymbol and one pair with it, newest first, 10 a page by default over the last 7 days', () => {
    const first = interest('', account()).json as Body;
    expect(first.total).toBe(12);
    expect(first.rows.map((r) => r.txId)).toEqual([100, 101, 102, 103, 104, 105, 106, 107, 108, 109]);
    expect((interest('current=2', account()).json as Body).rows.map((r) => r.txId)).toEqual([110, 111]);
    expect(interest('isolatedSymbol=BTCUSDT', account()).json).toMatchObject({ total: 1, rows: [{ txId: 8, isolatedSymbol: 'BTCUSDT' }] });
    // startTime alone reaches back 30 days at most: the 40-day-old charge needs its own window.
    expect((interest(`startTime=${NOW - 60 * DAY}&size=100`, account()).json as Body).total).toBe(12);
    expect((interest(`startTime=${NOW - 45 * DAY}&endTime=${NOW - 15 * DAY}`, account()).json as Body).rows.map((r) => r.txId)).toEqual([7]);
  });

  it('refuses windows over 30 days, pages over 100 and pairs never opened', () => {
    expect(interest(`startTime=${NOW - 31 * DAY}&endTime=${NOW}`, account())).toMatchObject({ status: 400, json: { code: -1127 } });
    expect(interest('size=101', account())).toMatchObject({ status: 400, json: { code: -1130 } });
    expect(interest('isolatedSymbol=ETHUSDT', account())).toMatchObject({ status: 400, json: { code: -11001 } });
  });
});
