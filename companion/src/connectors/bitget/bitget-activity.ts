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
 * Spot bill, `GET /api/v2/spot/account/bills`: transfers between the user's own accounts (`groupType` transfer):
 *   `{ "billId": "…", "coin": "USDT", "groupType": "transfer", "businessType": "transfer_out", "size": "-3000", … }`;
 *   `size` is signed, negative when the coin left the spot account.
 * Futures bill, `GET /api/v2/mix/account/bill`: funding (`contract_settle_fee`), realized PnL (`close_*`,
 *   `burst_*`), trading fees (`fee` of `open_*` and `close_*`) and transfers (`trans_*`); `amount` is signed
 *   (funding paid, a realized loss and a transfer out are negative) and `fee` is written negative.
 * Savings record, `GET /api/v2/earn/savings/records`: `{ "orderId": "…", "coinName": "USDT", "amount": "1000",
 *   "orderType": "subscribe", "ts": "…" }`; a subscription takes the coin from the spot account, a redemption
 *   returns it there and interest is paid there (Bitget's Savings rules).
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
    // Signed as Bitget writes it: a transfer out of the spot account is negative.
    quantity: toDecimalString(size),
    quoteAsset: null,
    price: null,
    fee: null,
    feeAsset: null,
    raw: row,
  };
}

/**
 * A futures bill as one activity, signed as Bitget writes it: funding (`funding`, negative when
 * paid), realized PnL (`realized_pnl`, negative for a loss, with the close's trading fee in `fee`)
 * and transfers (`transfer`, negative when the coin left the futures account). Only a trading fee
 * on its own (an open, or a close that realized nothing) is a `fee`. The business type stays in `raw`.
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
    type = 'funding';
    quantity = amount;
  } else if (business.startsWith('close_') || business.startsWith('burst_') || business.startsWith('delivery_')) {
    type = 'realized_pnl';
    quantity = amount;
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
    quantity = amount;
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

export function bitgetSavingsTime(row: BitgetRow): number {
  return Number(row.ts);
}

/**
 * A Savings record as activities. Bitget takes a subscription from the spot account and returns a
 * redemption there, so each is two transfers between the user's own accounts (spot and `earnKey`),
 * opposite in sign; interest is a `reward` in the spot account, where Bitget pays it. Other order
 * types (`deduction`) are left out: Bitget documents no balance effect for them.
 */
export function bitgetSavingsActivities(row: BitgetRow, spotKey: string, earnKey: string): ActivityRecord[] {
  const what = 'a savings record';
  const orderId = bitgetText(row, 'orderId', what);
  const coin = bitgetText(row, 'coinName', what);
  const amount = bitgetAmount(row, 'amount', what).abs();
  const at = Number(row.ts);
  if (!Number.isSafeInteger(at)) throw bitgetUnreadable(what);
  if (amount.isZero()) return [];
  const base = { executedAt: new Date(at).toISOString(), asset: coin, quoteAsset: null, price: null, fee: null, feeAsset: null, raw: row };
  const leg = (accountKey: string, quantity: Decimal): ActivityRecord => ({
    ...base,
    accountKey,
    providerRef: `savings:${orderId}:${accountKey}`,
    type: 'transfer',
    quantity: toDecimalString(quantity),
  });
  switch (row.orderType) {
    case 'subscribe':
      return [leg(spotKey, amount.neg()), leg(earnKey, amount)];
    case 'redeem':
      return [leg(earnKey, amount.neg()), leg(spotKey, amount)];
    case 'pay_interest':
      return [{ ...base, accountKey: spotKey, providerRef: `savings:${orderId}`, type: 'reward', quantity: toDecimalString(amount) }];
    default:
      return [];
  }
}

/**
 * A margin financial record, `GET /api/v2/margin/{crossed,isolated}/financial-records` → `data.resultList[]`:
 * `{ "marginId": "1", "coin": "USDT", "symbol": "BTCUSDT", "amount": "-1", "fee": "0", "marginType": "repay",
 * "cTime": "…" }` (`amount` signed). Only what changes the margin account's net balance (held − borrowed −
 * interest) and is not a trade is recorded: `transfer_in`/`transfer_out` as signed transfers (the other
 * side is the spot bill), `liquidation_fee` and `confiscated` as fees. A loan (`borrow`) and its
 * repayment (`repay`) change what is held and what is owed alike; trade legs (`deal_in`/`deal_out`,
 * `exchange_*`) carry no pair or price and are left out (see README.md).
 */
export function bitgetMarginRecordActivity(row: BitgetRow, accountKey: string): ActivityRecord | undefined {
  const what = 'a margin record';
  const marginType = bitgetText(row, 'marginType', what);
  const size = bitgetAmount(row, 'amount', what).abs();
  let type: ActivityType;
  let quantity: Decimal;
  if (marginType === 'transfer_in' || marginType === 'transfer_out') {
    type = 'transfer';
    quantity = marginType === 'transfer_in' ? size : size.neg();
  } else if (marginType === 'liquidation_fee' || marginType === 'confiscated') {
    type = 'fee';
    quantity = size;
  } else {
    return undefined;
  }
  if (quantity.isZero()) return undefined;
  const coin = bitgetText(row, 'coin', what);
  const fee = bitgetAmount(row, 'fee', what).abs();
  const withFee = type !== 'fee' && !fee.isZero();
  return {
    accountKey,
    providerRef: `margin:${bitgetText(row, 'marginId', what)}`,
    type,
    executedAt: timeOf(row, what),
    asset: coin,
    quantity: toDecimalString(quantity),
    quoteAsset: null,
    price: null,
    fee: withFee ? toDecimalString(fee) : null,
    feeAsset: withFee ? coin : null,
    raw: row,
  };
}

/**
 * Interest charged on a margin loan, `GET /api/v2/margin/{crossed,isolated}/interest-history` →
 * `data.resultList[]`: `{ "interestId": "1", "interestCoin": "USDT", "interestAmount": "1.2", "cTime": … }`. It is
 * added to what is owed, so the account's net balance falls by it: a `fee`.
 */
export function bitgetMarginInterestActivity(row: BitgetRow, accountKey: string): ActivityRecord | undefined {
  const what = 'a margin interest record';
  const amount = bitgetAmount(row, 'interestAmount', what).abs();
  if (amount.isZero()) return undefined;
  return {
    accountKey,
    providerRef: `interest:${bitgetText(row, 'interestId', what)}`,
    type: 'fee',
    executedAt: timeOf(row, what),
    asset: bitgetText(row, 'interestCoin', what),
    quantity: toDecimalString(amount),
    quoteAsset: null,
    price: null,
    fee: null,
    feeAsset: null,
    raw: row,
  };
}

/**
 * A margin fill, `GET /api/v2/margin/{crossed,isolated}/fills?symbol=…` → `data.fills[]`: the spot fill's
 * fields (`tradeId`, `side`, `priceAvg`, `size`, `feeDetail`, `cTime`), `side` also `liquidation_sell`,
 * `system_repay_buy` and the like (a trade Bitget made to settle or repay: still a sell or a buy).
 */
export function bitgetMarginFillActivity(
  row: BitgetRow,
  pair: { symbol: string; base: string; quote: string },
  accountKey: string,
  mode: 'crossed' | 'isolated',
): ActivityRecord {
  const side = typeof row.side === 'string' && row.side.endsWith('sell') ? 'sell' : 'buy';
  const activity = bitgetFillActivity({ ...row, symbol: pair.symbol, side }, pair, accountKey);
  return { ...activity, providerRef: `fill:${mode}:${pair.symbol}:${bitgetText(row, 'tradeId', 'a margin fill')}`, raw: row };
}
