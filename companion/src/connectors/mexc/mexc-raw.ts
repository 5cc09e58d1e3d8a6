import { UnavailableError } from '@omnifolio/shared/errors';
import { toDecimalString } from '@omnifolio/shared/money';

/** MEXC answered, but not with the shape we read. Not retried forever: the runner backs off. */
export function mexcUnreadable(what: string): UnavailableError {
  return new UnavailableError(`MEXC answered something Omnifolio could not read (${what}); it will try again later.`, {
    hints: ['If this keeps happening, MEXC may have changed its API; the companion log has the details.'],
  });
}

export type MexcRow = Record<string, unknown>;

export function isRow(value: unknown): value is MexcRow {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The futures (contract) API wraps answers as `{ success: true, code: 0, data }`. */
export function mexcContractData(body: unknown, what: string): unknown {
  if (!isRow(body) || body.success !== true || !('data' in body)) throw mexcUnreadable(what);
  return body.data;
}

/**
 * A MEXC amount as a decimal string. Spot v3 sends strings (kept digit for digit); the futures API
 * sends JSON numbers, whose shortest round-trip form is exactly the digits MEXC wrote for the ≤ 15
 * significant digits it uses.
 */
export function mexcDecimal(value: unknown, what: string): string {
  if (typeof value === 'string' && value !== '') return toDecimalString(value);
  if (typeof value === 'number' && Number.isFinite(value)) return toDecimalString(String(value));
  throw mexcUnreadable(what);
}
