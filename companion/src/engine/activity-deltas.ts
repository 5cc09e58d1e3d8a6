import { type Decimal, dec } from '@omnifolio/shared/money';

/** An activity as stored, with its asset codes already resolved to canonical asset ids. */
export interface LedgerActivity {
  id: number;
  accountId: string;
  type: string;
  executedAt: string;
  assetId: string;
  quantity: string;
  quoteAssetId: string | null;
  price: string | null;
  fee: string | null;
  feeAssetId: string | null;
}

/**
 * How one activity changed one balance. The change stays a Decimal: a full rebuild walks
 * every delta of the ledger, and a string would be written here only to be parsed again there.
 */
export interface BalanceDelta {
  accountId: string;
  assetId: string;
  executedAt: string;
  delta: Decimal;
}

/**
 * What an activity did to the account's balances, by type:
 * - buy: +quantity of the asset, −quantity × price of the quote; sell: the reverse;
 * - deposit, dividend, interest, reward: +quantity; withdrawal: −quantity;
 * - transfer, funding, realized_pnl, fee: the signed quantity as given (a fee is stored
 *   negative or positive by its connector; a positive `fee`-type quantity is a charge);
 * - every activity's `fee` leaves in its fee asset.
 * Splits and mergers change quantities the connector reports as balances, not as a
 * movement; they contribute nothing here and say so.
 */
export function activityDeltas(a: LedgerActivity): BalanceDelta[] {
  const out: BalanceDelta[] = [];
  const push = (assetId: string | null, delta: Decimal) => {
    if (assetId === null || delta.isZero()) return;
    out.push({ accountId: a.accountId, assetId, executedAt: a.executedAt, delta });
  };
  const qty = dec(a.quantity);
  const notional = a.price === null ? null : qty.mul(a.price);
  switch (a.type) {
    case 'buy':
      push(a.assetId, qty);
      if (notional) push(a.quoteAssetId, notional.neg());
      break;
    case 'sell':
      push(a.assetId, qty.neg());
      if (notional) push(a.quoteAssetId, notional);
      break;
    case 'deposit':
    case 'dividend':
    case 'interest':
    case 'reward':
      push(a.assetId, qty.abs());
      break;
    case 'withdrawal':
      push(a.assetId, qty.abs().neg());
      break;
    case 'fee':
      push(a.assetId, qty.abs().neg());
      break;
    case 'transfer':
    case 'funding':
    case 'realized_pnl':
      push(a.assetId, qty);
      break;
    default:
      break;
  }
  if (a.fee !== null && a.type !== 'fee') push(a.feeAssetId ?? a.assetId, dec(a.fee).abs().neg());
  return out;
}
