import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { PositionRecord } from '@omnifolio/shared/schemas';
import { okxUnreadable } from './okx-raw.js';

/**
 * Open derivatives positions from `GET /api/v5/account/positions`:
 * `{ "instId": "LTC-USDT-SWAP", "instType": "SWAP", "pos": "2", "posSide": "long", "avgPx": "82.675",
 *    "markPx": "101.33", "upl": "0.03731", "lever": "10", "liqPx": "", "mgnMode": "cross", "margin": "",
 *    "imr": "0.020266", "ccy": "USDT", … }`
 * `pos` counts contracts; an instrument's `ctVal` (`GET /api/v5/public/instruments`) says what one
 * contract is: base units for linear contracts (`ctValCcy` = the coin), USD for inverse ones, whose
 * size in the coin is contracts × ctVal ÷ mark price (rounded to 18 places). Notional is in the
 * settlement currency (`ccy`): USDT for linear, the coin for inverse. Margin: isolated `margin`,
 * cross `imr`. Spot margin loans (instType MARGIN) are not positions here: they show as
 * negative equity in the trading balances.
 *
 * Options (instType OPTION, `BTC-USD-270326-100000-C`): one contract is `ctVal` of the underlying
 * coin (0.01 BTC), so size = contracts × ctVal; they settle in that coin, and the notional is the
 * underlying size, in the coin, as for inverse contracts. `markPx` and `avgPx` are premiums in the
 * coin; a bought option has no leverage, liquidation price or margin (null).
 */

/** The position kinds read: perpetual swaps, delivery futures and options. */
export const OKX_DERIVATIVE_TYPES: readonly string[] = ['SWAP', 'FUTURES', 'OPTION'];

/** The option family an instrument is listed under (`BTC-USD` for `BTC-USD-270326-100000-C`). */
export function okxOptionFamily(row: { instId: string; instFamily?: unknown; uly?: unknown }): string {
  if (typeof row.instFamily === 'string' && row.instFamily !== '') return row.instFamily;
  if (typeof row.uly === 'string' && row.uly !== '') return row.uly;
  return row.instId.split('-').slice(0, 2).join('-');
}

export interface OkxInstrument {
  instId: string;
  ctVal: string;
  ctValCcy: string;
  ctType: string;
}

const FIELDS = ['instId', 'instType', 'pos', 'posSide', 'avgPx', 'markPx', 'upl', 'lever', 'liqPx', 'mgnMode', 'ccy'] as const;
type RawPosition = Record<(typeof FIELDS)[number], string> & { margin?: string; imr?: string };

export function okxPositions(data: readonly unknown[], instruments: ReadonlyMap<string, OkxInstrument>, accountKey: string, asOf: string): PositionRecord[] {
  const readable = (row: unknown): row is RawPosition =>
    row !== null && typeof row === 'object' && FIELDS.every((k) => typeof (row as Record<string, unknown>)[k] === 'string');
  if (!data.every(readable)) throw okxUnreadable('the open positions');
  return (data as RawPosition[])
    .filter((row) => OKX_DERIVATIVE_TYPES.includes(row.instType) && row.pos !== '' && !dec(row.pos).isZero())
    .map((row) => {
      const instrument = instruments.get(row.instId);
      if (instrument === undefined) throw okxUnreadable(`the contract size of ${row.instId}`);
      const contracts = dec(row.pos).abs();
      const mark = row.markPx === '' ? undefined : dec(row.markPx);
      const inverse = instrument.ctType === 'inverse';
      const sizeInBase = inverse
        ? mark === undefined || mark.isZero()
          ? undefined
          : contracts.mul(instrument.ctVal).div(mark).toDecimalPlaces(18)
        : contracts.mul(instrument.ctVal);
      const option = row.instType === 'OPTION';
      const notional = sizeInBase === undefined ? undefined : inverse || option ? sizeInBase : mark === undefined ? undefined : sizeInBase.mul(mark);
      const marginMode = row.mgnMode === 'isolated' ? 'isolated' : 'cross';
      const margin = marginMode === 'isolated' ? row.margin : row.imr;
      const side = row.posSide === 'long' ? 'long' : row.posSide === 'short' ? 'short' : dec(row.pos).isNegative() ? 'short' : 'long';
      const orNull = (value: string | undefined) => (value === undefined || value === '' ? null : toDecimalString(value));
      return {
        accountKey,
        symbol: row.instId,
        side,
        contracts: toDecimalString(contracts),
        sizeInBase: sizeInBase === undefined ? toDecimalString(contracts) : toDecimalString(sizeInBase),
        entryPrice: orNull(row.avgPx),
        markPrice: orNull(row.markPx),
        notional: notional === undefined ? null : toDecimalString(notional),
        unrealizedPnl: orNull(row.upl),
        leverage: orNull(row.lever),
        liquidationPrice: orNull(row.liqPx),
        marginMode,
        margin: orNull(margin),
        settleAsset: row.ccy === '' ? null : row.ccy,
        asOf,
      } satisfies PositionRecord;
    });
}
