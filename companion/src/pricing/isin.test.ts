import { describe, expect, it } from 'vitest';
import { isIsin, isinCheckDigit } from './isin.js';

describe('ISINs', () => {
  it('checks the digit of real securities’ ISINs', () => {
    // Swisscanto (CH) IPF III Vorsorge Fonds 95 Passiv NT (frankly), Nestlé, Novartis, UBS Group, Apple, iShares Core MSCI World.
    for (const isin of ['CH0512157782', 'CH0038863350', 'CH0012005267', 'CH0244767585', 'US0378331005', 'IE00B4L5Y983']) {
      expect(isIsin(isin), isin).toBe(true);
      expect(isinCheckDigit(isin.slice(0, 11))).toBe(isin[11]);
    }
  });

  it('refuses a wrong check digit and what only looks like an ISIN', () => {
    expect(isIsin('CH0512157781')).toBe(false);
    expect(isIsin('ch0512157782')).toBe(false);
    expect(isIsin('BTC')).toBe(false);
    expect(isIsin('AAPL 261218C00300000')).toBe(false);
    expect(() => isinCheckDigit('US03783310')).toThrow(/first eleven characters/);
  });
});
