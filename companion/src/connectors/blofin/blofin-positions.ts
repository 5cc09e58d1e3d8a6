import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { PositionRecord } from '@omnifolio/shared/schemas';
import { blofinUnreadable } from './blofin-raw.js';

/**
 * Open positions from `GET /api/v1/account/positions`:
 * `{ "instId": "LTC-USDT", "marginMode": "cross", "positionSide": "net", "positions": "1", "averagePrice": "68.16",
 *    "markPrice": "68.96", "unrealizedPnl": "0.80631223", "leverage": "3", "liquidationPrice": "10.116655172370356435",
 *    "initialMargin": "22.988770743333333333", "margin": "", … }`
 * `positions` counts contracts, negative for a short in net mode. An instrument's
 * `contractValue` (`GET /api/v1/market/instruments`) is one contract in the base coin for linear
 * contracts, so size in base = contracts × contractValue and notional = that × mark price, in the
 * settle currency; for inverse ones it is USD, so size = contracts × contractValue ÷ mark price
 * (18 places), which is also the notional, in the coin. Margin: `margin` when isolated,
 * `initialMargin` when cross (BloFin fills only the one that applies).
 */

export interface BlofinInstrument {
  instId: string;
  contractValue: string;
  contractType: string;
  settleCurrency: string;
}

const FIELDS = ['instId', 'marginMode', 'positionSide', 'positions', 'averagePrice', 'markPrice', 'unrealizedPnl', 'leverage', 'liquidationPrice'] as const;
type RawPosition = Record<(typeof FIELDS)[number], string> & { margin?: string; initialMargin?: string };

export function blofinPositions(
  rows: readonly unknown[],
  instruments: ReadonlyMap<string, BlofinInstrument>,
  accountKey: string,
  asOf: string,
): PositionRecord[] {
  const readable = (row: unknown): row is RawPosition =>
    row !== null && typeof row === 'object' && FIELDS.every((k) => typeof (row as Record<string, unknown>)[k] === 'string');
  if (!rows.every(readable)) throw blofinUnreadable('the open positions');
  return (rows as RawPosition[])
    .filter((row) => row.positions !== '' && !dec(row.positions).isZero())
    .map((row) => {
      const instrument = instruments.get(row.instId);
      if (instrument === undefined) throw blofinUnreadable(`the contract value of ${row.instId}`);
      const contracts = dec(row.positions).abs();
      const mark = row.markPrice === '' ? undefined : dec(row.markPrice);
      const inverse = instrument.contractType === 'inverse';
      const sizeInBase = inverse
        ? mark === undefined || mark.isZero()
          ? undefined
          : contracts.mul(instrument.contractValue).div(mark).toDecimalPlaces(18)
        : contracts.mul(instrument.contractValue);
      const notional = sizeInBase === undefined ? undefined : inverse ? sizeInBase : mark === undefined ? undefined : sizeInBase.mul(mark);
      const marginMode = row.marginMode === 'isolated' ? 'isolated' : 'cross';
      const side = row.positionSide === 'long' ? 'long' : row.positionSide === 'short' ? 'short' : dec(row.positions).isNegative() ? 'short' : 'long';
      const orNull = (value: string | undefined) => (value === undefined || value === '' ? null : toDecimalString(value));
      return {
        accountKey,
        symbol: row.instId,
        side,
        contracts: toDecimalString(contracts),
        sizeInBase: toDecimalString(sizeInBase ?? contracts),
        entryPrice: orNull(row.averagePrice),
        markPrice: orNull(row.markPrice),
        notional: notional === undefined ? null : toDecimalString(notional),
        unrealizedPnl: orNull(row.unrealizedPnl),
        leverage: orNull(row.leverage),
        liquidationPrice: orNull(row.liquidationPrice),
        marginMode,
        margin: orNull(marginMode === 'isolated' ? row.margin : row.initialMargin),
        settleAsset: instrument.settleCurrency === '' ? null : instrument.settleCurrency,
        asOf,
      } satisfies PositionRecord;
    });
}
