import { type DecimalInput, dec } from './decimal.js';

/**
 * Building an Intl.NumberFormat costs far more than formatting with one (locale data is
 * resolved each time), and a dashboard formats hundreds of values per render: one formatter
 * per locale, currency and digits, kept for the life of the page.
 */
const formatters = new Map<string, Intl.NumberFormat>();

function formatter(key: string, make: () => Intl.NumberFormat): Intl.NumberFormat {
  let found = formatters.get(key);
  if (found === undefined) {
    found = make();
    formatters.set(key, found);
  }
  return found;
}

/**
 * Formats a money value for people. The value is rounded as a decimal first and handed to
 * Intl as a string, so no float ever sits between the stored digits and the screen.
 */
export function formatMoney(value: DecimalInput, currency: string, locale = 'en-US', fractionDigits = 2): string {
  const rounded = dec(value).toFixed(fractionDigits);
  const format = formatter(
    `money|${locale}|${currency}|${fractionDigits}`,
    () =>
      new Intl.NumberFormat(locale, {
        style: 'currency',
        currency,
        minimumFractionDigits: fractionDigits,
        maximumFractionDigits: fractionDigits,
      }),
  );
  return format.format(rounded as unknown as number); // Intl.NumberFormat accepts decimal strings exactly (ES2023).
}

/** Formats a quantity with up to `maxFractionDigits`, trimming trailing zeros. */
export function formatQuantity(value: DecimalInput, locale = 'en-US', maxFractionDigits = 8): string {
  const rounded = dec(value).toDecimalPlaces(maxFractionDigits).toFixed();
  const format = formatter(`quantity|${locale}|${maxFractionDigits}`, () => new Intl.NumberFormat(locale, { maximumFractionDigits: maxFractionDigits }));
  return format.format(rounded as unknown as number);
}
