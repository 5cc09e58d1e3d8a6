import { Decimal, dec, toDecimalString } from '@omnifolio/shared/money';
import type { BalanceRecord } from '@omnifolio/shared/schemas';
import { assetRefOf } from '../ccxt/asset-kind.js';
import { krakenAsset } from './kraken-assets.js';
import { isRecord, krakenUnreadable } from './kraken-raw.js';

/**
 * Kraken balances from Kraken's own strings.
 *
 * Spot, `POST /0/private/BalanceEx`: `{ "XXBT": { "balance": "1.2345", "hold_trade": "0.1" }, "DOT.S": { … }, … }`.
 * free = balance − hold_trade, locked = hold_trade (open orders). Codes with an Earn suffix
 * (`DOT.S`, `ETH.F`, `USDC.M`) are skipped here: the same funds are read, with their state,
 * from Earn/Allocations, and counting both would double them.
 *
 * Earn, `POST /0/private/Earn/Allocations` → `items[]`: `{ "native_asset": "DOT", "amount_allocated":
 * { "bonding": { "native": "…" }, "unbonding": { … }, "exit_queue": { … }, "total": { "native": "251.70104" } } }`.
 * Funds bonding, unbonding or in the exit queue cannot be withdrawn: locked; the rest of
 * `total` is free. Several strategies of one asset are added up.
 */

interface Context {
  asOf: string;
  fiatCodes: ReadonlySet<string>;
}

function summed(entries: Iterable<{ symbol: string; free: Decimal; locked: Decimal }>, accountKey: string, { asOf, fiatCodes }: Context): BalanceRecord[] {
  const sums = new Map<string, { free: Decimal; locked: Decimal }>();
  for (const e of entries) {
    const sum = sums.get(e.symbol) ?? { free: dec('0'), locked: dec('0') };
    sums.set(e.symbol, { free: sum.free.plus(e.free), locked: sum.locked.plus(e.locked) });
  }
  return [...sums.entries()]
    .filter(([, s]) => !s.free.plus(s.locked).isZero())
    .map(([symbol, s]) => ({ accountKey, asset: assetRefOf(symbol, fiatCodes), free: toDecimalString(s.free), locked: toDecimalString(s.locked), asOf }));
}

export function krakenSpotBalances(result: Record<string, unknown>, accountKey: string, context: Context): BalanceRecord[] {
  const entries = [];
  for (const [code, row] of Object.entries(result)) {
    if (!isRecord(row) || typeof row.balance !== 'string') throw krakenUnreadable(`the ${code} balance`);
    const asset = krakenAsset(code);
    if (asset.earnSuffix !== undefined) continue;
    const total = dec(row.balance);
    const hold = Decimal.min(total.abs(), dec(typeof row.hold_trade === 'string' && row.hold_trade !== '' ? row.hold_trade : '0'));
    entries.push({ symbol: asset.symbol, free: total.minus(hold), locked: hold });
  }
  return summed(entries, accountKey, context);
}

export function krakenEarnBalances(result: Record<string, unknown>, accountKey: string, context: Context): BalanceRecord[] {
  if (!Array.isArray(result.items)) throw krakenUnreadable('the Earn allocations');
  const native = (state: unknown): Decimal => (isRecord(state) && typeof state.native === 'string' && state.native !== '' ? dec(state.native) : dec('0'));
  return summed(
    result.items.map((item) => {
      if (!isRecord(item) || typeof item.native_asset !== 'string' || !isRecord(item.amount_allocated)) throw krakenUnreadable('an Earn allocation');
      const amounts = item.amount_allocated;
      const total = native(amounts.total);
      const locked = Decimal.min(total, native(amounts.bonding).plus(native(amounts.unbonding)).plus(native(amounts.exit_queue)));
      return { symbol: krakenAsset(item.native_asset).symbol, free: total.minus(locked), locked };
    }),
    accountKey,
    context,
  );
}
