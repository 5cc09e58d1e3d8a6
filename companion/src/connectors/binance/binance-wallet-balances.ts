import { Decimal, dec, toDecimalString } from '@omnifolio/shared/money';
import type { BalanceRecord } from '@omnifolio/shared/schemas';
import { assetRefOf } from '../ccxt/asset-kind.js';
import { unreadable } from './binance-raw.js';

/**
 * Binance's wallets other than spot, from their raw strings, as balances. Each wallet is its
 * own account (binance-accounts.ts). Raw samples sit above each mapper; the shapes are those
 * of Binance's documentation and binance-connector-js's mock responses.
 */

export interface WalletBalancesContext {
  accountKey: string;
  asOf: string;
  fiatCodes: ReadonlySet<string>;
}

interface Amounts {
  free: Decimal;
  locked: Decimal;
}

/** Sums per asset (a wallet may list an asset twice, e.g. two locked Earn products) and drops zeros. */
function toRecords(amounts: Iterable<[string, Amounts]>, { accountKey, asOf, fiatCodes }: WalletBalancesContext): BalanceRecord[] {
  const records: BalanceRecord[] = [];
  for (const [asset, { free, locked }] of amounts) {
    if (free.isZero() && locked.isZero()) continue;
    records.push({ accountKey, asset: assetRefOf(asset, fiatCodes), free: toDecimalString(free), locked: toDecimalString(locked), asOf });
  }
  return records;
}

function accumulate(into: Map<string, Amounts>, asset: string, free: Decimal, locked: Decimal): void {
  const previous = into.get(asset);
  into.set(asset, previous === undefined ? { free, locked } : { free: previous.free.plus(free), locked: previous.locked.plus(locked) });
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const hasStrings = (value: unknown, keys: readonly string[]): value is Record<string, string> =>
  isRecord(value) && keys.every((key) => typeof value[key] === 'string');

/**
 * `POST /sapi/v1/asset/get-funding-asset`:
 * `[{ "asset": "USDT", "free": "1", "locked": "0", "freeze": "0", "withdrawing": "0", "btcValuation": "0.00000091" }]`
 * `locked` (P2P and Pay orders), `freeze` and `withdrawing` are all still the user's, just not spendable.
 */
export function binanceFundingBalances(body: unknown, context: WalletBalancesContext): BalanceRecord[] {
  const fields = ['asset', 'free', 'locked', 'freeze', 'withdrawing'] as const;
  if (!Array.isArray(body) || !body.every((row) => hasStrings(row, fields))) throw unreadable('the funding wallet');
  const amounts = new Map<string, Amounts>();
  for (const row of body as Record<(typeof fields)[number], string>[]) {
    accumulate(amounts, row.asset, dec(row.free), dec(row.locked).plus(row.freeze).plus(row.withdrawing));
  }
  return toRecords(amounts, context);
}

/**
 * `GET /sapi/v1/margin/account` (cross margin):
 * `{ "userAssets": [{ "asset": "BTC", "borrowed": "0.00000000", "free": "0.00499500", "interest": "0.00000000",
 *    "locked": "0.00000000", "netAsset": "0.00499500" }], … }`
 * A loan is the user's debt: free is reported net of `borrowed` and accrued `interest`, so it goes
 * negative when more is owed than held. free + locked equals Binance's own `netAsset`.
 */
export function binanceCrossMarginBalances(body: unknown, context: WalletBalancesContext): BalanceRecord[] {
  const fields = ['asset', 'borrowed', 'free', 'interest', 'locked', 'netAsset'] as const;
  const userAssets = isRecord(body) ? body.userAssets : undefined;
  if (!Array.isArray(userAssets) || !userAssets.every((row) => hasStrings(row, fields))) throw unreadable('the cross margin account');
  const amounts = new Map<string, Amounts>();
  for (const row of userAssets as Record<(typeof fields)[number], string>[]) {
    const free = dec(row.free).minus(row.borrowed).minus(row.interest);
    const locked = dec(row.locked);
    if (!free.plus(locked).equals(dec(row.netAsset))) throw unreadable(`the cross margin ${row.asset} amounts, which do not add up to their netAsset`);
    accumulate(amounts, row.asset, free, locked);
  }
  return toRecords(amounts, context);
}

/**
 * `GET /fapi/v2/account` (USDⓈ-M) and `GET /dapi/v1/account` (COIN-M), `assets[]`:
 * `{ "asset": "USDT", "walletBalance": "23.72469206", "unrealizedProfit": "0.00000000",
 *    "marginBalance": "23.72469206", "initialMargin": "0.00000000", … }`
 * The balance is the wallet's equity, `marginBalance` = wallet balance + unrealized PnL of its
 * open positions: what the wallet is worth if the positions were closed at the mark price. The
 * positions themselves are reported apart (binance-positions.ts) and never added to the total
 * again. `initialMargin` is what open positions and orders hold, reported as locked.
 */
export function binanceFuturesWalletBalances(body: unknown, context: WalletBalancesContext): BalanceRecord[] {
  const fields = ['asset', 'walletBalance', 'unrealizedProfit', 'marginBalance', 'initialMargin'] as const;
  const assets = isRecord(body) ? body.assets : undefined;
  if (!Array.isArray(assets) || !assets.every((row) => hasStrings(row, fields))) throw unreadable('the futures wallet');
  const amounts = new Map<string, Amounts>();
  for (const row of assets as Record<(typeof fields)[number], string>[]) {
    const equity = dec(row.marginBalance);
    // Margin held can exceed equity when a position is under water; what is locked never exceeds what is there.
    const locked = Decimal.max(dec('0'), Decimal.min(dec(row.initialMargin), equity));
    accumulate(amounts, row.asset, equity.minus(locked), locked);
  }
  return toRecords(amounts, context);
}

/**
 * `GET /sapi/v1/simple-earn/flexible/position` rows: `{ "asset": "USDT", "totalAmount": "75.46000000", … }`
 * `GET /sapi/v1/simple-earn/locked/position` rows: `{ "asset": "AXS", "amount": "122.09202928", "status": "HOLDING", … }`
 * Flexible savings can be redeemed at once (free); locked products only at their end (locked).
 */
export function binanceEarnBalances(flexibleRows: readonly unknown[], lockedRows: readonly unknown[], context: WalletBalancesContext): BalanceRecord[] {
  if (!flexibleRows.every((row) => hasStrings(row, ['asset', 'totalAmount']))) throw unreadable('the Simple Earn flexible positions');
  if (!lockedRows.every((row) => hasStrings(row, ['asset', 'amount']))) throw unreadable('the Simple Earn locked positions');
  const amounts = new Map<string, Amounts>();
  for (const row of flexibleRows as Record<'asset' | 'totalAmount', string>[]) accumulate(amounts, row.asset, dec(row.totalAmount), dec('0'));
  for (const row of lockedRows as Record<'asset' | 'amount', string>[]) accumulate(amounts, row.asset, dec('0'), dec(row.amount));
  return toRecords(amounts, context);
}
