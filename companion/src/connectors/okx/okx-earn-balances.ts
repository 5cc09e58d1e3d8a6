import { Decimal, dec, toDecimalString } from '@omnifolio/shared/money';
import type { BalanceRecord } from '@omnifolio/shared/schemas';
import { assetRefOf } from '../ccxt/asset-kind.js';
import { okxUnreadable } from './okx-raw.js';

/**
 * OKX Earn balances, each its own account. Subscribed funds leave the funding account (bill 75
 * or 80), so they are counted here and only here.
 *
 * Simple Earn flexible, `GET /api/v5/finance/savings/balance`:
 * `{ "ccy": "USDT", "amt": "1503.1", "earnings": "3.1", "loanAmt": "1503.1", "pendingAmt": "0", "redemptAmt": "0", "rate": "0.02" }`.
 * `amt` is the whole savings balance, earnings included (they are reinvested), and can be redeemed
 * at any time: free.
 *
 * On-chain Earn (staking and DeFi), `GET /api/v5/finance/staking-defi/orders-active`:
 * `{ "ordId": "…", "ccy": "ETH", "state": "1", "investData": [{ "ccy": "ETH", "amt": "1" }], "earningData": [...] }`.
 * The invested amounts are locked until redeemed; `earningData` is paid into the funding account
 * (bill 83) and counted there when it arrives, never here.
 */

interface Context {
  accountKey: string;
  asOf: string;
  fiatCodes: ReadonlySet<string>;
}

const isRow = (row: unknown, keys: readonly string[]): row is Record<string, string> =>
  row !== null && typeof row === 'object' && keys.every((key) => typeof (row as Record<string, unknown>)[key] === 'string');

export function okxSavingsBalances(data: unknown, { accountKey, asOf, fiatCodes }: Context): BalanceRecord[] {
  if (!Array.isArray(data) || !data.every((row) => isRow(row, ['ccy', 'amt']))) throw okxUnreadable('the Simple Earn balances');
  return (data as Record<string, string>[])
    .filter((row) => !dec(row.amt as string).isZero())
    .map((row) => ({ accountKey, asset: assetRefOf(row.ccy as string, fiatCodes), free: toDecimalString(row.amt as string), locked: '0', asOf }));
}

export function okxStakingBalances(data: unknown, { accountKey, asOf, fiatCodes }: Context): BalanceRecord[] {
  if (!Array.isArray(data)) throw okxUnreadable('the On-chain Earn orders');
  const locked = new Map<string, Decimal>();
  for (const order of data) {
    const invested = (order as { investData?: unknown } | null)?.investData;
    if (!Array.isArray(invested) || !invested.every((row) => isRow(row, ['ccy', 'amt']))) throw okxUnreadable('an On-chain Earn order');
    for (const row of invested as Record<string, string>[])
      locked.set(row.ccy as string, (locked.get(row.ccy as string) ?? new Decimal(0)).plus(row.amt as string));
  }
  return [...locked]
    .filter(([, amount]) => !amount.isZero())
    .map(([ccy, amount]) => ({ accountKey, asset: assetRefOf(ccy, fiatCodes), free: '0', locked: toDecimalString(amount), asOf }));
}
