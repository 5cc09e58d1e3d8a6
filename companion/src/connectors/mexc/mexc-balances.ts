import { Decimal, dec, toDecimalString } from '@omnifolio/shared/money';
import type { BalanceRecord } from '@omnifolio/shared/schemas';
import { assetRefOf } from '../ccxt/asset-kind.js';
import { isRow, mexcDecimal, mexcUnreadable } from './mexc-raw.js';

/**
 * MEXC balances, one account per wallet (a transfer moves funds between them; nothing counts twice).
 *
 * Spot, `GET /api/v3/account` → `balances[]`: `{ "asset": "USDT", "free": "8450.25", "locked": "120" }`.
 *
 * USDT-M futures, `GET /api/v1/private/account/assets` → `data[]` (JSON numbers):
 * `{ "currency": "USDT", "cashBalance": 3120.5, "unrealized": 75.19, "equity": 3195.69, "positionMargin": 261.02,
 *    "frozenBalance": 20, "availableBalance": 2839.48, … }`
 * The wallet is worth its equity, `cashBalance` + `unrealized` (recomputed, not MEXC's rounded
 * `equity`), as Binance's and OKX's futures wallets are; the margin in use (`positionMargin` +
 * `frozenBalance`, at most the equity) is locked, the rest free. Positions are reported beside it.
 */

interface Context {
  accountKey: string;
  asOf: string;
  fiatCodes: ReadonlySet<string>;
}

const nonZero = (b: BalanceRecord) => !dec(b.free).plus(b.locked).isZero();

export function mexcSpotBalances(body: unknown, { accountKey, asOf, fiatCodes }: Context): BalanceRecord[] {
  const balances = isRow(body) ? body.balances : undefined;
  if (!Array.isArray(balances)) throw mexcUnreadable('the spot balances');
  return balances
    .map((row: unknown) => {
      if (!isRow(row) || typeof row.asset !== 'string') throw mexcUnreadable('the spot balances');
      return {
        accountKey,
        asset: assetRefOf(row.asset, fiatCodes),
        free: mexcDecimal(row.free, 'the spot balances'),
        locked: mexcDecimal(row.locked, 'the spot balances'),
        asOf,
      };
    })
    .filter(nonZero);
}

export function mexcFuturesBalances(data: unknown, { accountKey, asOf, fiatCodes }: Context): BalanceRecord[] {
  if (!Array.isArray(data)) throw mexcUnreadable('the futures account');
  return data
    .map((row: unknown) => {
      if (!isRow(row) || typeof row.currency !== 'string') throw mexcUnreadable('the futures account');
      const what = `the futures ${row.currency} balance`;
      const equity = dec(mexcDecimal(row.cashBalance, what)).plus(mexcDecimal(row.unrealized, what));
      const margin = dec(mexcDecimal(row.positionMargin, what)).plus(mexcDecimal(row.frozenBalance, what));
      const locked = Decimal.max(dec('0'), Decimal.min(margin, equity));
      return { accountKey, asset: assetRefOf(row.currency, fiatCodes), free: toDecimalString(equity.minus(locked)), locked: toDecimalString(locked), asOf };
    })
    .filter(nonZero);
}
