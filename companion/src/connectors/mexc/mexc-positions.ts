import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { PositionRecord } from '@omnifolio/shared/schemas';
import { isRow, type MexcRow, mexcDecimal, mexcUnreadable } from './mexc-raw.js';

/**
 * Open futures positions from `GET /api/v1/private/position/open_positions` (JSON numbers):
 * `{ "symbol": "BTC_USDT", "positionType": 1, "openType": 2, "holdVol": 250, "holdAvgPrice": 90120.5,
 *    "liquidatePrice": 45000.3, "im": 115.1, "leverage": 20, … }`
 * positionType 1 is long, 2 short; openType 1 isolated, 2 cross. `holdVol` counts contracts; a
 * contract is `contractSize` coins (`GET /api/v1/contract/detail`). MEXC's position carries no mark
 * price and no unrealized PnL: the mark is the contract's fair price (`GET /api/v1/contract/ticker`),
 * and uPnL is computed the way MEXC computes it, (fair − average) × size for a long, (average −
 * fair) × size for a short, in the settlement coin. Coin-margined (inverse) contracts are
 * `contractSize` USD each: size in the coin is contracts × contractSize ÷ fair price (18 places),
 * uPnL contracts × contractSize × (1/average − 1/fair), notional the size itself. Margin is `im`.
 */

export interface MexcContract {
  symbol: string;
  baseCoin: string;
  settleCoin: string;
  contractSize: string;
  fairPrice: string;
}

export function mexcPositions(data: unknown, contracts: ReadonlyMap<string, MexcContract>, accountKey: string, asOf: string): PositionRecord[] {
  if (!Array.isArray(data) || !data.every(isRow)) throw mexcUnreadable('the open positions');
  return (data as MexcRow[])
    .filter((row) => Number(row.holdVol) !== 0)
    .map((row) => {
      const symbol = typeof row.symbol === 'string' ? row.symbol : '';
      const contract = contracts.get(symbol);
      if (contract === undefined) throw mexcUnreadable(`the contract size of ${symbol}`);
      const what = `the ${symbol} position`;
      const count = dec(mexcDecimal(row.holdVol, what)).abs();
      const average = dec(mexcDecimal(row.holdAvgPrice, what));
      const fair = dec(contract.fairPrice);
      const long = row.positionType === 1;
      const inverse = contract.settleCoin === contract.baseCoin;
      const face = count.mul(contract.contractSize);
      const size = inverse ? (fair.isZero() ? face : face.div(fair).toDecimalPlaces(18)) : face;
      const pnl = inverse
        ? average.isZero() || fair.isZero()
          ? null
          : face.mul(dec('1').div(average).minus(dec('1').div(fair))).toDecimalPlaces(18)
        : fair.minus(average).mul(size);
      const signedPnl = pnl === null ? null : long ? pnl : pnl.neg();
      const liquidation = mexcDecimal(row.liquidatePrice, what);
      return {
        accountKey,
        symbol,
        side: long ? 'long' : 'short',
        contracts: toDecimalString(count),
        sizeInBase: toDecimalString(size),
        entryPrice: toDecimalString(average),
        markPrice: toDecimalString(fair),
        notional: toDecimalString(inverse ? size : size.mul(fair)),
        unrealizedPnl: signedPnl === null ? null : toDecimalString(signedPnl),
        leverage: mexcDecimal(row.leverage, what),
        liquidationPrice: dec(liquidation).isZero() ? null : liquidation,
        marginMode: row.openType === 1 ? 'isolated' : 'cross',
        margin: mexcDecimal(row.im, what),
        settleAsset: contract.settleCoin,
        asOf,
      } satisfies PositionRecord;
    });
}
