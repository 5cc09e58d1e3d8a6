import { Decimal, dec, toDecimalString } from '@omnifolio/shared/money';
import type { BalanceRecord } from '@omnifolio/shared/schemas';
import { assetRefOf } from '../ccxt/asset-kind.js';
import { blofinUnreadable, hasStrings } from './blofin-raw.js';

/**
 * One BloFin account's balances, `GET /api/v1/asset/balances?accountType=<funding|spot|futures|earn|copy_trading>`:
 * `{ "currency": "USDT", "balance": "8000.500000000000000000", "available": "7650.250000000000000000",
 *    "frozen": "350.250000000000000000", "bonus": "0.000000000000000000" }`
 * BloFin writes amounts with 18 decimal places; they become canonical decimals ("8000.5").
 * The total is `balance`, locked is `frozen` (orders, margin; at most the total), free the rest.
 * For the futures account `balance` is the cash balance: the open positions' unrealized PnL is
 * not in it, the positions report it. A trial-fund `bonus` cannot be withdrawn and is not counted.
 */
export function blofinBalances(rows: readonly unknown[], accountKey: string, asOf: string, fiatCodes: ReadonlySet<string>): BalanceRecord[] {
  if (!rows.every((row) => hasStrings(row, ['currency', 'balance', 'frozen']))) throw blofinUnreadable(`the ${accountKey} account balances`);
  return (rows as Record<'currency' | 'balance' | 'frozen', string>[])
    .map((row) => {
      const total = dec(row.balance);
      const locked = Decimal.min(Decimal.max(dec(row.frozen === '' ? '0' : row.frozen), dec('0')), Decimal.max(total, dec('0')));
      return { accountKey, asset: assetRefOf(row.currency, fiatCodes), free: toDecimalString(total.minus(locked)), locked: toDecimalString(locked), asOf };
    })
    .filter((b) => !dec(b.free).plus(b.locked).isZero());
}
