import { z } from 'zod';
import { isDecimalString } from '../money/decimal.js';

/** A decimal string in canonical form, the only way numbers of money cross a boundary. */
export const decimalString = z
  .string()
  .refine(isDecimalString, { message: 'Expected a decimal number such as "12.50" (no exponent, no thousands separator).' });
