import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord, ActivityType } from '@omnifolio/shared/schemas';
import { coinbaseUnreadable, isRecord } from './coinbase-raw.js';
import { coinbaseIsoOf } from './coinbase-time.js';

/**
 * Coinbase history rows as activities, from Coinbase's strings.
 *
 * Advanced Trade fill, `GET /api/v3/brokerage/orders/historical/fills`:
 * `{ "entry_id": "dc74…", "trade_id": "19fc…", "product_id": "ADA-USDT", "side": "SELL", "price": "0.392",
 *    "size": "10", "size_in_quote": false, "commission": "0.03136", "trade_type": "FILL",
 *    "trade_time": "2023-11-26T10:19:47.504Z", "sequence_timestamp": "2023-11-26T10:19:47.507001Z", … }`
 * `size` is in the base unless `size_in_quote` (then base = size ÷ price); `commission` is in the
 * quote currency. Only spot fills (`BASE-QUOTE`) of type FILL become trades: perpetual and futures
 * fills (`ADA-PERP-INTX`, `BIT-28JUL23-CDE`) change a position, not a holding; what they do to a
 * balance is their commission, a `fee` in the perpetuals (USDC) or US futures (USD) account.
 *
 * v2 transaction, `GET /v2/accounts/{wallet}/transactions`, `amount` signed from the wallet's side:
 * - `send` > 0: crypto received, a deposit. `send` < 0: sent away, a withdrawal; Coinbase's
 *   amount INCLUDES the network fee (`-2.01` with `transaction_fee` 1.530199 left 0.479801),
 *   so quantity = `network.transaction_amount` where given, else |amount| − fee, and the fee is
 *   recorded once, as the fee (ccxt reports amount 2.01 and fee 1.530199, counting the fee twice);
 * - `fiat_deposit` / `fiat_withdrawal`: bank transfers;
 * - `staking_reward`, `inflation_reward`: rewards; `interest` (USDC rewards): interest;
 * - `buy`, `sell`, `trade` (Coinbase app purchases and conversions, not in the fills): a trade
 *   priced at `native_amount` ÷ `amount`, in the user's native currency, spread included;
 * - moves between the user's own wallets, vaults, staked wallets and portfolios: transfers, signed
 *   as Coinbase signs them (negative when the coin left this wallet);
 * - `derivatives_settlement`: the daily USD sweep between the US futures account and the USD
 *   wallet; the wallet's side as Coinbase signs it, and the futures side opposite (the futures
 *   account has no history of its own in the API);
 * - `intx_deposit` / `intx_withdrawal`: collateral moved to or from the perpetuals (INTX)
 *   portfolio; the wallet's side as signed, the perpetuals side opposite (INTX collateral has no
 *   v2 wallet of its own to list it);
 * - `earn_payout`: a reward;
 * - `advanced_trade_fill`: skipped, the fills carry it with price and fee.
 */

export type CoinbaseRow = Record<string, unknown>;

const str = (row: CoinbaseRow, key: string): string | undefined => (typeof row[key] === 'string' && row[key] !== '' ? (row[key] as string) : undefined);

export function isSpotProduct(productId: string): boolean {
  return /^[A-Z0-9]+-[A-Z0-9]+$/.test(productId);
}

/** A perpetual (`ADA-PERP-INTX`, margined in USDC) or a US future (`BIT-24DEC26-CDE`, in USD). */
export function derivativeKind(productId: string): 'perpetual' | 'future' | undefined {
  if (/^[A-Z0-9]+-PERP-INTX$/.test(productId)) return 'perpetual';
  if (/^[A-Z0-9]+-\d{2}[A-Z]{3}\d{2}-CDE$/.test(productId)) return 'future';
  return undefined;
}

/**
 * A derivatives fill's commission, as a `fee` in the account that paid it: INTX perpetuals settle
 * in USDC, US futures (Coinbase Financial Markets) in USD. The fill itself only changes a position
 * (shown from the positions endpoints); its product, side, size and price stay in `raw`.
 */
export function coinbaseDerivativesFillFee(raw: unknown, accountKeyOf: (kind: 'perpetual' | 'future') => string): ActivityRecord | undefined {
  if (!isRecord(raw)) throw coinbaseUnreadable('a fill');
  const [entryId, productId, time] = ['entry_id', 'product_id', 'trade_time'].map((k) => str(raw, k));
  if (entryId === undefined || productId === undefined || time === undefined) throw coinbaseUnreadable('a fill');
  const kind = derivativeKind(productId);
  if (kind === undefined || (raw.trade_type !== undefined && raw.trade_type !== 'FILL')) return undefined;
  const commission = dec(str(raw, 'commission') ?? '0');
  if (commission.isZero()) return undefined;
  const executedAt = coinbaseIsoOf(time);
  if (executedAt === undefined) throw coinbaseUnreadable(`the time of fill ${entryId}`);
  return {
    accountKey: accountKeyOf(kind),
    providerRef: `fill:${entryId}`,
    type: 'fee',
    executedAt,
    asset: kind === 'perpetual' ? 'USDC' : 'USD',
    quantity: toDecimalString(commission.abs()),
    quoteAsset: null,
    price: null,
    fee: null,
    feeAsset: null,
    raw,
  };
}

export function coinbaseFillActivity(raw: unknown, accountKey: string): ActivityRecord | undefined {
  if (!isRecord(raw)) throw coinbaseUnreadable('a fill');
  const [entryId, productId, side, price, size, time] = ['entry_id', 'product_id', 'side', 'price', 'size', 'trade_time'].map((k) => str(raw, k));
  if (entryId === undefined || productId === undefined || side === undefined || price === undefined || size === undefined || time === undefined) {
    throw coinbaseUnreadable('a fill');
  }
  if (!isSpotProduct(productId) || (raw.trade_type !== undefined && raw.trade_type !== 'FILL')) return undefined;
  const [base, quote] = productId.split('-') as [string, string];
  const executedAt = coinbaseIsoOf(time);
  if (executedAt === undefined) throw coinbaseUnreadable(`the time of fill ${entryId}`);
  const quantity = raw.size_in_quote === true ? dec(size).div(price).toDecimalPlaces(18) : dec(size);
  const commission = dec(str(raw, 'commission') ?? '0');
  return {
    accountKey,
    providerRef: `fill:${entryId}`,
    type: side === 'BUY' ? 'buy' : 'sell',
    executedAt,
    asset: base,
    quantity: toDecimalString(quantity),
    quoteAsset: quote,
    price: toDecimalString(price),
    fee: commission.isPositive() && !commission.isZero() ? toDecimalString(commission) : null,
    feeAsset: commission.isPositive() && !commission.isZero() ? quote : null,
    raw,
  };
}

/** completed counts; canceled, expired and failed never do; the rest (pending, created, waiting_for_…) may still. */
export function coinbaseTransactionState(raw: unknown): 'settled' | 'pending' | 'void' {
  const status = isRecord(raw) ? raw.status : undefined;
  if (status === 'completed') return 'settled';
  if (status === 'canceled' || status === 'cancelled' || status === 'expired' || status === 'failed') return 'void';
  return 'pending';
}

const TRANSFER_TYPES = new Set([
  'transfer',
  'exchange_deposit',
  'exchange_withdrawal',
  'pro_deposit',
  'pro_withdrawal',
  'vault_withdrawal',
  'portfolio_transfer',
  'staking_transfer',
  'unstaking_transfer',
]);

function money(value: unknown): { amount: string; currency: string } | undefined {
  return isRecord(value) && typeof value.amount === 'string' && typeof value.currency === 'string' && value.amount !== ''
    ? { amount: value.amount, currency: value.currency }
    : undefined;
}

/** Accounts whose history no v2 wallet lists: the other side of a sweep or of a perpetuals collateral move. */
export interface CoinbaseCounterparts {
  futures: string;
  perps: string;
}

/**
 * A v2 transaction as activities in `accountKey` (the wallet's account); a `derivatives_settlement`
 * also writes its other side in the futures account, an `intx_deposit`/`intx_withdrawal` in the
 * perpetuals account.
 */
export function coinbaseTransactionActivity(
  raw: unknown,
  accountKey: string,
  counterparts: CoinbaseCounterparts = { futures: 'futures', perps: 'perps' },
): ActivityRecord | ActivityRecord[] | undefined {
  if (!isRecord(raw)) throw coinbaseUnreadable('a transaction');
  const id = str(raw, 'id');
  const type = str(raw, 'type');
  const amount = money(raw.amount);
  const created = str(raw, 'created_at');
  if (id === undefined || type === undefined || amount === undefined || created === undefined) throw coinbaseUnreadable('a transaction');
  if (coinbaseTransactionState(raw) !== 'settled') return undefined;
  const executedAt = coinbaseIsoOf(created);
  if (executedAt === undefined) throw coinbaseUnreadable(`the time of transaction ${id}`);
  const signed = dec(amount.amount);
  if (signed.isZero()) return undefined;
  const base = { accountKey, providerRef: `tx:${id}`, executedAt, asset: amount.currency, quoteAsset: null, price: null, fee: null, feeAsset: null, raw };
  const plain = (activityType: ActivityType): ActivityRecord => ({ ...base, type: activityType, quantity: toDecimalString(signed.abs()) });

  switch (type) {
    case 'send': {
      if (signed.isPositive()) return plain('deposit');
      const network = isRecord(raw.network) ? raw.network : {};
      const fee = money(network.transaction_fee);
      const sameCurrencyFee = fee !== undefined && fee.currency === amount.currency ? dec(fee.amount) : undefined;
      const delivered = money(network.transaction_amount);
      const quantity = delivered !== undefined ? dec(delivered.amount) : signed.abs().minus(sameCurrencyFee ?? 0);
      return {
        ...base,
        type: 'withdrawal',
        quantity: toDecimalString(quantity),
        fee: fee === undefined ? null : toDecimalString(fee.amount),
        feeAsset: fee === undefined ? null : fee.currency,
      };
    }
    case 'fiat_deposit':
      return plain('deposit');
    case 'fiat_withdrawal':
      return plain('withdrawal');
    case 'staking_reward':
    case 'inflation_reward':
    case 'earn_payout':
      return plain('reward');
    case 'interest':
      return plain('interest');
    case 'buy':
    case 'sell':
    case 'trade': {
      const native = money(raw.native_amount);
      if (native === undefined || dec(native.amount).isZero()) return undefined;
      return {
        ...plain(signed.isPositive() ? 'buy' : 'sell'),
        quoteAsset: native.currency,
        price: toDecimalString(dec(native.amount).abs().div(signed.abs()).toDecimalPlaces(18)),
      };
    }
    case 'derivatives_settlement':
    case 'intx_deposit':
    case 'intx_withdrawal': {
      const [other, suffix] = type === 'derivatives_settlement' ? [counterparts.futures, 'futures'] : [counterparts.perps, 'perps'];
      const walletSide: ActivityRecord = { ...base, type: 'transfer', quantity: toDecimalString(signed) };
      return [walletSide, { ...walletSide, accountKey: other, providerRef: `tx:${id}:${suffix}`, quantity: toDecimalString(signed.neg()) }];
    }
    default:
      // Signed as Coinbase signs it from this wallet's side: negative when the coin left it.
      return TRANSFER_TYPES.has(type) ? { ...base, type: 'transfer', quantity: toDecimalString(signed) } : undefined;
  }
}
