/**
 * The currencies values can be shown in: US dollar and Swiss franc (every price and snapshot
 * is kept in both), and every currency the ECB sets a daily reference rate for (values in
 * those are the USD value at the ECB's USD rate of the day, which the ECB has published since
 * 1999). The Icelandic króna is left out: the ECB published no ISK rate from December 2008 to
 * 2018, so ten years of a curve would rest on one old rate.
 */
export const displayCurrencies = [
  'USD',
  'CHF',
  'EUR',
  'GBP',
  'JPY',
  'CAD',
  'AUD',
  'NZD',
  'SEK',
  'NOK',
  'DKK',
  'PLN',
  'CZK',
  'HUF',
  'RON',
  'TRY',
  'ILS',
  'ZAR',
  'BRL',
  'MXN',
  'CNY',
  'HKD',
  'SGD',
  'KRW',
  'INR',
  'IDR',
  'MYR',
  'PHP',
  'THB',
] as const;

export type DisplayCurrency = (typeof displayCurrencies)[number];

/** USD and CHF are stored with every price and snapshot; the others are converted from USD. */
export const storedCurrencies = ['USD', 'CHF'] as const;

export function isDisplayCurrency(value: unknown): value is DisplayCurrency {
  return typeof value === 'string' && (displayCurrencies as readonly string[]).includes(value);
}

/** True for a currency whose values are converted from USD rather than stored. */
export function isConvertedCurrency(currency: DisplayCurrency): boolean {
  return currency !== 'USD' && currency !== 'CHF';
}
