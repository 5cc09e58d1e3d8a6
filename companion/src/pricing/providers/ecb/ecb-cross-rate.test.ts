import { describe, expect, it } from 'vitest';
import { CROSS_RATE_SIGNIFICANT_DIGITS, crossRate } from './ecb-cross-rate.js';

// The ECB's rates of 28 June 2024 (test/fixtures/ecb/eurofxref-daily-2024-06-28.xml):
// 1 EUR = 1.0705 USD = 0.9634 CHF = 8.3594 HKD.
describe('crossRate', () => {
  it('divides once and rounds once, to 28 significant digits half to even', () => {
    expect(CROSS_RATE_SIGNIFICANT_DIGITS).toBe(28);
    // Each quotient below is worked to 34 significant digits; the 29th digit decides the rounding.
    // USD → CHF = 0.9634 / 1.0705 = 0.8999532928538066324147594581|971…: 9 ≥ 5, the 28th digit 1 rounds up to 2.
    expect(crossRate('1.0705', '0.9634')).toBe('0.8999532928538066324147594582');
    // CHF → USD = 1.0705 / 0.9634 = 1.111168777247249325306207182|893…: 8 ≥ 5, the 28th digit 2 rounds up to 3.
    expect(crossRate('0.9634', '1.0705')).toBe('1.111168777247249325306207183');
    // HKD → USD = 1.0705 / 8.3594 = 0.1280594301026389453788549417|422…: 4 < 5, the digits stay.
    expect(crossRate('8.3594', '1.0705')).toBe('0.1280594301026389453788549417');
  });

  it('returns the published rate untouched when the base is the euro, and 1 for a currency in its own terms', () => {
    expect(crossRate('1', '0.84638')).toBe('0.84638');
    expect(crossRate('1.0705', '1.0705')).toBe('1');
  });

  it('gives the euro in a currency as one over its rate', () => {
    // EUR per USD = 1 / 1.0705 = 0.9341429238673517048108360579|168…: 1 < 5, the digits stay.
    expect(crossRate('1.0705', '1')).toBe('0.9341429238673517048108360579');
  });
});
