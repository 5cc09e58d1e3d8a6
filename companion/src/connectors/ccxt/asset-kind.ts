import type { AssetRef } from '@omnifolio/shared/schemas';

/**
 * Exchanges hold fiat next to crypto (EUR on Binance, USD on Kraken). ccxt knows which codes
 * an exchange treats as fiat for some exchanges (Binance `options.legalMoney`); otherwise we
 * fall back to the ISO 4217 currencies exchanges actually list.
 */
const COMMON_FIAT = new Set([
  'USD',
  'EUR',
  'GBP',
  'CHF',
  'JPY',
  'AUD',
  'CAD',
  'NZD',
  'TRY',
  'BRL',
  'MXN',
  'ARS',
  'PLN',
  'CZK',
  'HUF',
  'SEK',
  'NOK',
  'DKK',
  'RUB',
  'UAH',
  'ZAR',
  'NGN',
  'KES',
  'GHS',
  'UGX',
  'INR',
  'IDR',
  'PHP',
  'VND',
  'THB',
  'KRW',
  'HKD',
  'SGD',
  'AED',
  'KZT',
  'PEN',
  'COP',
  'CLP',
]);

export function fiatCodesOf(exchangeOptions: Record<string, unknown>): ReadonlySet<string> {
  const legalMoney = exchangeOptions.legalMoney;
  if (legalMoney !== null && typeof legalMoney === 'object') return new Set(Object.keys(legalMoney));
  return COMMON_FIAT;
}

export function assetRefOf(symbol: string, fiatCodes: ReadonlySet<string>): AssetRef {
  return { symbol, kind: fiatCodes.has(symbol) ? 'fiat' : 'crypto' };
}
