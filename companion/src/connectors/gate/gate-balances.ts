import { Decimal, dec, toDecimalString } from '@omnifolio/shared/money';
import type { BalanceRecord } from '@omnifolio/shared/schemas';
import { assetRefOf } from '../ccxt/asset-kind.js';
import { type GateRow, gateRows, gateUnreadable, hasStrings, str } from './gate-raw.js';

/**
 * Gate balances from Gate's own strings, one account per wallet. Every wallet holds its own
 * funds (a transfer moves them), so nothing is counted twice.
 *
 * Spot, `GET /spot/accounts`: `{ "currency": "BTC", "available": "0.8231", "locked": "0.05" }`.
 *
 * Isolated margin, `GET /margin/accounts`: one account per pair, each side
 * `{ "currency": "ETH", "available": "0", "locked": "0", "borrowed": "1.5", "interest": "0.000312" }`.
 * What is owed (borrowed + interest) is subtracted from what is free, so a short shows as a
 * negative balance; sides of the same currency in several pairs are added up.
 *
 * Perpetual futures, `GET /futures/{settle}/accounts`: the wallet is worth its equity, `total`
 * (the balance) plus `unrealised_pnl`, as Binance's and OKX's futures wallets are; the margin in use
 * (`position_margin` + `order_margin`, at most the equity) is locked, the rest free. Positions are
 * reported beside it and not valued again.
 *
 * Unified account (any mode but classic), `GET /unified/accounts` → `balances.{currency}`:
 * `{ "available": "0.8", "freeze": "0.05", "borrowed": "0", "negative_liab": "0", "equity": "0.85", "iso_balance": "0" }`
 * Spot, margin and USDT perpetual funds live here together. The currency's value is its cross
 * equity (`equity`: what it holds, minus what it owes, plus the cross positions' PnL, negative
 * when more is owed) plus what sits in isolated futures margin (`iso_balance`, which the cross
 * equity leaves out); `freeze` and the isolated margin are locked.
 *
 * Legacy cross margin (classic accounts), `GET /margin/cross/accounts` → `balances.{currency}`:
 * `{ "available": "1200", "freeze": "50", "borrowed": "400", "interest": "0.12" }`. What is owed
 * (borrowed + interest) is subtracted from what is free, so a borrowed coin goes negative; `freeze`
 * is locked.
 *
 * Delivery futures, `GET /delivery/usdt/accounts`: the same shape as the perpetuals' wallet, read
 * the same way.
 *
 * Earn (Simple Earn / lending), `GET /earn/uni/lends`: `amount` lent in total, `frozen_amount`
 * being redeemed.
 */

interface Context {
  accountKey: string;
  asOf: string;
  fiatCodes: ReadonlySet<string>;
}

const nonZero = (b: BalanceRecord) => !dec(b.free).plus(b.locked).isZero();

const record = (currency: string, free: Decimal, locked: Decimal, { accountKey, asOf, fiatCodes }: Context): BalanceRecord => ({
  accountKey,
  asset: assetRefOf(currency, fiatCodes),
  free: toDecimalString(free),
  locked: toDecimalString(locked),
  asOf,
});

export function gateSpotBalances(body: unknown, context: Context): BalanceRecord[] {
  return gateRows(body, ['currency', 'available', 'locked'], 'the spot balances')
    .map((row) => record(str(row, 'currency'), dec(str(row, 'available')), dec(str(row, 'locked')), context))
    .filter(nonZero);
}

const MARGIN_SIDE = ['currency', 'available', 'locked', 'borrowed', 'interest'] as const;

export function gateMarginBalances(body: unknown, context: Context): BalanceRecord[] {
  if (!Array.isArray(body)) throw gateUnreadable('the margin accounts');
  const totals = new Map<string, { free: Decimal; locked: Decimal }>();
  for (const pair of body as GateRow[]) {
    for (const side of [pair?.base, pair?.quote]) {
      if (!hasStrings(side, MARGIN_SIDE)) throw gateUnreadable('the margin accounts');
      const owed = dec(str(side, 'borrowed')).plus(str(side, 'interest'));
      const sum = totals.get(str(side, 'currency')) ?? { free: dec('0'), locked: dec('0') };
      totals.set(str(side, 'currency'), { free: sum.free.plus(str(side, 'available')).minus(owed), locked: sum.locked.plus(str(side, 'locked')) });
    }
  }
  return [...totals].map(([currency, { free, locked }]) => record(currency, free, locked, context)).filter(nonZero);
}

export function gateFuturesBalances(body: unknown, context: Context): BalanceRecord[] {
  if (!hasStrings(body, ['currency', 'total', 'unrealised_pnl', 'position_margin', 'order_margin'])) throw gateUnreadable('the futures account');
  const equity = dec(str(body, 'total')).plus(str(body, 'unrealised_pnl'));
  const margin = dec(str(body, 'position_margin')).plus(str(body, 'order_margin'));
  const locked = Decimal.max(dec('0'), Decimal.min(margin, equity));
  return [record(str(body, 'currency'), equity.minus(locked), locked, context)].filter(nonZero);
}

export function gateUnifiedBalances(body: unknown, context: Context): BalanceRecord[] {
  const balances = hasStrings(body, []) ? (body as GateRow).balances : undefined;
  if (balances === null || typeof balances !== 'object' || Array.isArray(balances)) throw gateUnreadable('the unified account');
  return Object.entries(balances as Record<string, unknown>)
    .map(([currency, row]) => {
      if (!hasStrings(row, ['equity', 'freeze'])) throw gateUnreadable('the unified account');
      const isolated = typeof row.iso_balance === 'string' && row.iso_balance !== '' ? dec(row.iso_balance) : dec('0');
      const total = dec(str(row, 'equity')).plus(isolated);
      const locked = Decimal.max(dec('0'), Decimal.min(dec(str(row, 'freeze')).plus(isolated), total));
      return record(currency, total.minus(locked), locked, context);
    })
    .filter(nonZero);
}

export function gateEarnBalances(body: unknown, context: Context): BalanceRecord[] {
  return gateRows(body, ['currency', 'amount', 'frozen_amount'], 'the Earn lending')
    .map((row) => {
      const frozen = dec(str(row, 'frozen_amount'));
      return record(str(row, 'currency'), dec(str(row, 'amount')).minus(frozen), frozen, context);
    })
    .filter(nonZero);
}

export function gateCrossMarginBalances(body: unknown, context: Context): BalanceRecord[] {
  const balances = (body as { balances?: unknown } | null)?.balances;
  if (balances === null || typeof balances !== 'object' || Array.isArray(balances)) throw gateUnreadable('the cross margin account');
  return Object.entries(balances as Record<string, unknown>)
    .map(([currency, row]) => {
      if (!hasStrings(row, ['available', 'freeze', 'borrowed', 'interest'])) throw gateUnreadable('the cross margin account');
      const free = dec(str(row, 'available')).minus(str(row, 'borrowed')).minus(str(row, 'interest'));
      return record(currency, free, dec(str(row, 'freeze')), context);
    })
    .filter(nonZero);
}
