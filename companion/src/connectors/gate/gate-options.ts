import { Decimal, dec, toDecimalString } from '@omnifolio/shared/money';
import type { BalanceRecord, PositionRecord } from '@omnifolio/shared/schemas';
import { assetRefOf } from '../ccxt/asset-kind.js';
import { type GateRow, gateUnreadable, hasStrings, str } from './gate-raw.js';

/**
 * Gate's options wallet (USDT-settled options on `BTC_USDT`, `ETH_USDT`…).
 *
 * `GET /options/accounts`:
 * `{ "user": 10406147, "total": "2257.75", "position_value": "272", "equity": "2529.75", "unrealised_pnl": "32",
 *    "init_margin": "180.5", "maint_margin": "120", "order_margin": "0", "available": "2077.25", "currency": "USDT", … }`
 * `total` is the cash; `position_value` what the open options are worth at mark (negative for
 * sold ones); `equity` = total + position_value is what the wallet is worth, as a futures
 * wallet's equity includes its uPnL, so the positions are reported beside it and not valued
 * again. `available` (free to trade or move out) is free, the rest of the equity locked.
 *
 * `GET /options/positions`:
 * `{ "contract": "BTC_USDT-20261225-100000-C", "underlying": "BTC_USDT", "underlying_price": "92035", "size": 10,
 *    "entry_price": "3125", "mark_price": "3410", "unrealised_pnl": "28.5", … }`
 * `size` counts contracts, signed (negative: sold). One contract is `multiplier` units of the
 * underlying's base coin (`GET /options/contracts/{contract}`: BTC_USDT options 0.01 BTC), so size
 * in base = contracts × multiplier; prices are premiums per base unit in USDT. Notional is the
 * underlying's value, size in base × `underlying_price` (the forward price for the expiry), in
 * the settlement currency. A bought option has no leverage, liquidation price, margin or margin
 * mode (null); a sold one is margined by the whole options wallet (cross), whose margin Gate
 * reports only for the wallet (`init_margin`), not per position (null).
 */

export interface GateOptionsContract {
  name: string;
  multiplier: string;
}

export function gateOptionsBalances(body: unknown, context: { accountKey: string; asOf: string; fiatCodes: ReadonlySet<string> }): BalanceRecord[] {
  if (!hasStrings(body, ['currency', 'equity', 'available'])) throw gateUnreadable('the options account');
  const equity = dec(str(body, 'equity'));
  const locked = Decimal.max(dec('0'), Decimal.min(equity.minus(str(body, 'available')), equity));
  const free = equity.minus(locked);
  if (equity.isZero()) return [];
  return [
    {
      accountKey: context.accountKey,
      asset: assetRefOf(str(body, 'currency'), context.fiatCodes),
      free: toDecimalString(free),
      locked: toDecimalString(locked),
      asOf: context.asOf,
    },
  ];
}

const FIELDS = ['contract', 'underlying', 'underlying_price', 'entry_price', 'mark_price', 'unrealised_pnl'] as const;

export function gateOptionsPositions(body: unknown, contracts: ReadonlyMap<string, GateOptionsContract>, accountKey: string, asOf: string): PositionRecord[] {
  if (!Array.isArray(body)) throw gateUnreadable('the open options positions');
  const rows = body as GateRow[];
  if (!rows.every((row) => hasStrings(row, FIELDS) && (typeof row.size === 'number' || typeof row.size === 'string'))) {
    throw gateUnreadable('the open options positions');
  }
  return rows
    .filter((row) => !dec(String(row.size)).isZero())
    .map((row) => {
      const contract = contracts.get(str(row, 'contract'));
      if (contract === undefined) throw gateUnreadable(`the contract size of ${str(row, 'contract')}`);
      const size = dec(String(row.size));
      const count = size.abs();
      const sizeInBase = count.mul(contract.multiplier);
      const sold = size.isNegative();
      const orNull = (value: string) => (value === '' ? null : toDecimalString(value));
      const underlyingPrice = str(row, 'underlying_price');
      const settle = str(row, 'underlying').split('_')[1];
      return {
        accountKey,
        symbol: str(row, 'contract'),
        side: sold ? 'short' : 'long',
        contracts: toDecimalString(count),
        sizeInBase: toDecimalString(sizeInBase),
        entryPrice: orNull(str(row, 'entry_price')),
        markPrice: orNull(str(row, 'mark_price')),
        notional: underlyingPrice === '' ? null : toDecimalString(sizeInBase.mul(underlyingPrice)),
        unrealizedPnl: orNull(str(row, 'unrealised_pnl')),
        leverage: null,
        liquidationPrice: null,
        marginMode: sold ? 'cross' : null,
        margin: null,
        settleAsset: settle === undefined || settle === '' ? 'USDT' : settle,
        asOf,
      } satisfies PositionRecord;
    });
}
