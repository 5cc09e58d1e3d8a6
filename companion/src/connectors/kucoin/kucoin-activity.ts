import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord, ActivityType } from '@omnifolio/shared/schemas';
import { kucoinAssetCode, kucoinDecimal, kucoinUnreadable } from './kucoin-raw.js';

/**
 * KuCoin history rows as activities, from KuCoin's strings.
 *
 * Fill, `GET /api/v1/fills`: `{ "symbol": "BTC-USDT", "tradeId": "5c35c02709e4f67d5266954e", "side": "buy",
 *   "price": "0.083", "size": "0.8424304", "fee": "0", "feeCurrency": "USDT", "createdAt": 1547026472000, … }`.
 * Deposit, `GET /api/v1/deposits`: `{ "currency": "KCS", "amount": "1", "fee": "0.0001", "walletTxId": "…",
 *   "status": "SUCCESS", "createdAt": 1544178843000, … }`: KuCoin gives a deposit no id, so the
 *   wallet transaction id (with the currency) names it.
 * Withdrawal, `GET /api/v1/withdrawals`: `{ "id": "5c2dc64e03aa675aa263f1ac", "currency": "ETH", "amount": "1",
 *   "fee": "0.01", "status": "SUCCESS", … }`; `amount` left for the destination, `fee` was charged on top.
 * Ledger entry, `GET /api/v1/accounts/ledgers`: `{ "id": "611a1e7c6a053300067a88d9", "currency": "USDT",
 *   "amount": "10", "fee": "0", "accountType": "MAIN", "bizType": "Transfer", "direction": "in", "createdAt": … }`.
 */

export type KucoinRow = Record<string, unknown>;
export type Settlement = 'settled' | 'pending' | 'void';

const text = (row: KucoinRow, key: string, what: string): string => {
  const value = row[key];
  if (typeof value !== 'string' || value === '') throw kucoinUnreadable(what);
  return value;
};
// `createdAt` is a number on the classic endpoints and may be a string on the high-frequency ones.
const time = (row: KucoinRow, what: string): number => {
  const value = Number(row.createdAt);
  if (!Number.isSafeInteger(value)) throw kucoinUnreadable(what);
  return value;
};
const positiveOrNull = (value: unknown, what: string) => {
  if (value === undefined || value === null || value === '') return null;
  const amount = kucoinDecimal(value, what);
  return dec(amount).isZero() ? null : toDecimalString(dec(amount).abs());
};

export function kucoinFillActivity(row: KucoinRow, accountKey: string): ActivityRecord {
  const symbol = text(row, 'symbol', 'a fill');
  const [base, quote] = symbol.split('-');
  if (base === undefined || quote === undefined) throw kucoinUnreadable(`the symbol ${symbol}`);
  const fee = positiveOrNull(row.fee, 'a fill fee');
  return {
    accountKey,
    providerRef: `fill:${symbol}:${text(row, 'tradeId', 'a fill')}`,
    type: row.side === 'sell' ? 'sell' : 'buy',
    executedAt: new Date(time(row, 'a fill')).toISOString(),
    asset: base,
    quantity: kucoinDecimal(row.size, 'a fill size'),
    quoteAsset: quote,
    price: kucoinDecimal(row.price, 'a fill price'),
    fee,
    feeAsset: fee === null ? null : text(row, 'feeCurrency', 'a fill fee currency'),
    raw: row,
  };
}

export function kucoinDepositRef(row: KucoinRow): string {
  return `deposit:${text(row, 'currency', 'a deposit')}:${text(row, 'walletTxId', 'a deposit')}`;
}

export function kucoinWithdrawalRef(row: KucoinRow): string {
  return `withdrawal:${text(row, 'id', 'a withdrawal')}`;
}

/** SUCCESS counts and FAILURE never does; PROCESSING (and WALLET_PROCESSING for withdrawals) may still. */
export function kucoinTransferState(row: KucoinRow): Settlement {
  if (row.status === 'SUCCESS') return 'settled';
  if (row.status === 'FAILURE') return 'void';
  return 'pending';
}

function transferActivity(row: KucoinRow, type: 'deposit' | 'withdrawal', providerRef: string, accountKey: string): ActivityRecord | undefined {
  if (kucoinTransferState(row) !== 'settled') return undefined;
  const currency = text(row, 'currency', `a ${type}`);
  const fee = positiveOrNull(row.fee, `a ${type} fee`);
  return {
    accountKey,
    providerRef,
    type,
    executedAt: new Date(time(row, `a ${type}`)).toISOString(),
    asset: currency,
    quantity: kucoinDecimal(row.amount, `a ${type} amount`),
    quoteAsset: null,
    price: null,
    fee,
    feeAsset: fee === null ? null : currency,
    raw: row,
  };
}

export const kucoinDepositActivity = (row: KucoinRow, accountKey: string) => transferActivity(row, 'deposit', kucoinDepositRef(row), accountKey);
export const kucoinWithdrawalActivity = (row: KucoinRow, accountKey: string) => transferActivity(row, 'withdrawal', kucoinWithdrawalRef(row), accountKey);

/**
 * What a ledger entry is, by KuCoin's `bizType`. Deposits, withdrawals and trades also appear in
 * the ledger but are read from their own endpoints (which say more: fees, prices, status), so
 * their ledger entries are left out here rather than counted twice.
 */
const LEDGER_TYPES: Record<string, ActivityType | ((direction: string) => ActivityType)> = {
  transfer: 'transfer',
  'sub-account transfer': 'transfer',
  'sub transfer': 'transfer',
  'inner transfer': 'transfer',
  rewards: 'reward',
  bonus: 'reward',
  'kucoin bonus': 'reward',
  airdrop: 'reward',
  'referral bonus': 'reward',
  'staking profits': 'reward',
  'earn profits': 'reward',
  'soft staking profits': 'reward',
  distribution: 'reward',
  // A rebate of trading fees (high-frequency ledger: RETURNED_FEES).
  'returned fees': 'reward',
  'refunded fees': 'reward',
  'cross margin interest': (direction) => (direction === 'in' ? 'interest' : 'fee'),
  'margin interest': (direction) => (direction === 'in' ? 'interest' : 'fee'),
  'isolated margin interest': (direction) => (direction === 'in' ? 'interest' : 'fee'),
};

/**
 * KuCoin Earn subscriptions (`Staking`: the coin leaves Funding or Trading for Earn) and
 * redemptions (`Redemption`: it comes back). KuCoin has no Earn history endpoint; the ledger entry
 * is the only record, so it is written as both sides of a transfer between the user's accounts.
 */
const EARN_MOVES = new Set(['staking', 'redemption']);

export const KUCOIN_LEDGER_TYPES_READ_ELSEWHERE = ['deposit', 'withdrawal', 'exchange', 'trade exchange', 'margin exchange', 'isolated margin exchange'];

/**
 * A ledger entry as activities, in the account its `accountType` names (ledger account types by our
 * account keys). A transfer's quantity is signed by KuCoin's `direction`: negative when the coin left
 * the account. An Earn subscription or redemption also writes the opposite side in `earnKey`.
 */
export function kucoinLedgerActivities(row: KucoinRow, accountKeyOf: (accountType: string) => string | undefined, earnKey: string): ActivityRecord[] {
  const bizType = text(row, 'bizType', 'a ledger entry').toLowerCase().replaceAll('_', ' ');
  const earnMove = EARN_MOVES.has(bizType);
  const mapped = earnMove ? 'transfer' : LEDGER_TYPES[bizType];
  if (mapped === undefined) return [];
  const direction = text(row, 'direction', 'a ledger entry');
  if (direction !== 'in' && direction !== 'out') throw kucoinUnreadable('a ledger direction');
  const accountKey = accountKeyOf(text(row, 'accountType', 'a ledger entry'));
  if (accountKey === undefined) return [];
  const currency = text(row, 'currency', 'a ledger entry');
  const fee = positiveOrNull(row.fee, 'a ledger fee');
  const type = typeof mapped === 'function' ? mapped(direction) : mapped;
  const size = dec(kucoinDecimal(row.amount, 'a ledger amount')).abs();
  if (size.isZero()) return [];
  const signed = direction === 'out' ? size.neg() : size;
  const id = typeof row.id === 'number' ? String(row.id) : text(row, 'id', 'a ledger entry');
  const activity: ActivityRecord = {
    accountKey,
    providerRef: `ledger:${id}`,
    type,
    executedAt: new Date(time(row, 'a ledger entry')).toISOString(),
    asset: currency,
    quantity: toDecimalString(type === 'transfer' ? signed : size),
    quoteAsset: null,
    price: null,
    fee,
    feeAsset: fee === null ? null : currency,
    raw: row,
  };
  if (!earnMove) return [activity];
  return [activity, { ...activity, accountKey: earnKey, providerRef: `ledger:${id}:earn`, quantity: toDecimalString(signed.neg()), fee: null, feeAsset: null }];
}

/**
 * Interest charged on an isolated margin loan, `GET /api/v3/margin/interest?isIsolated=true&symbol=…`:
 * `{ "createdAt": 1697783812257, "currency": "USDT", "interestAmount": "0.125", "dayRatio": "0.000342" }`.
 * KuCoin adds it to the loan's `liability`, and the margin balance is what is held less what is owed,
 * so each charge lowers that balance: a `fee` in the margin account. The row has no id; the pair,
 * currency and millisecond name it (KuCoin charges a pair's currency at most once a time).
 */
export function kucoinInterestRef(row: KucoinRow, symbol: string): string {
  return `interest:${symbol}:${text(row, 'currency', 'an interest charge')}:${time(row, 'an interest charge')}`;
}

export function kucoinInterestActivity(row: KucoinRow, symbol: string, accountKey: string): ActivityRecord | undefined {
  const amount = dec(kucoinDecimal(row.interestAmount, 'an interest amount')).abs();
  if (amount.isZero()) return undefined;
  return {
    accountKey,
    providerRef: kucoinInterestRef(row, symbol),
    type: 'fee',
    executedAt: new Date(time(row, 'an interest charge')).toISOString(),
    asset: text(row, 'currency', 'an interest charge'),
    quantity: toDecimalString(amount),
    quoteAsset: null,
    price: null,
    fee: null,
    feeAsset: null,
    raw: { ...row, symbol },
  };
}

/**
 * A futures transaction (`GET /api/v1/transaction-history`, futures host, JSON numbers):
 * `{ "time": 1771765696000, "type": "RealisedPNL", "amount": -3.1425, "fee": 0, "offset": 71904910,
 *    "currency": "USDT", "status": "Completed", "remark": "XBTUSDTM" }`. KuCoin's realized PnL includes
 * funding; it is a signed `realized_pnl` (negative for a loss). Transfers with the user's other
 * accounts are signed `transfer`s: `TransferIn` positive, `TransferOut` negative, whatever sign
 * KuCoin writes the amount with. XBT is reported as BTC.
 */
export function kucoinFuturesLedgerActivity(row: KucoinRow, accountKey: string): ActivityRecord | undefined {
  if (row.status !== 'Completed') return undefined;
  const amount = dec(kucoinDecimal(row.amount, 'a futures transaction'));
  if (amount.isZero()) return undefined;
  const type: ActivityType | undefined =
    row.type === 'RealisedPNL' ? 'realized_pnl' : row.type === 'TransferIn' || row.type === 'TransferOut' ? 'transfer' : undefined;
  if (type === undefined) return undefined;
  const quantity = row.type === 'TransferIn' ? amount.abs() : row.type === 'TransferOut' ? amount.abs().neg() : amount;
  const at = Number(row.time);
  if (!Number.isSafeInteger(at) || typeof row.currency !== 'string' || typeof row.offset !== 'number') throw kucoinUnreadable('a futures transaction');
  const fee = positiveOrNull(row.fee, 'a futures fee');
  const asset = kucoinAssetCode(row.currency);
  return {
    accountKey,
    providerRef: `futures:${row.currency}:${row.offset}`,
    type,
    executedAt: new Date(at).toISOString(),
    asset,
    quantity: toDecimalString(quantity),
    quoteAsset: null,
    price: null,
    fee,
    feeAsset: fee === null ? null : asset,
    raw: row,
  };
}
