import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { BalanceRecord } from '@omnifolio/shared/schemas';
import type { Balances } from 'ccxt';
import { assetRefOf } from './asset-kind.js';
import { ccxtDecimal } from './ccxt-decimal.js';

/** Keys of a ccxt balance structure that are not currency codes. */
const NON_CURRENCY_KEYS = new Set(['info', 'free', 'used', 'total', 'debt', 'timestamp', 'datetime']);

export interface BalancesFromCcxtParameters {
  balance: Balances;
  accountKey: string;
  asOf: string;
  fiatCodes: ReadonlySet<string>;
}

/**
 * ccxt's unified balance (`{ BTC: { free, used, total }, … }`) as our records: free and
 * locked ("used") per currency, zero balances dropped. Where an exchange reports only a total
 * (some do), free is the total minus what is used.
 */
export function balancesFromCcxt({ balance, accountKey, asOf, fiatCodes }: BalancesFromCcxtParameters): BalanceRecord[] {
  const records: BalanceRecord[] = [];
  for (const code of Object.keys(balance).sort()) {
    if (NON_CURRENCY_KEYS.has(code)) continue;
    const entry = balance[code] as unknown as { free?: unknown; used?: unknown; total?: unknown } | undefined;
    if (entry === undefined || entry === null || typeof entry !== 'object') continue;
    const total = ccxtDecimal(entry.total);
    const used = ccxtDecimal(entry.used) ?? '0';
    const free = ccxtDecimal(entry.free) ?? (total === null ? null : toDecimalString(dec(total).minus(used)));
    if (free === null) continue;
    if (dec(free).plus(used).isZero()) continue;
    records.push({ accountKey, asset: assetRefOf(code, fiatCodes), free, locked: used, asOf });
  }
  return records;
}
