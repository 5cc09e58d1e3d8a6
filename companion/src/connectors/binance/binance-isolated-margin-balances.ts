import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { BalanceRecord } from '@omnifolio/shared/schemas';
import { assetRefOf } from '../ccxt/asset-kind.js';
import { unreadable } from './binance-raw.js';
import type { WalletBalancesContext } from './binance-wallet-balances.js';

/**
 * `GET /sapi/v1/margin/isolated/account` (weight 10, IP), Binance's documented body:
 * `{ "assets": [{ "symbol": "BTCUSDT",
 *      "baseAsset":  { "asset": "BTC",  "borrowed": "0.00000000", "free": "0.10000000", "interest": "0.00000000", "locked": "0.00000000", "netAsset": "0.10000000", … },
 *      "quoteAsset": { "asset": "USDT", "borrowed": "500.00000000", "free": "1200.00000000", "interest": "0.12500000", "locked": "0.00000000", "netAsset": "699.87500000", … },
 *      "isolatedCreated": true, "enabled": true, "marginLevel": "…", "liquidatePrice": "…", … }],
 *   "totalAssetOfBtc": "…", "totalLiabilityOfBtc": "…", "totalNetAssetOfBtc": "…" }`
 *
 * Every isolated pair holds its own base and quote, and a loan in one pair cannot be paid from
 * another; still, all pairs are one `isolated-margin` account here (balances are per account and
 * asset), an asset held in two pairs summed. As in cross margin, a loan is the user's debt: free is net
 * of `borrowed` and `interest`, negative when more is owed than held, and free + locked must equal
 * Binance's own `netAsset`.
 */
const SIDE_FIELDS = ['asset', 'borrowed', 'free', 'interest', 'locked', 'netAsset'] as const;
type IsolatedSide = Record<(typeof SIDE_FIELDS)[number], string>;

const isSide = (value: unknown): value is IsolatedSide =>
  value !== null && typeof value === 'object' && SIDE_FIELDS.every((key) => typeof (value as Record<string, unknown>)[key] === 'string');

const isPair = (value: unknown): value is { symbol: string; baseAsset: IsolatedSide; quoteAsset: IsolatedSide } =>
  value !== null &&
  typeof value === 'object' &&
  typeof (value as { symbol?: unknown }).symbol === 'string' &&
  isSide((value as { baseAsset?: unknown }).baseAsset) &&
  isSide((value as { quoteAsset?: unknown }).quoteAsset);

export function binanceIsolatedMarginBalances(body: unknown, { accountKey, asOf, fiatCodes }: WalletBalancesContext): BalanceRecord[] {
  const pairs = body !== null && typeof body === 'object' ? (body as { assets?: unknown }).assets : undefined;
  if (!Array.isArray(pairs) || !pairs.every(isPair)) throw unreadable('the isolated margin account');
  const amounts = new Map<string, { free: ReturnType<typeof dec>; locked: ReturnType<typeof dec> }>();
  for (const pair of pairs) {
    for (const side of [pair.baseAsset, pair.quoteAsset]) {
      const free = dec(side.free).minus(side.borrowed).minus(side.interest);
      const locked = dec(side.locked);
      if (!free.plus(locked).equals(dec(side.netAsset))) {
        throw unreadable(`the isolated margin ${pair.symbol} ${side.asset} amounts, which do not add up to their netAsset`);
      }
      const previous = amounts.get(side.asset);
      amounts.set(side.asset, previous === undefined ? { free, locked } : { free: previous.free.plus(free), locked: previous.locked.plus(locked) });
    }
  }
  const records: BalanceRecord[] = [];
  for (const [asset, { free, locked }] of amounts) {
    if (free.isZero() && locked.isZero()) continue;
    records.push({ accountKey, asset: assetRefOf(asset, fiatCodes), free: toDecimalString(free), locked: toDecimalString(locked), asOf });
  }
  return records;
}
