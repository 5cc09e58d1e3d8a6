import { Decimal, dec, toDecimalString } from '@omnifolio/shared/money';
import type { BalanceRecord } from '@omnifolio/shared/schemas';
import { assetRefOf } from '../ccxt/asset-kind.js';
import { coinexAmount, coinexString, coinexUnreadable } from './coinex-raw.js';

/**
 * CoinEx balances from CoinEx's own strings.
 *
 * Spot and Financial, `GET /v2/assets/spot/balance`, `/v2/assets/financial/balance`:
 * `{ "ccy": "BTC", "available": "0.4215", "frozen": "0.02" }` → free = available, locked = frozen.
 *
 * Margin, `GET /v2/assets/margin/balance`, one isolated account per market:
 * `{ "margin_account": "ETHUSDT", "base_ccy": "ETH", "quote_ccy": "USDT", "available": { "base_ccy": "2", "quote_ccy": "500" },
 *    "frozen": {…}, "repaid": { "base_ccy": "0.8", … }, "interest": { "base_ccy": "0.0012", … } }`
 * `available` includes what was borrowed, so free = available − repaid (the loan) − interest, which
 * goes negative when more is owed than held; locked = frozen. Markets add up per currency.
 *
 * Futures, `GET /v2/assets/futures/balance`:
 * `{ "ccy": "USDT", "available": "3120.44", "frozen": "50", "margin": "2915.574", "unrealized_pnl": "451.965" }`.
 * The equity is available + frozen + margin + unrealized PnL; locked is what orders (frozen) and
 * positions (margin) hold, free the rest. Positions are read separately and not added again.
 */

interface Context {
  asOf: string;
  fiatCodes: ReadonlySet<string>;
}

const drop = (records: BalanceRecord[]) => records.filter((b) => !dec(b.free).plus(b.locked).isZero());

export function coinexWalletBalances(rows: readonly Record<string, unknown>[], accountKey: string, { asOf, fiatCodes }: Context): BalanceRecord[] {
  const what = 'a balance';
  return drop(
    rows.map((row) => ({
      accountKey,
      asset: assetRefOf(coinexString(row, 'ccy', what), fiatCodes),
      free: toDecimalString(coinexAmount(row, 'available', what)),
      locked: toDecimalString(coinexAmount(row, 'frozen', what)),
      asOf,
    })),
  );
}

export function coinexMarginBalances(rows: readonly Record<string, unknown>[], accountKey: string, { asOf, fiatCodes }: Context): BalanceRecord[] {
  const what = 'a margin account';
  const sums = new Map<string, { free: Decimal; locked: Decimal }>();
  for (const row of rows) {
    for (const side of ['base_ccy', 'quote_ccy'] as const) {
      const ccy = coinexString(row, side, what);
      const part = (key: string) => {
        const nested = row[key];
        if (nested === null || typeof nested !== 'object') throw coinexUnreadable(`${what}: ${key}`);
        return dec(coinexAmount(nested as Record<string, unknown>, side, `${what}: ${key}`));
      };
      const sum = sums.get(ccy) ?? { free: dec('0'), locked: dec('0') };
      sum.free = sum.free.plus(part('available')).minus(part('repaid')).minus(part('interest'));
      sum.locked = sum.locked.plus(part('frozen'));
      sums.set(ccy, sum);
    }
  }
  return drop(
    [...sums].map(([ccy, sum]) => ({
      accountKey,
      asset: assetRefOf(ccy, fiatCodes),
      free: toDecimalString(sum.free),
      locked: toDecimalString(sum.locked),
      asOf,
    })),
  );
}

export function coinexFuturesBalances(rows: readonly Record<string, unknown>[], accountKey: string, { asOf, fiatCodes }: Context): BalanceRecord[] {
  const what = 'the futures account';
  return drop(
    rows.map((row) => {
      const equity = ['available', 'frozen', 'margin', 'unrealized_pnl'].reduce((sum, key) => sum.plus(coinexAmount(row, key, what)), dec('0'));
      const held = dec(coinexAmount(row, 'frozen', what)).plus(coinexAmount(row, 'margin', what));
      const locked = Decimal.max(dec('0'), Decimal.min(held, equity));
      return {
        accountKey,
        asset: assetRefOf(coinexString(row, 'ccy', what), fiatCodes),
        free: toDecimalString(equity.minus(locked)),
        locked: toDecimalString(locked),
        asOf,
      };
    }),
  );
}
