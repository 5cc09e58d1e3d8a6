import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord, ActivityType } from '@omnifolio/shared/schemas';
import { bybitUnreadable, hasStrings } from './bybit-raw.js';

/**
 * Bybit history rows as activities, from Bybit's strings.
 *
 * Spot execution, `GET /v5/execution/list?category=spot`:
 * `{ "symbol": "BTCUSDT", "execId": "2100000000047087120", "execTime": "1699612608878", "execType": "Trade",
 *    "side": "Buy", "execQty": "0.000336", "execPrice": "29708.7", "execFee": "0.000000336", "feeCurrency": "BTC", … }`
 * Older rows have no `feeCurrency`; Bybit then charged a buy in the coin bought and a sell in
 * the quote coin. A negative `execFee` is a maker rebate: income, not a fee (kept in `raw`).
 * Execution lists also carry rows that are not trades: on derivatives, every funding payment is
 * an "execution" with `execType` "Funding" (ccxt reports those as trades); only `Trade` rows are
 * trades. Derivatives are read from the transaction log instead, which has their cash effect.
 *
 * Transaction log, `GET /v5/account/transaction-log` (unified account):
 * `{ "id": "452265_LTCUSDT_157751525050", "category": "linear", "type": "SETTLEMENT", "currency": "USDT",
 *    "change": "-0.0006935", "cashFlow": "0", "funding": "-0.0006935", "fee": "0", "transactionTime": "1707897600000", … }`
 * `change` is what the row did to the wallet balance: cashFlow + funding − fee (a positive `fee`
 * is charged, a negative one a rebate). Funding is `funding` with the signed `change` (paid is
 * negative); a derivatives fill (TRADE, DELIVERY, LIQUIDATION, ADL) is `realized_pnl` with the
 * signed result before its fee, and the charged fee beside it; a fill that realizes nothing
 * (opening a position) is its fee. Interest paid on a loan is a `fee`. Spot trades are in the log
 * too and are read from the executions instead; transfers between the user's own accounts
 * (TRANSFER_IN/OUT) come from the inter-transfer list (bybit-transfers.ts), with both sides.
 */

const asTime = (ms: string) => new Date(Number(ms)).toISOString();

export interface SpotPair {
  base: string;
  quote: string;
}

/**
 * The pair of a spot symbol. Bybit runs base and quote together (`BTCUSDT`), so the listed
 * instruments split it; a pair no longer listed (delisted since the trade) is split at the
 * longest quote coin that any listed pair uses, rather than failing the whole history.
 */
export function spotPairOf(symbol: string, pairs: ReadonlyMap<string, SpotPair>): SpotPair | undefined {
  const listed = pairs.get(symbol);
  if (listed !== undefined) return listed;
  const quotes = [...new Set([...pairs.values()].map((p) => p.quote))].sort((a, b) => b.length - a.length);
  const quote = quotes.find((q) => symbol.endsWith(q) && symbol.length > q.length);
  return quote === undefined ? undefined : { base: symbol.slice(0, -quote.length), quote };
}

export function bybitSpotExecutionActivity(raw: Record<string, unknown>, pairs: ReadonlyMap<string, SpotPair>, accountKey: string): ActivityRecord | undefined {
  if (!hasStrings(raw, ['symbol', 'execId', 'execTime', 'execType', 'side', 'execQty', 'execPrice', 'execFee'])) throw bybitUnreadable('a spot execution');
  if (raw.execType !== 'Trade') return undefined;
  const pair = spotPairOf(raw.symbol, pairs);
  if (pair === undefined) throw bybitUnreadable(`the spot pair ${raw.symbol}`);
  const buy = raw.side === 'Buy';
  const fee = dec(raw.execFee === '' ? '0' : raw.execFee);
  const feeCurrency = typeof raw.feeCurrency === 'string' && raw.feeCurrency !== '' ? raw.feeCurrency : buy ? pair.base : pair.quote;
  const charged = fee.isPositive() && !fee.isZero();
  return {
    accountKey,
    providerRef: `exec:spot:${raw.execId}`,
    type: buy ? 'buy' : 'sell',
    executedAt: asTime(raw.execTime),
    asset: pair.base,
    quantity: toDecimalString(raw.execQty),
    quoteAsset: pair.quote,
    price: toDecimalString(raw.execPrice),
    fee: charged ? toDecimalString(fee) : null,
    feeAsset: charged ? feeCurrency : null,
    raw,
  };
}

/** The transaction-log types read, by what they are; types not listed are not read. */
const LEDGER_KIND: Partial<Record<string, 'pnl' | 'funding' | 'interest' | 'reward'>> = {
  TRADE: 'pnl',
  DELIVERY: 'pnl',
  LIQUIDATION: 'pnl',
  ADL: 'pnl',
  SETTLEMENT: 'funding',
  INTEREST: 'interest',
  BONUS: 'reward',
  AIRDROP: 'reward',
  FEE_REFUND: 'reward',
  BONUS_RECOLLECT: 'reward',
};

export function bybitLedgerActivity(raw: Record<string, unknown>, accountKey: string): ActivityRecord | undefined {
  if (!hasStrings(raw, ['id', 'type', 'currency', 'change', 'transactionTime'])) throw bybitUnreadable('a transaction log row');
  const kind = LEDGER_KIND[raw.type];
  // Spot trades come from the executions.
  if (kind === undefined || raw.category === 'spot') return undefined;
  const change = dec(raw.change === '' ? '0' : raw.change);
  const record = (type: ActivityType, quantity: string, fee: string | null = null): ActivityRecord => ({
    accountKey,
    providerRef: `ledger:${raw.type}:${raw.id}`,
    type,
    executedAt: asTime(raw.transactionTime),
    asset: raw.currency,
    quantity,
    quoteAsset: null,
    price: null,
    fee,
    feeAsset: fee === null ? null : raw.currency,
    raw,
  });
  switch (kind) {
    case 'pnl': {
      const fee = dec(typeof raw.fee === 'string' && raw.fee !== '' ? raw.fee : '0');
      const charged = fee.isPositive() && !fee.isZero();
      const result = charged ? change.plus(fee) : change;
      if (result.isZero()) return charged ? record('fee', toDecimalString(fee)) : undefined;
      return record('realized_pnl', toDecimalString(result), charged ? toDecimalString(fee) : null);
    }
    case 'funding':
      return change.isZero() ? undefined : record('funding', toDecimalString(change));
    case 'interest':
      // INTEREST is charged on borrowed coins (negative); a positive one is interest received.
      return change.isZero() ? undefined : change.isNegative() ? record('fee', toDecimalString(change.abs())) : record('interest', toDecimalString(change));
    case 'reward':
      // A recollected bonus takes back what a bonus gave.
      return change.isZero() ? undefined : change.isNegative() ? record('fee', toDecimalString(change.abs())) : record('reward', toDecimalString(change));
  }
}

/** 3 success and 10012 (credited to the funding pool) count; 4 failed never does; the rest may still. */
export function bybitDepositState(status: unknown): 'settled' | 'pending' | 'void' {
  const code = String(status);
  if (code === '3' || code === '10012') return 'settled';
  if (code === '4') return 'void';
  return 'pending';
}

/** "success" counts; cancelled, rejected and failed never do; the rest (security check, pending, …) are on their way. */
export function bybitWithdrawalState(status: unknown): 'settled' | 'pending' | 'void' {
  if (status === 'success') return 'settled';
  if (status === 'CancelByUser' || status === 'Reject' || status === 'Fail') return 'void';
  return 'pending';
}

/** `{ "id": "…", "coin": "USDT", "chain": "TRX", "amount": "25000", "status": 3, "successAt": "…", "txID": "…" }`. */
export function bybitDepositActivity(raw: Record<string, unknown>, accountKey: string): ActivityRecord | undefined {
  if (!hasStrings(raw, ['coin', 'amount', 'successAt']) || (typeof raw.id !== 'string' && typeof raw.txID !== 'string')) throw bybitUnreadable('a deposit');
  if (bybitDepositState(raw.status) !== 'settled') return undefined;
  return {
    accountKey,
    providerRef: `deposit:${typeof raw.id === 'string' && raw.id !== '' ? raw.id : `${raw.txID}:${raw.coin}`}`,
    type: 'deposit',
    executedAt: asTime(raw.successAt),
    asset: raw.coin,
    quantity: toDecimalString(raw.amount),
    quoteAsset: null,
    price: null,
    fee: null,
    feeAsset: null,
    raw,
  };
}

/** 2 success counts; 3 failed never does; 1 is still processing. */
export function bybitInternalDepositState(status: unknown): 'settled' | 'pending' | 'void' {
  const code = String(status);
  if (code === '2') return 'settled';
  if (code === '3') return 'void';
  return 'pending';
}

/**
 * A deposit from another Bybit user (`GET /v5/asset/deposit/query-internal-record`):
 * `{ "id": "1103", "type": 1, "coin": "ETH", "amount": "0.1", "status": 2, "createdTime": "1705393280", "txID": "…" }`;
 * unlike every other Bybit time, `createdTime` counts seconds.
 */
export function bybitInternalDepositActivity(raw: Record<string, unknown>, accountKey: string): ActivityRecord | undefined {
  if (!hasStrings(raw, ['id', 'coin', 'amount', 'createdTime'])) throw bybitUnreadable('an internal deposit');
  if (bybitInternalDepositState(raw.status) !== 'settled') return undefined;
  return {
    accountKey,
    providerRef: `deposit:internal:${raw.id}`,
    type: 'deposit',
    executedAt: new Date(Number(raw.createdTime) * 1_000).toISOString(),
    asset: raw.coin,
    quantity: toDecimalString(raw.amount),
    quoteAsset: null,
    price: null,
    fee: null,
    feeAsset: null,
    raw,
  };
}

/** `{ "withdrawId": "…", "coin": "ETH", "amount": "0.5", "withdrawFee": "0.0012", "status": "success", "createTime": "…" }`; the fee is charged on top. */
export function bybitWithdrawalActivity(raw: Record<string, unknown>, accountKey: string): ActivityRecord | undefined {
  if (!hasStrings(raw, ['withdrawId', 'coin', 'amount', 'withdrawFee', 'status', 'createTime'])) throw bybitUnreadable('a withdrawal');
  if (bybitWithdrawalState(raw.status) !== 'settled') return undefined;
  const fee = dec(raw.withdrawFee === '' ? '0' : raw.withdrawFee);
  return {
    accountKey,
    providerRef: `withdrawal:${raw.withdrawId}`,
    type: 'withdrawal',
    executedAt: asTime(raw.createTime),
    asset: raw.coin,
    quantity: toDecimalString(raw.amount),
    quoteAsset: null,
    price: null,
    fee: fee.isZero() ? null : toDecimalString(fee),
    feeAsset: fee.isZero() ? null : raw.coin,
    raw,
  };
}
