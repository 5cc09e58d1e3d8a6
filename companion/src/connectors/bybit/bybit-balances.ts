import { Decimal, dec, toDecimalString } from '@omnifolio/shared/money';
import type { BalanceRecord } from '@omnifolio/shared/schemas';
import { assetRefOf } from '../ccxt/asset-kind.js';
import { bybitUnreadable, hasStrings } from './bybit-raw.js';

/**
 * Bybit balances from Bybit's own strings.
 *
 * Unified trading account, `GET /v5/account/wallet-balance?accountType=UNIFIED` →
 * `result.list[0].coin[]`:
 * `{ "coin": "USDT", "walletBalance": "3322.25896609", "equity": "3304.29766609", "locked": "42",
 *    "totalOrderIM": "0", "totalPositionIM": "50.61831144", "borrowAmount": "0", "unrealisedPnl": "-17.9613", … }`
 * The total is the coin's equity, `walletBalance` + `unrealisedPnl`: the wallet balance is
 * negative when the coin is borrowed (Bybit's liability shows beside `borrowAmount`), and the
 * open positions' unrealized PnL belongs to what the account is worth, as every other futures
 * wallet here counts it (ccxt's `total` is `walletBalance` alone, which would leave a losing
 * position's loss out of the user's total). Locked is what spot orders hold
 * (`locked`) plus the initial margin of orders and positions (`totalOrderIM`, `totalPositionIM`),
 * at most the total; free is the rest. These are ccxt's definitions, computed exactly: ccxt
 * parses them into floats.
 *
 * Funding account, `GET /v5/asset/transfer/query-account-coins-balance?accountType=FUND` →
 * `result.balance[]`: `{ "coin": "USDT", "walletBalance": "1250.75", "transferBalance": "1200.75" }`;
 * free is what can be transferred, locked the rest (P2P and OTC holds).
 *
 * Earn, `GET /v5/earn/position?category=FlexibleSaving|OnChain` → `result.list[]`:
 * `{ "coin": "SOL", "productId": "2002", "amount": "100", "claimableYield": "0", … }`. Flexible
 * savings can be redeemed at any time (free); on-chain staking is locked until redeemed.
 * Yield not yet claimed is not counted: Bybit pays it into the position, then it is `amount`.
 */

interface Context {
  accountKey: string;
  asOf: string;
  fiatCodes: ReadonlySet<string>;
}

const nonZero = (b: BalanceRecord) => !dec(b.free).plus(b.locked).isZero();
const orZero = (value: string | undefined) => dec(value === undefined || value === '' ? '0' : value);

export function bybitUnifiedBalances(result: Record<string, unknown>, { accountKey, asOf, fiatCodes }: Context): BalanceRecord[] {
  const list = result.list;
  const coins = Array.isArray(list) ? (list[0] as { coin?: unknown } | undefined)?.coin : undefined;
  if (!Array.isArray(coins) || !coins.every((row) => hasStrings(row, ['coin', 'walletBalance']))) throw bybitUnreadable('the unified trading account balances');
  return (coins as Record<string, string>[]).map((row) => bybitUnifiedCoinBalance(row, { accountKey, asOf, fiatCodes })).filter(nonZero);
}

/**
 * One coin row of the unified account, zero or not. The private stream's `wallet` event carries
 * the same rows as the REST answer (bybit-live.ts), so both read them here.
 */
export function bybitUnifiedCoinBalance(row: Record<string, string | undefined>, { accountKey, asOf, fiatCodes }: Context): BalanceRecord {
  const total = dec(row.walletBalance as string).plus(orZero(row.unrealisedPnl));
  const used = orZero(row.locked).plus(orZero(row.totalOrderIM)).plus(orZero(row.totalPositionIM));
  const locked = total.isPositive() && !total.isZero() ? Decimal.min(Decimal.max(used, dec('0')), total) : dec('0');
  return {
    accountKey,
    asset: assetRefOf(row.coin as string, fiatCodes),
    free: toDecimalString(total.minus(locked)),
    locked: toDecimalString(locked),
    asOf,
  };
}

export function bybitFundingBalances(result: Record<string, unknown>, { accountKey, asOf, fiatCodes }: Context): BalanceRecord[] {
  const rows = result.balance;
  if (!Array.isArray(rows) || !rows.every((row) => hasStrings(row, ['coin', 'walletBalance', 'transferBalance'])))
    throw bybitUnreadable('the funding account balances');
  return (rows as Record<string, string>[])
    .map((row) => {
      const total = dec(row.walletBalance as string);
      const free = Decimal.min(Decimal.max(dec(row.transferBalance as string), dec('0')), Decimal.max(total, dec('0')));
      return { accountKey, asset: assetRefOf(row.coin as string, fiatCodes), free: toDecimalString(free), locked: toDecimalString(total.minus(free)), asOf };
    })
    .filter(nonZero);
}

/** Flexible savings as free, on-chain staking as locked, one balance per coin. */
export function bybitEarnBalances(
  flexible: readonly Record<string, unknown>[],
  onChain: readonly Record<string, unknown>[],
  { accountKey, asOf, fiatCodes }: Context,
): BalanceRecord[] {
  const byCoin = new Map<string, { free: Decimal; locked: Decimal }>();
  const add = (rows: readonly Record<string, unknown>[], bucket: 'free' | 'locked') => {
    for (const row of rows) {
      if (!hasStrings(row, ['coin', 'amount'])) throw bybitUnreadable('the Earn positions');
      const entry = byCoin.get(row.coin) ?? { free: dec('0'), locked: dec('0') };
      entry[bucket] = entry[bucket].plus(dec(row.amount));
      byCoin.set(row.coin, entry);
    }
  };
  add(flexible, 'free');
  add(onChain, 'locked');
  return [...byCoin]
    .map(([coin, { free, locked }]) => ({ accountKey, asset: assetRefOf(coin, fiatCodes), free: toDecimalString(free), locked: toDecimalString(locked), asOf }))
    .filter(nonZero);
}
