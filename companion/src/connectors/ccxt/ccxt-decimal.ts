import { type DecimalString, toDecimalString } from '@omnifolio/shared/money';

/**
 * A ccxt unified amount as a canonical decimal string. Sessions run ccxt with
 * `number = String`, so amounts arrive as the exchange's own digits ("0.91974100"); a number
 * can still appear where ccxt computed one itself, and then its shortest round-trip form is
 * the best there is (exact for the ≤15 significant digits exchanges send). Exchange-specific
 * code reads the raw `info` strings instead wherever it can.
 */
export function ccxtDecimal(value: unknown): DecimalString | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    return toDecimalString(String(value));
  }
  if (typeof value === 'string') return toDecimalString(value);
  return null;
}
