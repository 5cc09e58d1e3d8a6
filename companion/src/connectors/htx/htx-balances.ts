import { Decimal, dec, toDecimalString } from '@omnifolio/shared/money';
import type { BalanceRecord } from '@omnifolio/shared/schemas';
import { assetRefOf } from '../ccxt/asset-kind.js';
import { htxAmount, htxString, htxUnreadable } from './htx-raw.js';

/**
 * HTX balances from HTX's own strings.
 *
 * Spot, margin and OTC accounts, `GET /v1/account/accounts/{account-id}/balance` → `data.list[]`,
 * one row per currency and kind, currencies in lower case:
 * `{ "currency": "usdt", "type": "trade", "balance": "3000" }`, `{ …, "type": "frozen", … }`,
 * `{ …, "type": "loan", "balance": "-1000" }`, `{ …, "type": "interest", "balance": "-0.4166" }`.
 * free = trade + loan + interest (a margin loan and its accrued interest are owed, so free goes
 * negative when more is owed than held), locked = frozen + lock. Several accounts of one kind (isolated
 * margin per symbol) add up per currency.
 *
 * USDT-M, `GET /v5/account/balance` → `data.details[]`:
 * `{ "currency": "USDT", "equity": "5230.118", "initial_margin": "2652.4274", "available_margin": "2577.6906", … }`.
 * The total is the equity (unrealized PnL included, as on the exchange), locked is the initial
 * margin held by positions and orders (never more than the equity), free the rest.
 *
 * Coin-margined swaps, `POST /swap-api/v1/swap_account_info` (one row per contract, amounts in the
 * coin, read losslessly: see htx-lossless-body.ts):
 * `{ "symbol": "BTC", "contract_code": "BTC-USD", "margin_balance": 0.152340118834755271, "margin_position": 0.011048216072171367,
 *    "margin_frozen": 0.0005, … }`. The total is `margin_balance` (unrealized PnL included), locked
 * what positions and orders hold (`margin_position` + `margin_frozen`), free the rest.
 */

interface Context {
  asOf: string;
  fiatCodes: ReadonlySet<string>;
}

interface Sum {
  free: Decimal;
  locked: Decimal;
}

/** Rows of several HTX accounts of one kind → one record per currency. */
export function htxWalletBalances(lists: readonly unknown[], accountKey: string, { asOf, fiatCodes }: Context): BalanceRecord[] {
  const sums = new Map<string, Sum>();
  for (const list of lists) {
    if (!Array.isArray(list)) throw htxUnreadable('the account balances');
    for (const raw of list as Record<string, unknown>[]) {
      if (raw === null || typeof raw !== 'object') throw htxUnreadable('the account balances');
      const currency = htxString(raw, 'currency', 'a balance row').toUpperCase();
      const kind = htxString(raw, 'type', 'a balance row');
      const amount = dec(htxAmount(raw, 'balance', 'a balance row'));
      const sum = sums.get(currency) ?? { free: dec('0'), locked: dec('0') };
      if (kind === 'trade' || kind === 'loan' || kind === 'interest') sum.free = sum.free.plus(amount);
      else if (kind === 'frozen' || kind === 'lock') sum.locked = sum.locked.plus(amount);
      // `bank` (HTX's internal custody bookkeeping) is not the user's to spend or owe; left out.
      sums.set(currency, sum);
    }
  }
  return [...sums]
    .filter(([, s]) => !s.free.plus(s.locked).isZero())
    .map(([currency, s]) => ({
      accountKey,
      asset: assetRefOf(currency, fiatCodes),
      free: toDecimalString(s.free),
      locked: toDecimalString(s.locked),
      asOf,
    }));
}

export function htxLinearBalances(data: unknown, accountKey: string, { asOf, fiatCodes }: Context): BalanceRecord[] {
  const details = (data as { details?: unknown } | null)?.details;
  if (!Array.isArray(details)) throw htxUnreadable('the USDT-M account');
  return (details as Record<string, unknown>[])
    .map((row) => {
      const equity = dec(htxAmount(row, 'equity', 'the USDT-M account'));
      const margin = dec(htxAmount(row, 'initial_margin', 'the USDT-M account'));
      const locked = Decimal.max(dec('0'), Decimal.min(margin, equity));
      return {
        accountKey,
        asset: assetRefOf(htxString(row, 'currency', 'the USDT-M account').toUpperCase(), fiatCodes),
        free: toDecimalString(equity.minus(locked)),
        locked: toDecimalString(locked),
        asOf,
      };
    })
    .filter((b) => !dec(b.free).plus(b.locked).isZero());
}

export function htxInverseBalances(rows: readonly Record<string, unknown>[], accountKey: string, { asOf, fiatCodes }: Context): BalanceRecord[] {
  const what = 'the coin-margined swap account';
  const sums = new Map<string, Sum>();
  for (const row of rows) {
    const coin = htxString(row, 'symbol', what).toUpperCase();
    const equity = dec(htxAmount(row, 'margin_balance', what));
    const held = dec(htxAmount(row, 'margin_position', what)).plus(htxAmount(row, 'margin_frozen', what));
    const locked = Decimal.max(dec('0'), Decimal.min(held, equity));
    const sum = sums.get(coin) ?? { free: dec('0'), locked: dec('0') };
    sum.free = sum.free.plus(equity.minus(locked));
    sum.locked = sum.locked.plus(locked);
    sums.set(coin, sum);
  }
  return [...sums]
    .filter(([, s]) => !s.free.plus(s.locked).isZero())
    .map(([coin, s]) => ({ accountKey, asset: assetRefOf(coin, fiatCodes), free: toDecimalString(s.free), locked: toDecimalString(s.locked), asOf }));
}
