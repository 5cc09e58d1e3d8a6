import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { PositionRecord } from '@omnifolio/shared/schemas';
import { bybitUnreadable } from './bybit-raw.js';

/**
 * Open derivatives positions from `GET /v5/position/list` (category `linear` per settle coin,
 * and `inverse`):
 * `{ "symbol": "LTCUSDT", "side": "Buy", "size": "1.2", "avgPrice": "64.59947917", "markPrice": "71.1",
 *    "unrealisedPnl": "7.800625", "leverage": "6", "liqPrice": "", "positionIM": "12.95542633",
 *    "positionBalance": "11.699649", "tradeMode": 0, … }`
 * Linear contracts are quoted in the coin: `size` is the size in base and one contract is one
 * coin; notional is size × mark price in the settle coin (USDT or USDC). Inverse contracts are
 * one USD each: `size` counts USD, the size in the coin is size ÷ mark price (18 places) and so
 * is the notional, in the coin, which is also the settle coin.
 *
 * Margin mode: a unified account sets it for the whole account (`GET /v5/account/info`
 * `marginMode`: ISOLATED_MARGIN, else cross); `tradeMode` 1 marks an isolated position on
 * classic accounts. Margin: `positionBalance` when isolated, `positionIM` (initial margin) when cross.
 * A row with `size` 0 (Bybit lists a symbol asked for by name even without a position) is skipped.
 *
 * Options (`category=option`, `BTC-25DEC26-100000-C`, unified accounts only): `size` is in the
 * underlying coin and prices are premiums in the settle coin, USDC, or USDT for symbols ending in
 * `-USDT`. The notional (underlying size × its price) is left null: the position list carries
 * no underlying price. A bought option has no leverage, liquidation price, margin or margin mode.
 */

const FIELDS = ['symbol', 'side', 'size', 'avgPrice', 'markPrice', 'unrealisedPnl', 'leverage', 'liqPrice', 'positionIM', 'positionBalance'] as const;
type RawPosition = Record<(typeof FIELDS)[number], string> & { tradeMode?: unknown };

export interface BybitPositionQuery {
  category: 'linear' | 'inverse' | 'option';
  /** The settle coin asked for (linear); inverse positions settle in their base coin, options in USDC or USDT. */
  settleCoin?: string;
  accountIsolated: boolean;
}

/** BTCUSD, BTCUSDH25 (inverse futures) → BTC. */
export function inverseBaseCoin(symbol: string): string | undefined {
  return /^([A-Z0-9]+?)USD(?:[A-Z]\d{2})?$/.exec(symbol)?.[1];
}

export function bybitPositions(rows: readonly unknown[], query: BybitPositionQuery, accountKey: string, asOf: string): PositionRecord[] {
  const readable = (row: unknown): row is RawPosition =>
    row !== null && typeof row === 'object' && FIELDS.every((k) => typeof (row as Record<string, unknown>)[k] === 'string');
  if (!rows.every(readable)) throw bybitUnreadable('the open positions');
  return (rows as RawPosition[])
    .filter((row) => row.size !== '' && !dec(row.size).isZero())
    .map((row) => {
      const size = dec(row.size).abs();
      const mark = row.markPrice === '' ? undefined : dec(row.markPrice);
      const inverse = query.category === 'inverse';
      const option = query.category === 'option';
      const settleAsset = inverse ? inverseBaseCoin(row.symbol) : option ? (row.symbol.endsWith('-USDT') ? 'USDT' : 'USDC') : query.settleCoin;
      if (settleAsset === undefined) throw bybitUnreadable(`the settle coin of ${row.symbol}`);
      const sizeInBase = inverse ? (mark === undefined || mark.isZero() ? undefined : size.div(mark).toDecimalPlaces(18)) : size;
      const notional = option || sizeInBase === undefined ? undefined : inverse ? sizeInBase : mark === undefined ? undefined : size.mul(mark);
      // A bought option has no margin, so no margin mode.
      const marginMode = option ? null : query.accountIsolated || String(row.tradeMode) === '1' ? 'isolated' : 'cross';
      const orNull = (value: string) => (value === '' ? null : toDecimalString(value));
      return {
        accountKey,
        symbol: row.symbol,
        side: row.side === 'Sell' ? 'short' : 'long',
        contracts: toDecimalString(size),
        sizeInBase: toDecimalString(sizeInBase ?? size),
        entryPrice: orNull(row.avgPrice),
        markPrice: orNull(row.markPrice),
        notional: notional === undefined ? null : toDecimalString(notional),
        unrealizedPnl: orNull(row.unrealisedPnl),
        leverage: orNull(row.leverage),
        liquidationPrice: orNull(row.liqPrice),
        marginMode,
        margin: orNull(marginMode === 'isolated' ? row.positionBalance : row.positionIM),
        settleAsset,
        asOf,
      } satisfies PositionRecord;
    });
}
