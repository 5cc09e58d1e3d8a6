import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord } from '@omnifolio/shared/schemas';
import { type GateRow, gateUnreadable, hasStrings, str } from './gate-raw.js';

/**
 * Gate history rows as activities, from Gate's strings.
 *
 * Spot trade, `GET /spot/my_trades`:
 * `{ "id": "5736713", "create_time": "1605176741", "create_time_ms": "1605176741123.456", "currency_pair": "BTC_USDT",
 *    "side": "buy", "amount": "0.0125", "price": "90100.7", "fee": "0.000025", "fee_currency": "BTC", "point_fee": "0", "gt_fee": "0" }`
 * Fees paid in points or GT (`point_fee`, `gt_fee`) are charged instead of `fee` when the account
 * deducts them that way; the one that is not zero is the fee.
 *
 * Deposit / withdrawal, `GET /wallet/deposits|withdrawals`:
 * `{ "id": "d33361395", "timestamp": "1605176741", "currency": "USDT", "amount": "30000", "fee": "1", "status": "DONE", "txid": "…" }`.
 * DONE (and BCODE, a GateCode transfer) count; CANCEL, FAIL and INVALID never do; the others
 * (PEND, REQUEST, DMOVE, MANUAL, VERIFY, PROCES, EXTPEND, SPLITPEND, REVIEW…) are on their way.
 * A withdrawal's `amount` left for the destination and its `fee` was charged on top.
 */

export function gateTradeTime(row: GateRow): number {
  const ms = typeof row.create_time_ms === 'string' ? Math.floor(Number(row.create_time_ms)) : Number.NaN;
  return Number.isFinite(ms) ? ms : Number(row.create_time) * 1000;
}

export function gateTradeActivity(raw: unknown, accountKey: string): ActivityRecord {
  if (!hasStrings(raw, ['id', 'create_time', 'currency_pair', 'side', 'amount', 'price', 'fee', 'fee_currency'])) throw gateUnreadable('a spot trade');
  const row = raw;
  const [base, quote] = str(row, 'currency_pair').split('_');
  if (base === undefined || quote === undefined || base === '' || quote === '') throw gateUnreadable(`the pair ${str(row, 'currency_pair')}`);
  const fee = [
    [str(row, 'fee'), str(row, 'fee_currency')],
    [typeof row.gt_fee === 'string' ? row.gt_fee : '0', 'GT'],
    [typeof row.point_fee === 'string' ? row.point_fee : '0', 'POINT'],
  ].find(([amount]) => amount !== undefined && amount !== '' && !dec(amount).isZero());
  return {
    accountKey,
    providerRef: `trade:${str(row, 'currency_pair')}:${str(row, 'id')}`,
    type: str(row, 'side') === 'sell' ? 'sell' : 'buy',
    executedAt: new Date(gateTradeTime(row)).toISOString(),
    asset: base,
    quantity: toDecimalString(str(row, 'amount')),
    quoteAsset: quote,
    price: toDecimalString(str(row, 'price')),
    fee: fee === undefined ? null : toDecimalString(dec(fee[0] as string).abs()),
    feeAsset: fee === undefined ? null : (fee[1] as string),
    raw: row,
  };
}

export function gateTransferState(status: string): 'settled' | 'pending' | 'void' {
  if (status === 'DONE' || status === 'BCODE') return 'settled';
  if (status === 'CANCEL' || status === 'FAIL' || status === 'INVALID') return 'void';
  return 'pending';
}

const TRANSFER_FIELDS = ['id', 'timestamp', 'currency', 'amount', 'status'] as const;

export function gateTransferRow(raw: unknown, what: string): GateRow {
  if (!hasStrings(raw, TRANSFER_FIELDS)) throw gateUnreadable(what);
  return raw;
}

export function gateTransferActivity(raw: unknown, kind: 'deposit' | 'withdrawal', accountKey: string): ActivityRecord | undefined {
  const row = gateTransferRow(raw, `a ${kind}`);
  if (gateTransferState(str(row, 'status')) !== 'settled') return undefined;
  const fee = kind === 'withdrawal' && typeof row.fee === 'string' && row.fee !== '' && !dec(row.fee).isZero() ? toDecimalString(row.fee) : null;
  return {
    accountKey,
    providerRef: `${kind}:${str(row, 'id')}`,
    type: kind,
    executedAt: new Date(Number(str(row, 'timestamp')) * 1000).toISOString(),
    asset: str(row, 'currency'),
    quantity: toDecimalString(str(row, 'amount')),
    quoteAsset: null,
    price: null,
    fee,
    feeAsset: fee === null ? null : str(row, 'currency'),
    raw: row,
  };
}
