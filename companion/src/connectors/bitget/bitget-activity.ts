import { type Decimal, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord, ActivityType } from '@omnifolio/shared/schemas';
import { type BitgetRow, bitgetAmount, bitgetText, bitgetUnreadable } from './bitget-raw.js';

/**
 * Bitget history rows as activities, from Bitget's strings.
 *
 * Spot fill, `GET /api/v2/spot/trade/fills`: `{ "symbol": "BTCUSDT", "tradeId": "1098394344974925824", "side": "sell",
 *   "priceAvg": "28467.68", "size": "0.0002", "feeDetail": { "feeCoin": "USDT", "totalFee": "-0.005693536" }, "cTime": … }`;
 *   the fee is written negative.
 * Deposit and withdrawal, `GET /api/v2/spot/wallet/{deposit,withdrawal}-records`: `{ "orderId": "…", "coin": "USDT",
 *   "size": "30", "fee": "-1.5", "status": "success", "cTime": … }` (unified accounts: `createdTime`). A withdrawal's
 *   `size` is what left the account, fee included: 28.5 reached the destination and 1.5 was the fee.
 * Spot bill, `GET /api/v2/spot/account/bills`: transfers between the user's own accounts (`groupType` transfer).
 * Futures bill, `GET /api/v2/mix/account/bill`: funding (`contract_settle_fee`), realized PnL (`close_*`,
 *   `burst_*`), trading fees (`fee` of `open_*` and `close_*`) and transfers (`trans_*`).
 */

const timeOf = (row: BitgetRow, what: string): string => {
  const value = Number(row.cTime ?? row.createdTime);
  if (!Number.isSafeInteger(value)) throw bitgetUnreadable(what);
  return new Date(value).toISOString();
};

export function bitgetTime(row: BitgetRow): number {
  return Number(row.cTime ?? row.createdTime);
}

export function bitgetFillActivity(row: BitgetRow, pair: { base: string; quote: string }, accountKey: string): ActivityRecord {
  const what = 'a spot fill';
  const symbol = bitgetText(row, 'symbol', what);
  const feeDetail = (row.feeDetail ?? {}) as BitgetRow;
  const fee = bitgetAmount(feeDetail, 'totalFee', 'a fill fee').abs();
  return {
    accountKey,
    providerRef: `fill:${symbol}:${bitgetText(row, 'tradeId', what)}`,
    type: row.side === 'sell' ? 'sell' : 'buy',
    executedAt: timeOf(row, what),
    asset: pair.base,
    quantity: toDecimalString(bitgetAmount(row, 'size', what)),
    quoteAsset: pair.quote,
    price: toDecimalString(bitgetAmount(row, 'priceAvg', what)),
    fee: fee.isZero() ? null : toDecimalString(fee),
    feeAsset: fee.isZero() ? null : bitgetText(feeDetail, 'feeCoin', 'a fill fee'),
    raw: row,
  };
}

/** success counts and fail never does; pending may still. */
export function bitgetTransferState(row: BitgetRow): 'settled' | 'pending' | 'void' {
  if (row.status === 'success') return 'settled';
  if (row.status === 'fail') return 'void';
  return 'pending';
}

export function bitgetTransferActivity(row: BitgetRow, kind: 'deposit' | 'withdrawal', accountKey: string): ActivityRecord | undefined {
  if (bitgetTransferState(row) !== 'settled') return undefined;
  const what = `a ${kind}`;
  const coin = bitgetText(row, 'coin', what);
  const fee = bitgetAmount(row, 'fee', `a ${kind} fee`).abs();
  // Bitget's size includes the fee; what arrived (or left, for a deposit) is the rest.
  const quantity = bitgetAmount(row, 'size', what).minus(fee);
  return {
    accountKey,
    providerRef: `${kind}:${bitgetText(row, 'orderId', what)}`,
    type: kind,
    executedAt: timeOf(row, what),
    asset: coin,
    quantity: toDecimalString(quantity),
    quoteAsset: null,
    price: null,
    fee: fee.isZero() ? null : toDecimalString(fee),
    feeAsset: fee.isZero() ? null : coin,
    raw: row,
  };
}

export function bitgetSpotBillActivity(row: BitgetRow, accountKey: string): ActivityRecord | undefined {
  if (row.groupType !== 'transfer') return undefined;
  const what = 'a spot bill';
  const size = bitgetAmount(row, 'size', what);
  if (size.isZero()) return undefined;
  return {
    accountKey,
    providerRef: `bill:spot:${bitgetText(row, 'billId', what)}`,
    type: 'transfer',
    executedAt: timeOf(row, what),
    asset: bitgetText(row, 'coin', what),
    quantity: toDecimalString(size.abs()),
    quoteAsset: null,
    price: null,
    fee: null,
    feeAsset: null,
    raw: row,
  };
}

/**
 * A futures bill as one activity. Activities carry positive quantities, so money paid is a `fee`
 * (funding paid, a realized loss, a trading fee) and money received is `funding` or
 * `realized_pnl`; the business type stays in `raw`. A close carries its trading fee in `fee`.
 */
export function bitgetFuturesBillActivity(row: BitgetRow, productType: string, accountKey: string): ActivityRecord | undefined {
  const what = 'a futures bill';
  const business = bitgetText(row, 'businessType', what);
  const amount = bitgetAmount(row, 'amount', what);
  const fee = bitgetAmount(row, 'fee', what).abs();
  const coin = bitgetText(row, 'coin', what);
  let type: ActivityType;
  let quantity: Decimal;
  let chargedFee: Decimal | undefined;
  if (business === 'contract_settle_fee' || business === 'contract_main_settle_fee') {
    type = amount.isNegative() ? 'fee' : 'funding';
    quantity = amount.abs();
  } else if (business.startsWith('close_') || business.startsWith('burst_') || business.startsWith('delivery_')) {
    type = amount.isNegative() ? 'fee' : 'realized_pnl';
    quantity = amount.abs();
    chargedFee = fee;
    if (quantity.isZero() && !fee.isZero()) {
      type = 'fee';
      quantity = fee;
      chargedFee = undefined;
    }
  } else if (business.startsWith('open_')) {
    type = 'fee';
    quantity = fee;
  } else if (business.startsWith('trans_')) {
    type = 'transfer';
    quantity = amount.abs();
  } else {
    return undefined;
  }
  if (quantity.isZero()) return undefined;
  const withFee = chargedFee !== undefined && !chargedFee.isZero();
  return {
    accountKey,
    providerRef: `bill:${productType}:${bitgetText(row, 'billId', what)}`,
    type,
    executedAt: timeOf(row, what),
    asset: coin,
    quantity: toDecimalString(quantity),
    quoteAsset: null,
    price: null,
    fee: withFee ? toDecimalString(chargedFee as Decimal) : null,
    feeAsset: withFee ? coin : null,
    raw: row,
  };
}
