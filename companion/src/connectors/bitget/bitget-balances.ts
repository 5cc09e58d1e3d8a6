import { Decimal, dec, toDecimalString } from '@omnifolio/shared/money';
import type { BalanceRecord } from '@omnifolio/shared/schemas';
import { assetRefOf } from '../ccxt/asset-kind.js';
import { type BitgetRow, bitgetAmount, bitgetRows, bitgetText } from './bitget-raw.js';

/**
 * Bitget balances from Bitget's own strings, one account per wallet.
 *
 * Spot, `GET /api/v2/spot/account/assets`: `{ "coin": "BTC", "available": "0.85", "frozen": "0.05", "locked": "0" }`;
 * `frozen` is in open orders and `locked` held for other reasons (fiat merchant, launchpad): free =
 * available, locked = frozen + locked.
 * Funding, `GET /api/v2/account/funding-assets`: `{ "coin": "USDT", "available": "3000", "frozen": "0" }`.
 * Cross margin, `GET /api/v2/margin/crossed/account/assets`: `{ "coin": "USDT", "totalAmount": "2000",
 * "frozen": "0", "borrow": "600", "interest": "0.35", "net": "1399.65" }`; free = totalAmount − frozen −
 * borrow − interest (negative when more is owed than held), locked = frozen, so free + locked = net.
 * Isolated margin, `GET /api/v2/margin/isolated/account/assets`: the same fields per pair (`"symbol": "ETHUSDT"`);
 * one account for every pair, so a coin held in two pairs is summed (each pair's loan is its own, and
 * summing the nets keeps every loan visible as a smaller or negative balance).
 * Savings, `GET /api/v2/earn/savings/assets?periodType=flexible|fixed`: `{ "productCoin": "USDT", "holdAmount":
 * "1000", "periodType": "flexible", … }` per subscription; flexible savings can be redeemed at any time (free),
 * fixed ones are locked until they mature. The coins left the spot account when subscribed, so they are
 * counted here only.
 * Futures, `GET /api/v2/mix/account/accounts?productType=…`: `{ "marginCoin": "USDT", "accountEquity":
 * "8310.25", "locked": "0", "crossedMargin": "1804.002", "isolatedMargin": "934.572", "unrealizedPL": … }`;
 * total = accountEquity (it includes unrealized PnL, which the positions show beside it), locked =
 * order margin (`locked`) + position margin (crossed and isolated), free = the rest.
 */

interface Context {
  accountKey: string;
  asOf: string;
  fiatCodes: ReadonlySet<string>;
}

const nonZero = (b: BalanceRecord) => !dec(b.free).plus(b.locked).isZero();
const record = (coin: string, free: Decimal, locked: Decimal, { accountKey, asOf, fiatCodes }: Context): BalanceRecord => ({
  accountKey,
  asset: assetRefOf(coin, fiatCodes),
  free: toDecimalString(free),
  locked: toDecimalString(locked),
  asOf,
});

export function bitgetSpotBalances(data: unknown, context: Context): BalanceRecord[] {
  return bitgetRows(data, 'the spot assets')
    .map((row) => {
      const what = 'the spot assets';
      return record(
        bitgetText(row, 'coin', what),
        bitgetAmount(row, 'available', what),
        bitgetAmount(row, 'frozen', what).plus(bitgetAmount(row, 'locked', what)),
        context,
      );
    })
    .filter(nonZero);
}

export function bitgetFundingBalances(data: unknown, context: Context): BalanceRecord[] {
  return bitgetRows(data, 'the funding assets')
    .map((row) =>
      record(
        bitgetText(row, 'coin', 'the funding assets'),
        bitgetAmount(row, 'available', 'a funding amount'),
        bitgetAmount(row, 'frozen', 'a funding amount'),
        context,
      ),
    )
    .filter(nonZero);
}

const marginRecord = (row: BitgetRow, what: string, context: Context): BalanceRecord => {
  const frozen = Decimal.max(dec('0'), bitgetAmount(row, 'frozen', what));
  const free = bitgetAmount(row, 'totalAmount', what)
    .minus(frozen)
    .minus(bitgetAmount(row, 'borrow', what))
    .minus(bitgetAmount(row, 'interest', what));
  return record(bitgetText(row, 'coin', what), free, frozen, context);
};

export function bitgetCrossMarginBalances(data: unknown, context: Context): BalanceRecord[] {
  return bitgetRows(data, 'the cross margin assets')
    .map((row) => marginRecord(row, 'the cross margin assets', context))
    .filter(nonZero);
}

/** Sums records of the same coin (several isolated pairs, several savings subscriptions). */
const summedByCoin = (records: BalanceRecord[]): BalanceRecord[] => {
  const byCoin = new Map<string, BalanceRecord>();
  for (const r of records) {
    const seen = byCoin.get(r.asset.symbol);
    byCoin.set(
      r.asset.symbol,
      seen === undefined ? r : { ...seen, free: toDecimalString(dec(seen.free).plus(r.free)), locked: toDecimalString(dec(seen.locked).plus(r.locked)) },
    );
  }
  return [...byCoin.values()];
};

export function bitgetIsolatedMarginBalances(data: unknown, context: Context): BalanceRecord[] {
  return summedByCoin(bitgetRows(data, 'the isolated margin assets').map((row) => marginRecord(row, 'the isolated margin assets', context))).filter(nonZero);
}

/** Savings subscriptions of both period types: flexible ones free, fixed ones locked until they mature. */
export function bitgetSavingsBalances(rows: readonly BitgetRow[], context: Context): BalanceRecord[] {
  const what = 'the savings assets';
  return summedByCoin(
    rows.map((row) => {
      const held = bitgetAmount(row, 'holdAmount', what);
      const flexible = bitgetText(row, 'periodType', what) === 'flexible';
      return record(bitgetText(row, 'productCoin', what), flexible ? held : dec('0'), flexible ? dec('0') : held, context);
    }),
  ).filter(nonZero);
}

export function bitgetFuturesBalances(data: unknown, context: Context): BalanceRecord[] {
  return bitgetRows(data, 'the futures accounts')
    .map((row) => {
      const what = 'the futures accounts';
      const equity = bitgetAmount(row, 'accountEquity', what);
      const margin = bitgetAmount(row, 'locked', what)
        .plus(bitgetAmount(row, 'crossedMargin', what))
        .plus(bitgetAmount(row, 'isolatedMargin', what));
      const locked = Decimal.max(dec('0'), Decimal.min(margin, equity));
      return record(bitgetText(row, 'marginCoin', what), equity.minus(locked), locked, context);
    })
    .filter(nonZero);
}
