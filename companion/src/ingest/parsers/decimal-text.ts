import { Decimal, toDecimalString } from '@omnifolio/shared/money';
import { StatementError } from './statement-error.js';

/** Plain decimals; an exponent only appears in spreadsheet cells written from a double (`1e-7`). */
const PLAIN = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;
/** Swiss notation: apostrophe (straight or typographic) or thin space as thousands separator. */
const SWISS = /^[+-]?\d{1,3}(['’\u2009 ]\d{3})*(\.\d+)?$/;

/** `1'234.56` → "1234.56"; `-0.002000` → "-0.002". Null when it is not a number. */
export function parseSwissNumber(text: string): string | null {
  const t = text.trim();
  if (PLAIN.test(t)) return toDecimalString(new Decimal(t));
  if (SWISS.test(t)) return toDecimalString(new Decimal(t.replace(/['’\u2009 ]/g, '')));
  return null;
}

/** A required number in a cell; the error names the row and column. */
export function requireNumber(text: string | undefined, location: string, what: string): string {
  const value = parseSwissNumber(text ?? '');
  if (value === null) {
    throw new StatementError(`${what} should be a number, found ${text === undefined || text.trim() === '' ? 'nothing' : `"${text.trim().slice(0, 40)}"`}.`, {
      location,
      hints: ['The file may have been edited or cut off. Export it again from the provider and upload the new file.'],
    });
  }
  return value;
}

export const optionalNumber = (text: string | undefined, location: string, what: string): string | null =>
  text === undefined || text.trim() === '' ? null : requireNumber(text, location, what);
