import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { BalanceRecord } from '@omnifolio/shared/schemas';
import { assetRefOf } from '../ccxt/asset-kind.js';
import { isRawBalance, unreadable } from './binance-raw.js';

export interface BinanceBalancesParameters {
  /** `info` of ccxt's fetchBalance: Binance's raw `/api/v3/account` body. */
  account: unknown;
  accountKey: string;
  asOf: string;
  fiatCodes: ReadonlySet<string>;
}

/**
 * Spot balances from Binance's own strings (`"free": "0.91974100"`), free and locked, zero
 * balances dropped. A body without a `balances` array is an error, never "no balances": an
 * empty portfolio on screen because Binance hiccuped would be worse than a failed sync.
 */
export function binanceBalances({ account, accountKey, asOf, fiatCodes }: BinanceBalancesParameters): BalanceRecord[] {
  const balances = (account as { balances?: unknown } | null)?.balances;
  if (!Array.isArray(balances) || !balances.every(isRawBalance)) throw unreadable('the spot balances');
  return balances
    .filter((b) => !(dec(b.free).isZero() && dec(b.locked).isZero()))
    .map((b) => ({
      accountKey,
      asset: assetRefOf(b.asset, fiatCodes),
      free: toDecimalString(b.free),
      locked: toDecimalString(b.locked),
      asOf,
    }));
}
