/**
 * Fiat currency codes that exchanges hold as balances (Binance has EUR, TRY, BRL …).
 * They are priced through FX, not as coins.
 */
export const FIAT_CURRENCIES = new Set([
  'USD', 'EUR', 'CHF', 'GBP', 'JPY', 'AUD', 'CAD', 'NZD', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK', 'HUF', 'TRY', 'BRL', 'MXN',
  'ARS', 'ZAR', 'NGN', 'UAH', 'RUB', 'INR', 'IDR', 'KRW', 'HKD', 'SGD', 'THB', 'VND', 'PHP', 'AED', 'SAR', 'ILS', 'CNY', 'TWD',
]);
