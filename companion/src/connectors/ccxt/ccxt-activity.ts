import type { ActivityRecord } from '@omnifolio/shared/schemas';
import type { Trade, Transaction } from 'ccxt';
import { ccxtDecimal } from './ccxt-decimal.js';

/**
 * ccxt's unified trades and transfers as our activities, for exchanges without their own
 * mapping. Exchange folders that can read the raw `info` (Binance) map from that instead.
 */

export function activityFromCcxtTrade(trade: Trade, market: { base: string; quote: string }, accountKey: string): ActivityRecord | undefined {
  const quantity = ccxtDecimal(trade.amount);
  if (trade.id === undefined || trade.timestamp === undefined || quantity === null) return undefined;
  if (trade.side !== 'buy' && trade.side !== 'sell') return undefined;
  const fee = trade.fee?.cost === undefined ? null : ccxtDecimal(trade.fee.cost);
  return {
    accountKey,
    providerRef: `trade:${trade.symbol}:${trade.id}`,
    type: trade.side,
    executedAt: new Date(trade.timestamp).toISOString(),
    asset: market.base,
    quantity,
    quoteAsset: market.quote,
    price: ccxtDecimal(trade.price),
    fee,
    feeAsset: fee === null ? null : (trade.fee?.currency ?? null),
    raw: trade.info,
  };
}

export type TransferKind = 'deposit' | 'withdrawal';

/** Only settled transfers become activities; pending ones are fetched again later. */
export function activityFromCcxtTransaction(transaction: Transaction, kind: TransferKind, accountKey: string): ActivityRecord | undefined {
  const quantity = ccxtDecimal(transaction.amount);
  const ref = transaction.id ?? transaction.txid;
  const asset = transaction.currency;
  if (transaction.status !== 'ok' || ref === undefined || asset === undefined || transaction.timestamp === undefined || quantity === null) return undefined;
  const fee = transaction.fee?.cost === undefined ? null : ccxtDecimal(transaction.fee.cost);
  return {
    accountKey,
    providerRef: `${kind}:${ref}`,
    type: kind,
    executedAt: new Date(transaction.timestamp).toISOString(),
    asset,
    quantity,
    quoteAsset: null,
    price: null,
    fee,
    feeAsset: fee === null ? null : (transaction.fee?.currency ?? asset),
    raw: transaction.info,
  };
}
