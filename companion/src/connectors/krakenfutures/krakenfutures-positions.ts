import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { PositionRecord } from '@omnifolio/shared/schemas';
import { decimalOf, isRecord, krakenFuturesAsset, krakenFuturesUnreadable, type RawRecord } from './krakenfutures-raw.js';

/**
 * Open positions from `GET /derivatives/api/v3/openpositions` (cost 2), read losslessly:
 * `{ "side": "short", "symbol": "PI_XBTUSD", "price": 90000, "fillTime": "…", "size": 1000, "unrealizedFunding": -0.0000001 }`
 * and, for a multi-collateral contract, `"pnlCurrency": "USD"` and, when isolated with a fixed
 * leverage, `"maxFixedLeverage": 5`.
 *
 * Kraken reports no mark price, unrealized PnL, liquidation price or margin per position, so:
 * - the mark price is the ticker's `markPrice` (`GET /derivatives/api/v3/tickers`, public, free);
 * - the contract's kind and size come from `GET /derivatives/api/v3/instruments` (public):
 *   a multi-collateral (`flexible_futures`, PF_) contract is `contractSize` coins, so size in
 *   base = size × contractSize, notional = that × mark in USD, uPnL = that × (mark − entry),
 *   negated for a short, in USD; an inverse (`futures_inverse`, PI_/FI_) contract is
 *   `contractSize` USD, so size in the coin = size × contractSize ÷ mark (18 places), which is
 *   also the notional, in the coin, and uPnL = size × contractSize × (1/entry − 1/mark), negated
 *   for a short, in the coin (18 places);
 * - the liquidation price and the margin are not reported per position (Kraken computes them per
 *   account), so they stay null rather than guessed; leverage is `maxFixedLeverage` for an
 *   isolated position and null for a cross one (it depends on the whole account).
 *
 * The account: PF_/FF_ contracts trade in `flex`; PI_/FI_ (inverse) in `fi_<pair>`, PV_/FV_
 * (vanilla) in `fv_<pair>`, the single-collateral account of the pair.
 */

export interface KrakenFuturesInstrument {
  type: string;
  contractSize: string;
}

const FIELDS = ['side', 'symbol', 'price', 'size'] as const;

/** The Omnifolio account of a contract: `PF_XBTUSD` → flex, `PI_XBTUSD` / `FI_XBTUSD_250926` → fi_xbtusd. */
export function krakenFuturesAccountOfSymbol(symbol: string): string {
  const [prefix = '', pair = ''] = symbol.toLowerCase().split('_');
  if (prefix === 'pi' || prefix === 'fi') return `fi_${pair}`;
  if (prefix === 'pv' || prefix === 'fv') return `fv_${pair}`;
  return 'flex';
}

/** `PF_XBTUSD` → BTC (the coin an inverse contract settles in). */
function baseOf(symbol: string): string {
  const pair = symbol.split('_')[1] ?? '';
  return krakenFuturesAsset(pair.slice(0, pair.length - 3));
}

export function krakenFuturesInstruments(body: RawRecord): Map<string, KrakenFuturesInstrument> {
  if (!Array.isArray(body.instruments)) throw krakenFuturesUnreadable('the instruments');
  const instruments = new Map<string, KrakenFuturesInstrument>();
  for (const row of body.instruments) {
    if (!isRecord(row) || typeof row.symbol !== 'string' || typeof row.type !== 'string') throw krakenFuturesUnreadable('the instruments');
    const contractSize = decimalOf(row.contractSize);
    if (contractSize !== undefined) instruments.set(row.symbol.toUpperCase(), { type: row.type, contractSize });
  }
  return instruments;
}

export function krakenFuturesMarkPrices(body: RawRecord): Map<string, string> {
  if (!Array.isArray(body.tickers)) throw krakenFuturesUnreadable('the tickers');
  const marks = new Map<string, string>();
  for (const row of body.tickers) {
    if (!isRecord(row) || typeof row.symbol !== 'string') throw krakenFuturesUnreadable('the tickers');
    const mark = decimalOf(row.markPrice);
    if (mark !== undefined) marks.set(row.symbol.toUpperCase(), mark);
  }
  return marks;
}

export function krakenFuturesOpenPositionRows(body: RawRecord): RawRecord[] {
  const rows = body.openPositions;
  if (!Array.isArray(rows) || !rows.every(isRecord)) throw krakenFuturesUnreadable('the open positions');
  return rows;
}

export function krakenFuturesPositions(
  rows: readonly RawRecord[],
  instruments: ReadonlyMap<string, KrakenFuturesInstrument>,
  marks: ReadonlyMap<string, string>,
  asOf: string,
): PositionRecord[] {
  return rows
    .map((row) => {
      const [side, symbol, price, size] = [row.side, row.symbol, decimalOf(row.price), decimalOf(row.size)];
      if ((side !== 'long' && side !== 'short') || typeof symbol !== 'string' || price === undefined || size === undefined) {
        throw krakenFuturesUnreadable(`an open position (${FIELDS.join(', ')})`);
      }
      return { row, side, symbol: symbol.toUpperCase(), price, size } as const;
    })
    .filter(({ size }) => !dec(size).isZero())
    .map(({ row, side, symbol, price, size }) => {
      const instrument = instruments.get(symbol);
      if (instrument === undefined) throw krakenFuturesUnreadable(`the contract ${symbol}`);
      const markText = marks.get(symbol);
      const mark = markText === undefined ? undefined : dec(markText);
      const contracts = dec(size).abs();
      const entry = dec(price);
      const sign = side === 'short' ? -1 : 1;
      const inverse = instrument.type === 'futures_inverse';
      let sizeInBase = contracts.mul(instrument.contractSize);
      let notional = mark === undefined ? undefined : sizeInBase.mul(mark);
      let pnl = mark === undefined ? undefined : sizeInBase.mul(mark.minus(entry)).mul(sign);
      if (inverse) {
        const usd = contracts.mul(instrument.contractSize);
        const valid = mark !== undefined && !mark.isZero() && !entry.isZero();
        sizeInBase = valid ? usd.div(mark).toDecimalPlaces(18) : contracts;
        notional = valid ? sizeInBase : undefined;
        pnl = valid
          ? usd
              .mul(dec('1').div(entry).minus(dec('1').div(mark)))
              .mul(sign)
              .toDecimalPlaces(18)
          : undefined;
      }
      const leverage = decimalOf(row.maxFixedLeverage);
      return {
        accountKey: krakenFuturesAccountOfSymbol(symbol),
        symbol,
        side,
        contracts: toDecimalString(contracts),
        sizeInBase: toDecimalString(sizeInBase),
        entryPrice: toDecimalString(entry),
        markPrice: mark === undefined ? null : toDecimalString(mark),
        notional: notional === undefined ? null : toDecimalString(notional),
        unrealizedPnl: pnl === undefined ? null : toDecimalString(pnl),
        leverage: leverage === undefined ? null : toDecimalString(leverage),
        liquidationPrice: null,
        marginMode: leverage === undefined ? 'cross' : 'isolated',
        margin: null,
        settleAsset: inverse ? baseOf(symbol) : 'USD',
        asOf,
      } satisfies PositionRecord;
    });
}
