import { Decimal, dec, toDecimalString } from '@omnifolio/shared/money';
import type { BalanceRecord } from '@omnifolio/shared/schemas';
import { assetRefOf } from '../ccxt/asset-kind.js';
import { kucoinAssetCode, kucoinDecimal, kucoinUnreadable } from './kucoin-raw.js';

/**
 * KuCoin balances from KuCoin's own numbers, one account per wallet and no amount counted twice.
 *
 * Funding (`main`) and Trading (`trade`) accounts, `GET /api/v1/accounts`:
 * `{ "currency": "BTC", "type": "trade", "balance": "0.42", "available": "0.32", "holds": "0.1" }`;
 * free = balance − holds, locked = holds. The same list has `type: "margin"` rows; those are read
 * from the cross-margin endpoint instead, which also says what is owed.
 *
 * Cross margin, `GET /api/v3/margin/accounts` → `data.accounts[]`:
 * `{ "currency": "USDT", "total": "1500", "available": "1500", "hold": "0", "liability": "500.25" }`;
 * the balance is what is held minus what is owed: free = total − hold − liability (negative when
 * more is borrowed than held), locked = hold.
 *
 * Isolated margin, `GET /api/v3/isolated/accounts` → `data.assets[]`, one per pair:
 * `{ "symbol": "ETH-USDT", "status": "EFFECTIVE", "baseAsset": { "currency": "ETH", "total": "2", "available": "2",
 *    "hold": "0", "liability": "0", … }, "quoteAsset": { "currency": "USDT", "total": "900", "hold": "0",
 *    "liability": "600.18", … } }`; each side as cross margin (total − hold − liability), summed per coin
 * over all pairs, so every pair's loan stays visible.
 *
 * Futures, `GET /api/v1/account-overview?currency=USDT` (futures host), JSON numbers:
 * `{ "accountEquity": 5230.75, "unrealisedPNL": 180.495, "positionMargin": 677.4285, "orderMargin": 0,
 *    "frozenFunds": 0, "availableBalance": 4553.3215, "currency": "USDT" }`;
 * total = accountEquity (it includes the positions' unrealized PnL, which the positions show beside
 * it), locked = positionMargin + orderMargin + frozenFunds, free = the rest. XBT is reported as BTC.
 *
 * Unified Trading Account (UTA), `GET /api/ua/v1/unified/account/balance` → `data.accounts[0].currencies[]`:
 * `{ "currency": "USDT", "equity": "97.99", "hold": "0", "balance": "97.99", "available": "97.99", "liability": "0" }`;
 * the account that replaces Trading, cross margin and futures once a user upgrades. `equity` is what the
 * currency is worth to the user (balance less liability, with futures' unrealized PnL), so a currency
 * borrowed beyond what is held is negative; locked = hold, free = equity − hold.
 *
 * Earn, `GET /api/v1/earn/hold-assets` → `data.items[]`:
 * `{ "currency": "ETH", "productType": "TIME", "holdAmount": "2", "redeemingAmount": "0", … }`; subscribed
 * funds leave the Funding account, so nothing here is counted twice. Flexible holdings (DEMAND) are
 * free, fixed-term ones (TIME) locked, and amounts being redeemed are locked until they arrive.
 */

interface Context {
  asOf: string;
  fiatCodes: ReadonlySet<string>;
}

const nonZero = (b: BalanceRecord) => !dec(b.free).plus(b.locked).isZero();

export function kucoinSpotBalances(data: unknown, accountKeyOf: (type: string) => string | undefined, { asOf, fiatCodes }: Context): BalanceRecord[] {
  if (!Array.isArray(data)) throw kucoinUnreadable('the account list');
  const byKey = new Map<string, { accountKey: string; currency: string; total: Decimal; holds: Decimal }>();
  for (const row of data as Record<string, unknown>[]) {
    if (typeof row?.currency !== 'string' || typeof row.type !== 'string') throw kucoinUnreadable('the account list');
    const accountKey = accountKeyOf(row.type);
    if (accountKey === undefined) continue;
    const key = `${accountKey}/${row.currency}`;
    const entry = byKey.get(key) ?? { accountKey, currency: row.currency, total: dec('0'), holds: dec('0') };
    entry.total = entry.total.plus(kucoinDecimal(row.balance, 'an account balance'));
    entry.holds = entry.holds.plus(kucoinDecimal(row.holds, 'an account hold'));
    byKey.set(key, entry);
  }
  return [...byKey.values()]
    .map(({ accountKey, currency, total, holds }) => ({
      accountKey,
      asset: assetRefOf(currency, fiatCodes),
      free: toDecimalString(total.minus(holds)),
      locked: toDecimalString(holds),
      asOf,
    }))
    .filter(nonZero);
}

export function kucoinCrossMarginBalances(data: unknown, accountKey: string, { asOf, fiatCodes }: Context): BalanceRecord[] {
  const accounts = (data as { accounts?: unknown } | null)?.accounts;
  if (!Array.isArray(accounts)) throw kucoinUnreadable('the cross margin account');
  return (accounts as Record<string, unknown>[])
    .map((row) => {
      if (typeof row?.currency !== 'string') throw kucoinUnreadable('the cross margin account');
      const total = dec(kucoinDecimal(row.total, 'a margin total'));
      const hold = Decimal.max(dec('0'), dec(kucoinDecimal(row.hold, 'a margin hold')));
      const liability = dec(kucoinDecimal(row.liability, 'a margin liability'));
      return {
        accountKey,
        asset: assetRefOf(row.currency, fiatCodes),
        free: toDecimalString(total.minus(hold).minus(liability)),
        locked: toDecimalString(hold),
        asOf,
      };
    })
    .filter(nonZero);
}

export function kucoinIsolatedMarginBalances(data: unknown, accountKey: string, { asOf, fiatCodes }: Context): BalanceRecord[] {
  const assets = (data as { assets?: unknown } | null)?.assets;
  if (!Array.isArray(assets)) throw kucoinUnreadable('the isolated margin accounts');
  const byCurrency = new Map<string, { free: Decimal; locked: Decimal }>();
  for (const pair of assets as Record<string, unknown>[]) {
    for (const side of [pair?.baseAsset, pair?.quoteAsset] as (Record<string, unknown> | undefined)[]) {
      if (typeof side?.currency !== 'string') throw kucoinUnreadable('the isolated margin accounts');
      const hold = Decimal.max(dec('0'), dec(kucoinDecimal(side.hold, 'an isolated margin hold')));
      const free = dec(kucoinDecimal(side.total, 'an isolated margin total')).minus(hold).minus(kucoinDecimal(side.liability, 'an isolated margin liability'));
      const entry = byCurrency.get(side.currency) ?? { free: dec('0'), locked: dec('0') };
      byCurrency.set(side.currency, { free: entry.free.plus(free), locked: entry.locked.plus(hold) });
    }
  }
  return [...byCurrency.entries()]
    .map(([currency, { free, locked }]) => ({
      accountKey,
      asset: assetRefOf(currency, fiatCodes),
      free: toDecimalString(free),
      locked: toDecimalString(locked),
      asOf,
    }))
    .filter(nonZero);
}

export function kucoinFuturesBalance(data: unknown, accountKey: string, { asOf, fiatCodes }: Context): BalanceRecord | undefined {
  const row = data as Record<string, unknown> | null;
  if (row === null || typeof row !== 'object' || typeof row.currency !== 'string') throw kucoinUnreadable('the futures account overview');
  const equity = dec(kucoinDecimal(row.accountEquity, 'the futures equity'));
  const locked = ['positionMargin', 'orderMargin', 'frozenFunds'].reduce(
    (total, field) => total.plus(kucoinDecimal(row[field], `the futures ${field}`)),
    dec('0'),
  );
  const balance = {
    accountKey,
    asset: assetRefOf(kucoinAssetCode(row.currency), fiatCodes),
    free: toDecimalString(equity.minus(locked)),
    locked: toDecimalString(locked),
    asOf,
  };
  return nonZero(balance) ? balance : undefined;
}

export function kucoinEarnBalances(items: readonly Record<string, unknown>[], accountKey: string, { asOf, fiatCodes }: Context): BalanceRecord[] {
  const byCurrency = new Map<string, { free: Decimal; locked: Decimal }>();
  for (const row of items) {
    if (typeof row?.currency !== 'string' || (row.productType !== 'DEMAND' && row.productType !== 'TIME')) throw kucoinUnreadable('an Earn holding');
    const entry = byCurrency.get(row.currency) ?? { free: dec('0'), locked: dec('0') };
    const held = dec(kucoinDecimal(row.holdAmount, 'an Earn holding'));
    if (row.productType === 'DEMAND') entry.free = entry.free.plus(held);
    else entry.locked = entry.locked.plus(held);
    entry.locked = entry.locked.plus(kucoinDecimal(row.redeemingAmount ?? '0', 'an Earn redemption'));
    byCurrency.set(row.currency, entry);
  }
  return [...byCurrency.entries()]
    .map(([currency, { free, locked }]) => ({
      accountKey,
      asset: assetRefOf(currency, fiatCodes),
      free: toDecimalString(free),
      locked: toDecimalString(locked),
      asOf,
    }))
    .filter(nonZero);
}

export function kucoinUnifiedBalances(data: unknown, accountKey: string, { asOf, fiatCodes }: Context): BalanceRecord[] {
  const accounts = (data as { accounts?: unknown } | null)?.accounts;
  if (!Array.isArray(accounts)) throw kucoinUnreadable('the unified account');
  const currencies = (accounts[0] as { currencies?: unknown } | undefined)?.currencies ?? [];
  if (!Array.isArray(currencies)) throw kucoinUnreadable('the unified account');
  return (currencies as Record<string, unknown>[])
    .map((row) => {
      if (typeof row?.currency !== 'string') throw kucoinUnreadable('the unified account');
      const equity = dec(kucoinDecimal(row.equity, 'a unified equity'));
      const hold = dec(kucoinDecimal(row.hold, 'a unified hold'));
      return {
        accountKey,
        asset: assetRefOf(kucoinAssetCode(row.currency), fiatCodes),
        free: toDecimalString(equity.minus(hold)),
        locked: toDecimalString(hold),
        asOf,
      } satisfies BalanceRecord;
    })
    .filter(nonZero);
}
