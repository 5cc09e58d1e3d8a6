import { type DecimalInput, dec } from './decimal.js';

/**
 * Formats a money value for people. The value is rounded as a decimal first and handed to
 * Intl as a string, so no float ever sits between the stored digits and the screen.
 */
export function formatMoney(value: DecimalInput, currency: string, locale = 'en-US', fractionDigits = 2): string {
  const rounded = dec(value).toFixed(fractionDigits);
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(rounded as unknown as number); // Intl.NumberFormat accepts decimal strings exactly (ES2023).
}

/** Formats a quantity with up to `maxFractionDigits`, trimming trailing zeros. */
export function formatQuantity(value: DecimalInput, locale = 'en-US', maxFractionDigits = 8): string {
  const rounded = dec(value).toDecimalPlaces(maxFractionDigits).toFixed();
  return new Intl.NumberFormat(locale, { maximumFractionDigits: maxFractionDigits }).format(rounded as unknown as number);
}
