import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord, ActivityType } from '@omnifolio/shared/schemas';
import type { AlpacaActivity } from './alpaca-wire.js';

/** Non-trade activity types Omnifolio imports, by the sign of `net_amount`: [credit, debit]. */
const NON_TRADE: Record<string, [ActivityType, ActivityType]> = {
  DIV: ['dividend', 'fee'],
  DIVCGL: ['dividend', 'fee'],
  DIVCGS: ['dividend', 'fee'],
  DIVROC: ['dividend', 'fee'],
  DIVTXEX: ['dividend', 'fee'],
  DIVNRA: ['reward', 'fee'],
  DIVFT: ['reward', 'fee'],
  DIVTW: ['reward', 'fee'],
  FEE: ['reward', 'fee'],
  PTC: ['reward', 'fee'],
  INT: ['interest', 'fee'],
  CSD: ['deposit', 'withdrawal'],
  CSW: ['deposit', 'withdrawal'],
  TRANS: ['deposit', 'withdrawal'],
  JNLC: ['deposit', 'withdrawal'],
};

/**
 * One Alpaca activity as an Omnifolio activity, or null for what is not imported (a
 * cancelled entry, a type without cash meaning such as a split notice, a zero amount).
 * Alpaca is commission-free; regulatory fees arrive as their own FEE entries.
 */
export function alpacaActivity(accountKey: string, a: AlpacaActivity): ActivityRecord | null {
  if (a.activity_type === 'FILL' && 'transaction_time' in a) {
    const quantity = dec(a.qty);
    if (quantity.isZero()) return null;
    return {
      accountKey,
      providerRef: `alpaca:${a.id}`,
      type: a.side === 'buy' ? 'buy' : 'sell',
      executedAt: new Date(a.transaction_time).toISOString(),
      asset: a.symbol.replace(/\/?USD$/, '') || a.symbol,
      quantity: toDecimalString(quantity.abs()),
      quoteAsset: 'USD',
      price: toDecimalString(a.price),
      fee: null,
      feeAsset: null,
      raw: a,
    };
  }
  if (!('net_amount' in a)) return null;
  if (a.status === 'canceled') return null;
  const types = NON_TRADE[a.activity_type];
  const amount = dec(a.net_amount);
  if (types === undefined || amount.isZero()) return null;
  return {
    accountKey,
    providerRef: `alpaca:${a.id}`,
    type: amount.isNegative() ? types[1] : types[0],
    executedAt: new Date(`${a.date}T00:00:00Z`).toISOString(),
    asset: 'USD',
    quantity: toDecimalString(amount.abs()),
    quoteAsset: null,
    price: null,
    fee: null,
    feeAsset: null,
    raw: a,
  };
}
