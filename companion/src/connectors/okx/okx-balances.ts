import { Decimal, dec, toDecimalString } from '@omnifolio/shared/money';
import type { BalanceRecord } from '@omnifolio/shared/schemas';
import { assetRefOf } from '../ccxt/asset-kind.js';
import { okxUnreadable } from './okx-raw.js';

/**
 * OKX balances from OKX's own strings.
 *
 * Trading account, `GET /api/v5/account/balance` → `data[0].details[]`:
 * `{ "ccy": "BTC", "eq": "1.06126645222", "cashBal": "1.06126645222", "availBal": "0.6612664522199999",
 *    "frozenBal": "0.4", "liab": "0", … }`
 * OKX computes `availBal` in floating point (0.66126645221999 99), so it is not used: the total is
 * the equity `eq` (negative when a loan exceeds what is held), locked is `frozenBal` (at most the
 * equity, never below zero), free is the rest. ccxt reads `used` as eq − availBal and gets
 * 0.4000000000000001; we report 0.4.
 *
 * Funding account, `GET /api/v5/asset/balances`: `{ "ccy": "TUSD", "bal": "100", "availBal": "100", "frozenBal": "0" }`.
 */

interface Context {
  accountKey: string;
  asOf: string;
  fiatCodes: ReadonlySet<string>;
}

const hasStrings = (row: unknown, keys: readonly string[]): row is Record<string, string> =>
  row !== null && typeof row === 'object' && keys.every((key) => typeof (row as Record<string, unknown>)[key] === 'string');

export function okxTradingBalances(data: unknown, { accountKey, asOf, fiatCodes }: Context): BalanceRecord[] {
  const details = Array.isArray(data) ? (data[0] as { details?: unknown } | undefined)?.details : undefined;
  if (!Array.isArray(details) || !details.every((row) => hasStrings(row, ['ccy', 'eq', 'frozenBal']))) throw okxUnreadable('the trading account balances');
  return (details as Record<string, string>[])
    .map((row) => {
      const equity = dec(row.eq as string);
      const locked = Decimal.max(dec('0'), Decimal.min(dec(row.frozenBal === '' ? '0' : (row.frozenBal as string)), equity));
      return {
        accountKey,
        asset: assetRefOf(row.ccy as string, fiatCodes),
        free: toDecimalString(equity.minus(locked)),
        locked: toDecimalString(locked),
        asOf,
      };
    })
    .filter((b) => !dec(b.free).plus(b.locked).isZero());
}

export function okxFundingBalances(data: unknown, { accountKey, asOf, fiatCodes }: Context): BalanceRecord[] {
  if (!Array.isArray(data) || !data.every((row) => hasStrings(row, ['ccy', 'bal', 'frozenBal']))) throw okxUnreadable('the funding account balances');
  return (data as Record<string, string>[])
    .map((row) => {
      const locked = dec(row.frozenBal as string);
      return {
        accountKey,
        asset: assetRefOf(row.ccy as string, fiatCodes),
        free: toDecimalString(dec(row.bal as string).minus(locked)),
        locked: toDecimalString(locked),
        asOf,
      };
    })
    .filter((b) => !dec(b.free).plus(b.locked).isZero());
}
