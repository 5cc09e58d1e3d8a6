import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord } from '@omnifolio/shared/schemas';
import type { BinanceRawDeposit, BinanceRawTrade, BinanceRawWithdrawal } from './binance-raw.js';

/**
 * Binance's raw trades and transfers as our activities (samples of each raw shape are in
 * binance-raw.ts). Quantities are the exchange's strings in canonical form; nothing passes
 * through a float.
 */

export interface SymbolAssets {
  /** Binance's own asset codes of the market (ccxt `baseId` / `quoteId`). */
  baseAsset: string;
  quoteAsset: string;
}

/** `refPrefix` keeps margin trades (`margin-trade`, `isolated-trade`) apart from spot ones (`trade`). */
export function binanceTradeActivity(trade: BinanceRawTrade, market: SymbolAssets, accountKey: string, refPrefix = 'trade'): ActivityRecord {
  return {
    accountKey,
    providerRef: `${refPrefix}:${trade.symbol}:${trade.id}`,
    type: trade.isBuyer ? 'buy' : 'sell',
    executedAt: new Date(Number(trade.time)).toISOString(),
    asset: market.baseAsset,
    quantity: toDecimalString(trade.qty),
    quoteAsset: market.quoteAsset,
    price: toDecimalString(trade.price),
    fee: toDecimalString(trade.commission),
    feeAsset: trade.commissionAsset,
    raw: trade,
  };
}

/**
 * Binance's deposit record id, where present, names one credit; a transaction id can carry
 * several (one on-chain transaction paying two deposits), so it is only the fallback.
 */
export function binanceDepositActivity(deposit: BinanceRawDeposit, accountKey: string): ActivityRecord {
  return {
    accountKey,
    providerRef: `deposit:${deposit.id ?? deposit.txId}`,
    type: 'deposit',
    executedAt: new Date(Number(deposit.insertTime)).toISOString(),
    asset: deposit.coin,
    quantity: toDecimalString(deposit.amount),
    quoteAsset: null,
    price: null,
    fee: null,
    feeAsset: null,
    raw: deposit,
  };
}

/** `quantity` is what left for the destination; `fee` was charged on top, in the same coin. */
export function binanceWithdrawalActivity(withdrawal: BinanceRawWithdrawal, accountKey: string): ActivityRecord {
  const fee = dec(withdrawal.transactionFee);
  return {
    accountKey,
    providerRef: `withdrawal:${withdrawal.id}`,
    type: 'withdrawal',
    executedAt: new Date(binanceApplyTimeMs(withdrawal.applyTime)).toISOString(),
    asset: withdrawal.coin,
    quantity: toDecimalString(withdrawal.amount),
    quoteAsset: null,
    price: null,
    fee: toDecimalString(fee),
    feeAsset: withdrawal.coin,
    raw: withdrawal,
  };
}

/** Binance's `applyTime` ("2024-05-05 15:38:56") is UTC without saying so. */
export function binanceApplyTimeMs(applyTime: string): number {
  return Date.parse(`${applyTime.trim().replace(' ', 'T')}Z`);
}

export type TransferState = 'settled' | 'pending' | 'void';

/** 1 success and 6 credited count; 0 pending and 8 waiting for confirmation may still count; 2 rejected and 7 wrong deposit never do. */
export function depositState(status: number | string): TransferState {
  const s = String(status);
  if (s === '1' || s === '6') return 'settled';
  if (s === '0' || s === '8') return 'pending';
  return 'void';
}

/** 6 completed counts; 0, 2 and 4 are on their way; 1 cancelled, 3 rejected and 5 failed never left. */
export function withdrawalState(status: number | string): TransferState {
  const s = String(status);
  if (s === '6') return 'settled';
  if (s === '0' || s === '2' || s === '4') return 'pending';
  return 'void';
}
