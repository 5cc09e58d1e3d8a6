import { describe, expect, it } from 'vitest';
import {
  formatPrice,
  formatRelativeTime,
  formatValue,
  pickValue,
  plural,
  priceFractionDigits,
  shownCurrencies,
  shownCurrency,
  UNPRICED_LABEL,
  unitPrice,
} from './format';

describe('values in the chosen currency', () => {
  const value = { usd: '12345678901234567.125', chf: '0.105' };

  it('picks the exact decimal string, untouched', () => {
    expect(pickValue(value, 'USD')).toBe('12345678901234567.125');
    expect(pickValue(value, 'CHF')).toBe('0.105');
  });

  it('formats without a float in between and shows unpriced as unpriced, never 0', () => {
    expect(formatValue(value, 'USD')).toBe('$12,345,678,901,234,567.12');
    expect(formatValue(value, 'CHF')).toBe('CHF\u00a00.10');
    expect(formatValue(null, 'USD')).toBe(UNPRICED_LABEL);
    expect(pickValue(null, 'CHF')).toBeNull();
  });
});

describe('unit prices', () => {
  it('uses the USD price as sent, and derives CHF from the CHF value', () => {
    const h = { priceUsd: '64000.5', quantity: '0.5', value: { usd: '32000.25', chf: '28800.1' } };
    expect(unitPrice(h, 'USD')).toBe('64000.5');
    expect(unitPrice(h, 'CHF')).toBe('57600.2');
  });

  it('has no price for an unpriced asset or a zero quantity', () => {
    expect(unitPrice({ priceUsd: null, quantity: '3', value: null }, 'CHF')).toBeNull();
    expect(unitPrice({ priceUsd: null, quantity: '3', value: null }, 'USD')).toBeNull();
    expect(unitPrice({ priceUsd: '1', quantity: '0', value: { usd: '0', chf: '0' } }, 'CHF')).toBeNull();
  });

  it('keeps small prices readable instead of $0.00', () => {
    expect(priceFractionDigits('64000')).toBe(2);
    expect(priceFractionDigits('0.5')).toBe(2);
    expect(priceFractionDigits('0.123456')).toBe(4);
    expect(priceFractionDigits('0.00001234567')).toBe(8);
    expect(formatPrice('0.00001234567', 'USD')).toBe('$0.00001235');
    expect(formatPrice('1.005', 'CHF')).toBe('CHF\u00a01.00');
    expect(formatPrice(null, 'USD')).toBe('unpriced');
  });
});

describe('relative times', () => {
  const now = new Date('2025-03-01T12:00:00.000Z');

  it('says how long ago in words', () => {
    expect(formatRelativeTime('2025-03-01T11:59:40.000Z', now)).toBe('just now');
    expect(formatRelativeTime('2025-03-01T11:57:00.000Z', now)).toBe('3 minutes ago');
    expect(formatRelativeTime('2025-03-01T09:00:00.000Z', now)).toBe('3 hours ago');
    expect(formatRelativeTime('2025-02-28T12:00:00.000Z', now)).toBe('yesterday');
    expect(formatRelativeTime('2025-02-20T12:00:00.000Z', now)).toMatch(/^on Feb 20, 2025/);
    expect(formatRelativeTime('not a date', now)).toBe('at an unknown time');
  });

  it('counts things in words', () => {
    expect(plural(1, 'connection')).toBe('1 connection');
    expect(plural(2, 'connection')).toBe('2 connections');
    expect(plural(0, 'unpriced asset')).toBe('0 unpriced assets');
  });
});

describe('a base currency other than USD and CHF', () => {
  const eur = {
    base: { currency: 'EUR' as const, perUsd: '0.9341429238673517048108360579', fx: { source: 'ECB' as const, asOf: '2026-11-20', stale: false } },
  };

  it('reads the value the companion converted, and a unit price from it', () => {
    const value = { usd: '1070.5', chf: '963.4', base: '1000' };
    expect(pickValue(value, 'EUR')).toBe('1000');
    expect(formatValue(value, 'EUR')).toBe('€1,000.00');
    expect(unitPrice({ priceUsd: '1.0705', quantity: '1000', value }, 'EUR')).toBe('1');
    // A value without it (an overview from before the base currency changed) is not shown as zero.
    expect(pickValue({ usd: '1', chf: '0.9' }, 'EUR')).toBeNull();
  });

  it('offers the base currency first, then USD and CHF; only when the companion had a rate for it', () => {
    expect(shownCurrencies(eur)).toEqual(['EUR', 'USD', 'CHF']);
    expect(shownCurrencies({ base: { ...eur.base, perUsd: null } })).toEqual(['USD', 'CHF']);
    expect(shownCurrencies({ base: { currency: 'CHF', perUsd: null, fx: null } })).toEqual(['USD', 'CHF']);
    expect(shownCurrencies(null)).toEqual(['USD', 'CHF']);
  });

  it('shows the currency last chosen while the overview carries it, else the base currency, else USD', () => {
    expect(shownCurrency('CHF', eur)).toBe('CHF');
    expect(shownCurrency('EUR', eur)).toBe('EUR');
    // GBP was the base before EUR was chosen in the options.
    expect(shownCurrency('GBP', eur)).toBe('EUR');
    expect(shownCurrency('EUR', { base: { currency: 'USD', perUsd: null, fx: null } })).toBe('USD');
    expect(shownCurrency('EUR', undefined)).toBe('USD');
  });
});
