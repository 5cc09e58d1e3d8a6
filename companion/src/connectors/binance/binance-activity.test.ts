import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  binanceApplyTimeMs,
  binanceDepositActivity,
  binanceTradeActivity,
  binanceWithdrawalActivity,
  depositState,
  withdrawalState,
} from './binance-activity.js';
import type { BinanceRawDeposit, BinanceRawTrade, BinanceRawWithdrawal } from './binance-raw.js';
import { isRawDeposit, isRawTrade, isRawWithdrawal, withoutCcxtAnnotation } from './binance-raw.js';

const fixture = <T>(path: string): T => JSON.parse(readFileSync(new URL(`../../../test/fixtures/binance/${path}`, import.meta.url), 'utf8')) as T;

describe('Binance activity mapping (documented examples)', () => {
  it('maps the documented trade', () => {
    const [trade] = fixture<BinanceRawTrade[]>('spot-api-docs/GET_api_v3_myTrades.json');
    expect(isRawTrade(trade)).toBe(true);
    expect(binanceTradeActivity(trade as BinanceRawTrade, { baseAsset: 'BNB', quoteAsset: 'BTC' }, 'spot')).toEqual({
      accountKey: 'spot',
      providerRef: 'trade:BNBBTC:28457',
      type: 'buy',
      executedAt: '2017-07-12T13:19:09.590Z',
      asset: 'BNB',
      quantity: '12',
      quoteAsset: 'BTC',
      price: '4.000001',
      fee: '10.1',
      feeAsset: 'BNB',
      raw: trade,
    });
  });

  it('maps the documented deposit by Binance’s record id', () => {
    const [deposit] = fixture<BinanceRawDeposit[]>('connector-js/GET_sapi_v1_capital_deposit_hisrec.json');
    expect(isRawDeposit(deposit)).toBe(true);
    expect(binanceDepositActivity(deposit as BinanceRawDeposit, 'spot')).toMatchObject({
      providerRef: 'deposit:769800519366885376',
      type: 'deposit',
      asset: 'BNB',
      quantity: '0.001',
      executedAt: '2022-08-26T05:52:26.000Z',
    });
  });

  it('falls back to the transaction id for deposits without a record id', () => {
    expect(binanceDepositActivity({ amount: '1', coin: 'BTC', status: 1, txId: 'abc', insertTime: 0 }, 'spot').providerRef).toBe('deposit:abc');
  });

  it('maps the documented withdrawal with its fee, reading applyTime as UTC', () => {
    const [withdrawal] = fixture<BinanceRawWithdrawal[]>('connector-js/GET_sapi_v1_capital_withdraw_history.json');
    expect(isRawWithdrawal(withdrawal)).toBe(true);
    expect(binanceWithdrawalActivity(withdrawal as BinanceRawWithdrawal, 'spot')).toMatchObject({
      providerRef: 'withdrawal:b6ae22b3aa844210a7041aee7589627c',
      type: 'withdrawal',
      asset: 'USDT',
      quantity: '8.91',
      fee: '0.004',
      feeAsset: 'USDT',
      executedAt: '2019-10-12T11:12:02.000Z',
    });
    expect(binanceApplyTimeMs('2024-05-05 15:38:56')).toBe(Date.UTC(2024, 4, 5, 15, 38, 56));
  });

  it('knows which transfer states count', () => {
    expect([1, 6, '1', 0, 8, 2, 7].map(depositState)).toEqual(['settled', 'settled', 'settled', 'pending', 'pending', 'void', 'void']);
    expect([6, '6', 0, 2, 4, 1, 3, 5].map(withdrawalState)).toEqual(['settled', 'settled', 'pending', 'pending', 'pending', 'void', 'void', 'void']);
  });

  it('removes only the annotation ccxt adds to raw transfers', () => {
    expect(withoutCcxtAnnotation({ id: '1', type: 'deposit' })).toEqual({ id: '1' });
    expect(withoutCcxtAnnotation({ id: '1', type: 'SPOT' })).toEqual({ id: '1', type: 'SPOT' });
  });

  it('rejects records that lack what we read', () => {
    expect(isRawTrade({ symbol: 'BTCUSDT', id: 1, price: 1.5, qty: '1', commission: '0', commissionAsset: 'BNB', time: 1, isBuyer: true })).toBe(false);
    expect(isRawDeposit({ amount: '1', coin: 'BTC', insertTime: 1 })).toBe(false);
  });
});
