import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { PositionRecord } from '@omnifolio/shared/schemas';
import { unreadable } from './binance-raw.js';

/**
 * Open futures positions from Binance's raw `positionRisk` rows. Binance lists every symbol the
 * account ever configured, most with `positionAmt: "0"`; only open ones become records.
 *
 * USDⓈ-M, `GET /fapi/v2/positionRisk` (v2 rather than v3: v3 dropped `leverage` and `marginType`):
 * `{ "symbol": "BTCUSDT", "positionAmt": "0.009", "entryPrice": "67445.9", "markPrice": "67502.68519858",
 *    "unRealizedProfit": "0.51106678", "liquidationPrice": "64846.98753790", "leverage": "20",
 *    "marginType": "cross", "isolatedMargin": "0.00000000", "isolatedWallet": "0", "notional": "607.52416678",
 *    "positionSide": "BOTH", "updateTime": 1722161166529 }`
 * Contracts are base units (BTC), so size in base equals the contracts; notional and PnL are in
 * the margin asset (USDT).
 *
 * COIN-M, `GET /dapi/v1/positionRisk`:
 * `{ "symbol": "BTCUSD_PERP", "positionAmt": "-3", "entryPrice": "68911.00000037", "markPrice": "68234.20000000",
 *    "unRealizedProfit": "0.00004318", "liquidationPrice": "72491.16879818", "leverage": "20", "marginType": "cross",
 *    "isolatedMargin": "0.00000000", "isolatedWallet": "0", "notionalValue": "-0.00439662", "positionSide": "BOTH", … }`
 * Contracts are USD amounts (100 USD for BTC, 10 for others); `notionalValue` is the exposure in
 * the coin itself at the mark price, which is the size in base. Notional and PnL are in the coin.
 */

export type BinanceFuturesKind = 'usdm' | 'coinm';

export interface BinancePositionsParameters {
  kind: BinanceFuturesKind;
  rows: unknown;
  accountKey: string;
  asOf: string;
}

const COMMON_FIELDS = [
  'symbol',
  'positionAmt',
  'entryPrice',
  'markPrice',
  'unRealizedProfit',
  'liquidationPrice',
  'leverage',
  'marginType',
  'positionSide',
] as const;
type RawPosition = Record<(typeof COMMON_FIELDS)[number], string> & {
  notional?: string;
  notionalValue?: string;
  isolatedMargin?: string;
  isolatedWallet?: string;
  marginAsset?: string;
};

/** USDⓈ-M margin assets, longest first so "FDUSD" is not read as "USD". */
const USDM_MARGIN_ASSETS = ['FDUSD', 'USDT', 'USDC', 'BUSD'];

export function binancePositions({ kind, rows, accountKey, asOf }: BinancePositionsParameters): PositionRecord[] {
  const notionalField = kind === 'usdm' ? 'notional' : 'notionalValue';
  const readable = (row: unknown): row is RawPosition =>
    row !== null && typeof row === 'object' && [...COMMON_FIELDS, notionalField].every((key) => typeof (row as Record<string, unknown>)[key] === 'string');
  if (!Array.isArray(rows) || !rows.every(readable)) throw unreadable(kind === 'usdm' ? 'the USDⓈ-M positions' : 'the COIN-M positions');

  return rows
    .filter((row) => !dec(row.positionAmt).isZero())
    .map((row) => {
      const amount = dec(row.positionAmt);
      const notional = dec(row[notionalField] as string).abs();
      const leverage = dec(row.leverage);
      const marginMode = row.marginType.toLowerCase() === 'isolated' ? 'isolated' : 'cross';
      // Isolated: the margin put into the position (`isolatedWallet`; `isolatedMargin` adds the PnL).
      // Cross: Binance's initial margin, notional at mark price over leverage.
      const margin =
        marginMode === 'isolated' ? (row.isolatedWallet ?? row.isolatedMargin ?? null) : leverage.isZero() ? null : toDecimalString(notional.div(leverage));
      return {
        accountKey,
        symbol: row.symbol,
        side: sideOf(row.positionSide, amount.isNegative()),
        contracts: toDecimalString(amount.abs()),
        sizeInBase: toDecimalString(kind === 'usdm' ? amount.abs() : notional),
        entryPrice: priceOrNull(row.entryPrice),
        markPrice: priceOrNull(row.markPrice),
        notional: toDecimalString(notional),
        unrealizedPnl: toDecimalString(row.unRealizedProfit),
        leverage: leverage.isZero() ? null : toDecimalString(leverage),
        liquidationPrice: priceOrNull(row.liquidationPrice),
        marginMode,
        margin: margin === null ? null : toDecimalString(margin),
        settleAsset: kind === 'usdm' ? (row.marginAsset ?? usdmMarginAsset(row.symbol)) : coinmSettleAsset(row.symbol),
        asOf,
      } satisfies PositionRecord;
    });
}

/** Hedge mode names the side; one-way mode (`BOTH`) gives it by the sign of the amount. */
function sideOf(positionSide: string, negative: boolean): 'long' | 'short' {
  if (positionSide === 'LONG') return 'long';
  if (positionSide === 'SHORT') return 'short';
  return negative ? 'short' : 'long';
}

/** Binance writes "0" where there is no price (no liquidation for a well-covered position). */
function priceOrNull(value: string): string | null {
  const price = dec(value);
  return price.isZero() ? null : toDecimalString(price);
}

/** "BTCUSDT", "ETHUSDC", "BTCUSDT_250328" → the quote, which is the margin asset of a USDⓈ-M contract. */
function usdmMarginAsset(symbol: string): string | null {
  const pair = symbol.split('_')[0] ?? symbol;
  return USDM_MARGIN_ASSETS.find((asset) => pair.endsWith(asset)) ?? null;
}

/** "BTCUSD_PERP", "ETHUSD_250328" → the coin that margins and settles a COIN-M contract. */
function coinmSettleAsset(symbol: string): string | null {
  const match = /^([A-Z0-9]+?)USD_/.exec(symbol);
  return match?.[1] ?? null;
}
