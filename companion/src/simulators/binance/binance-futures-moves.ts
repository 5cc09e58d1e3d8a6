import { type Decimal, dec } from '@omnifolio/shared/money';
import type { BinanceWireFuturesState } from './binance-sim-account.js';

/**
 * A fill on a Binance futures account, applied to the simulated state the REST endpoints serve
 * (`positionRisk` row and `account` asset) and described as the `ACCOUNT_UPDATE` event Binance
 * pushes on the user data stream for it, so a stream reader and a later REST read see one truth.
 *
 * What Binance derives, derived the same way at the mark price (8-decimal strings):
 * - USDⓈ-M (linear): uPnL = amount × (mark − entry); notional = amount × mark.
 * - COIN-M (inverse, contracts of 100 USD for BTC and 10 USD for every other coin):
 *   uPnL = amount × contract size × (1 / entry − 1 / mark); notionalValue = amount × size / mark.
 * - the margin asset's `unrealizedProfit` (and `crossUnPnl` for cross positions) is the sum over
 *   its open positions, `marginBalance` = wallet balance + that sum, and `positionInitialMargin`
 *   is Σ |notional| / leverage, to which `initialMargin` adds the open orders' margin.
 *
 * Not derived: the liquidation price (Binance's formula needs maintenance-margin brackets the
 * simulator does not model; the row keeps the one it has). Fees and realized PnL are not part of
 * a move: the wallet balance stays.
 */

export interface FuturesPositionMove {
  symbol: string;
  /** Signed, as Binance writes it: negative for a one-way short. */
  positionAmt: string;
  entryPrice: string;
  /** The mark price the uPnL is computed at; the row's current one when absent. */
  markPrice?: string;
  /** `BOTH` (one-way mode) unless given. */
  positionSide?: 'BOTH' | 'LONG' | 'SHORT';
}

export type BinanceFuturesKind = 'usdm' | 'coinm';

const USDM_MARGIN_ASSETS = ['FDUSD', 'USDT', 'USDC', 'BUSD'];

/** The asset a contract is margined in: the quote for USDⓈ-M, the coin for COIN-M. */
export function futuresMarginAsset(kind: BinanceFuturesKind, symbol: string): string {
  const pair = symbol.split('_')[0] ?? symbol;
  if (kind === 'usdm') {
    const asset = USDM_MARGIN_ASSETS.find((a) => pair.endsWith(a));
    if (asset === undefined) throw new Error(`The simulator cannot tell the margin asset of ${symbol}.`);
    return asset;
  }
  return pair.replace(/USD$/, '');
}

function coinmContractSize(symbol: string): Decimal {
  return dec(symbol.startsWith('BTCUSD') ? '100' : '10');
}

const fixed8 = (value: Decimal) => value.toFixed(8);

/** Applies the move to `state` (in place) and returns the `ACCOUNT_UPDATE` event Binance sends for it. */
export function moveFuturesPosition(state: BinanceWireFuturesState, kind: BinanceFuturesKind, move: FuturesPositionMove, now: number): Record<string, unknown> {
  const positionSide = move.positionSide ?? 'BOTH';
  let row = state.positions.find((p) => p.symbol === move.symbol && (p.positionSide ?? 'BOTH') === positionSide) as
    | Record<string, string | number | boolean>
    | undefined;
  if (row === undefined) {
    if (move.markPrice === undefined) throw new Error(`A new ${move.symbol} position needs a mark price.`);
    row =
      kind === 'usdm'
        ? {
            symbol: move.symbol,
            positionAmt: '0',
            entryPrice: '0',
            breakEvenPrice: '0',
            markPrice: move.markPrice,
            unRealizedProfit: '0',
            liquidationPrice: '0',
            leverage: '20',
            maxNotionalValue: '80000000',
            marginType: 'cross',
            isolatedMargin: '0.00000000',
            isAutoAddMargin: 'false',
            positionSide,
            notional: '0',
            isolatedWallet: '0',
            updateTime: now,
            isolated: false,
            adlQuantile: 0,
          }
        : {
            symbol: move.symbol,
            positionAmt: '0',
            entryPrice: '0',
            markPrice: move.markPrice,
            unRealizedProfit: '0',
            liquidationPrice: '0',
            leverage: '20',
            maxQty: '5000',
            marginType: 'cross',
            isolatedMargin: '0.00000000',
            isAutoAddMargin: 'false',
            positionSide,
            notionalValue: '0',
            isolatedWallet: '0',
            updateTime: now,
            breakEvenPrice: '0',
          };
    state.positions.push(row);
  }

  const amount = dec(move.positionAmt);
  const entry = dec(move.entryPrice);
  const mark = dec(move.markPrice ?? String(row.markPrice));
  let upnl: Decimal;
  if (kind === 'usdm') {
    upnl = amount.isZero() ? dec('0') : amount.times(mark.minus(entry));
    row.notional = fixed8(amount.times(mark));
  } else {
    const size = amount.times(coinmContractSize(move.symbol));
    upnl = amount.isZero() ? dec('0') : size.times(dec('1').div(entry).minus(dec('1').div(mark)));
    row.notionalValue = fixed8(size.div(mark));
  }
  const isolated = String(row.marginType).toLowerCase() === 'isolated';
  Object.assign(row, {
    positionAmt: move.positionAmt,
    entryPrice: move.entryPrice,
    breakEvenPrice: move.entryPrice,
    markPrice: fixed8(mark),
    unRealizedProfit: fixed8(upnl),
    isolatedMargin: isolated ? fixed8(dec(String(row.isolatedWallet)).plus(upnl)) : '0.00000000',
    updateTime: now,
  });

  const marginAsset = futuresMarginAsset(kind, move.symbol);
  const asset = state.assets.find((a) => a.asset === marginAsset);
  if (asset === undefined) throw new Error(`The simulated ${kind} wallet holds no ${marginAsset} to margin ${move.symbol}.`);
  const sameAsset = state.positions.filter((p) => futuresMarginAsset(kind, String(p.symbol)) === marginAsset);
  const sum = (rows: typeof sameAsset, of: (p: (typeof sameAsset)[number]) => Decimal) => rows.reduce((total, p) => total.plus(of(p)), dec('0'));
  const unrealized = sum(sameAsset, (p) => dec(String(p.unRealizedProfit)));
  const crossUnrealized = sum(
    sameAsset.filter((p) => String(p.marginType).toLowerCase() !== 'isolated'),
    (p) => dec(String(p.unRealizedProfit)),
  );
  const positionMargin = sum(sameAsset, (p) => {
    const leverage = dec(String(p.leverage));
    return leverage.isZero()
      ? dec('0')
      : dec(String(kind === 'usdm' ? p.notional : p.notionalValue))
          .abs()
          .div(leverage);
  });
  Object.assign(asset, {
    unrealizedProfit: fixed8(unrealized),
    crossUnPnl: fixed8(crossUnrealized),
    marginBalance: fixed8(dec(asset.walletBalance).plus(unrealized)),
    positionInitialMargin: fixed8(positionMargin),
    initialMargin: fixed8(positionMargin.plus(asset.openOrderInitialMargin)),
    updateTime: now,
  });

  // Binance's field names: wb wallet balance, cw cross wallet balance, bc balance change (not PnL or fees);
  // pa position amount, ep entry price, bep break-even price, cr accumulated realized, up uPnL, mt margin type,
  // iw isolated wallet, ps position side, ma margin asset (USDⓈ-M only).
  const position: Record<string, string> = {
    s: move.symbol,
    pa: move.positionAmt,
    ep: move.entryPrice,
    bep: move.entryPrice,
    cr: '0',
    up: fixed8(upnl),
    mt: isolated ? 'isolated' : 'cross',
    iw: isolated ? String(row.isolatedWallet) : '0',
    ps: positionSide,
  };
  if (kind === 'usdm') position.ma = marginAsset;
  return {
    e: 'ACCOUNT_UPDATE',
    E: now,
    T: now,
    ...(kind === 'coinm' ? { i: 'SfsR' } : {}),
    a: { m: 'ORDER', B: [{ a: marginAsset, wb: asset.walletBalance, cw: asset.crossWalletBalance, bc: '0' }], P: [position] },
  };
}
