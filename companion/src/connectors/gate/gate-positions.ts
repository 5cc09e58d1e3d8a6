import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { PositionRecord } from '@omnifolio/shared/schemas';
import { type GateRow, gateUnreadable, hasStrings, str } from './gate-raw.js';

/**
 * Open perpetual positions from `GET /futures/{settle}/positions`:
 * `{ "contract": "BTC_USDT", "size": 12, "leverage": "0", "cross_leverage_limit": "10", "value": "110.41236",
 *    "margin": "11.041236", "entry_price": "91250.5", "mark_price": "92010.3", "liq_price": "45012.7",
 *    "unrealised_pnl": "0.91176", "mode": "single", … }`
 * `size` counts contracts, signed (negative is short; in dual mode `mode` says the side). A contract
 * (`GET /futures/{settle}/contracts/{contract}`) is `quanto_multiplier` coins for USDT-settled
 * contracts; BTC-settled (inverse) contracts are 1 USD each, so their size in BTC is contracts ÷ mark
 * price (18 places). `value` is Gate's notional in the settlement currency. Leverage "0" means cross
 * margin, whose leverage is `cross_leverage_limit`; any other leverage is isolated margin.
 */

export interface GateContract {
  name: string;
  type: string;
  quanto_multiplier: string;
}

const FIELDS = ['contract', 'leverage', 'value', 'margin', 'entry_price', 'mark_price', 'liq_price', 'unrealised_pnl', 'mode'] as const;

export function gatePositions(body: unknown, contracts: ReadonlyMap<string, GateContract>, settle: string, accountKey: string, asOf: string): PositionRecord[] {
  if (!Array.isArray(body)) throw gateUnreadable('the open positions');
  const rows = body as GateRow[];
  if (!rows.every((row) => hasStrings(row, FIELDS) && (typeof row.size === 'number' || typeof row.size === 'string')))
    throw gateUnreadable('the open positions');
  return rows
    .filter((row) => !dec(String(row.size)).isZero())
    .map((row) => {
      const contract = contracts.get(str(row, 'contract'));
      if (contract === undefined) throw gateUnreadable(`the contract size of ${str(row, 'contract')}`);
      const size = dec(String(row.size));
      const count = size.abs();
      const mark = dec(str(row, 'mark_price'));
      const inverse = contract.type === 'inverse';
      const sizeInBase = inverse ? (mark.isZero() ? count : count.div(mark).toDecimalPlaces(18)) : count.mul(contract.quanto_multiplier);
      const cross = str(row, 'leverage') === '0';
      const mode = str(row, 'mode');
      const side = mode === 'dual_long' ? 'long' : mode === 'dual_short' ? 'short' : size.isNegative() ? 'short' : 'long';
      const orNull = (value: string) => (value === '' ? null : toDecimalString(value));
      const liquidation = str(row, 'liq_price');
      return {
        accountKey,
        symbol: str(row, 'contract'),
        side,
        contracts: toDecimalString(count),
        sizeInBase: toDecimalString(sizeInBase),
        entryPrice: orNull(str(row, 'entry_price')),
        markPrice: orNull(str(row, 'mark_price')),
        notional: orNull(str(row, 'value')),
        unrealizedPnl: orNull(str(row, 'unrealised_pnl')),
        leverage: cross ? (typeof row.cross_leverage_limit === 'string' ? orNull(row.cross_leverage_limit) : null) : orNull(str(row, 'leverage')),
        // Gate sends "0" when no liquidation price applies (a position fully backed by its margin).
        liquidationPrice: liquidation === '' || dec(liquidation).isZero() ? null : toDecimalString(liquidation),
        marginMode: cross ? 'cross' : 'isolated',
        margin: orNull(str(row, 'margin')),
        settleAsset: settle.toUpperCase(),
        asOf,
      } satisfies PositionRecord;
    });
}
