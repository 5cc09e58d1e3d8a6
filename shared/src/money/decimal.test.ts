import { describe, expect, it } from 'vitest';
import { dec, fromRawUnits, isDecimalString, sum, toDecimalString, toRawUnits } from './decimal.js';
import { formatMoney, formatQuantity } from './format.js';

describe('money', () => {
  it('adds what floats cannot', () => {
    expect(toDecimalString(dec('0.1').plus('0.2'))).toBe('0.3');
    expect(toDecimalString(sum(['0.4000000000000001', '0.0999999999999999']))).toBe('0.5');
  });

  it('keeps 18-decimal token amounts exact', () => {
    expect(fromRawUnits(1234567890123456789012345n, 18)).toBe('1234567.890123456789012345');
    expect(toRawUnits('1234567.890123456789012345', 18)).toBe(1234567890123456789012345n);
    expect(fromRawUnits(18446744073709551615n, 0)).toBe('18446744073709551615');
  });

  it('refuses more decimals than a token has', () => {
    expect(() => toRawUnits('1.0000001', 6)).toThrow(/more than 6 decimals/);
  });

  it('normalizes exponent and trailing-zero forms', () => {
    expect(toDecimalString('1.5e-7')).toBe('0.00000015');
    expect(toDecimalString('100.000')).toBe('100');
    expect(toDecimalString('-0.000')).toBe('0');
    expect(isDecimalString('1e5')).toBe(false);
    expect(isDecimalString('12.50')).toBe(true);
  });

  it('rejects what is not a number', () => {
    expect(() => dec('')).toThrow(/not a decimal/);
    expect(() => dec('NaN')).toThrow(/not a decimal/);
    expect(() => dec('12,5')).toThrow(/not a decimal/);
  });

  it('formats without passing through a float', () => {
    expect(formatMoney('12345678901234567.125', 'USD')).toBe('$12,345,678,901,234,567.12');
    // Intl separates the currency code with a no-break space; 0.005 rounds half-even to 0.00.
    expect(formatMoney('0.005', 'CHF', 'en-US')).toBe('CHF\u00a00.00');
    expect(formatQuantity('0.123456789')).toBe('0.12345679');
  });

  it('keeps one formatter per locale, currency and digits, never one for another', () => {
    // The same value through every cached formatter in turn, then again: each call gets its own.
    const calls = () => [
      formatMoney('1234.5', 'USD'),
      formatMoney('1234.5', 'CHF'),
      formatMoney('1234.5', 'USD', 'de-DE'),
      formatMoney('0.00012345', 'USD', 'en-US', 6),
      formatQuantity('1234.123456789', 'en-US', 2),
      formatQuantity('1234.123456789'),
    ];
    const expected = ['$1,234.50', 'CHF\u00a01,234.50', '1.234,50\u00a0$', '$0.000123', '1,234.12', '1,234.12345679'];
    expect(calls()).toEqual(expected);
    expect(calls()).toEqual(expected);
  });
});
