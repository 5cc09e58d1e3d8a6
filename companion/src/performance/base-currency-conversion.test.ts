import { isBaseError } from '@omnifolio/shared/errors';
import { describe, expect, it } from 'vitest';
import { createBaseCurrencyConversion, currentPriceIn } from './base-currency-conversion.js';

/*
 * Worked by hand. One US dollar in euros on the ECB's reference days (Friday 13 and Monday
 * 16 November 2026; nothing on the weekend): 0.9 and 0.8 (round numbers, so the products are
 * easy to check).
 */
const rates = {
  dailyCrossRates: () =>
    new Map([
      ['2026-11-16', '0.8'],
      ['2026-11-13', '0.9'],
    ]),
};
const eur = () => createBaseCurrencyConversion({ currency: 'EUR', referenceRates: rates, perUsdNow: '0.85', fromDay: () => '2026-11-13', toDay: '2026-11-17' });

describe('values in the base currency', () => {
  it('reads USD and CHF as stored, whatever the day', () => {
    const usd = createBaseCurrencyConversion({ currency: 'USD', referenceRates: null, perUsdNow: null, fromDay: () => '2026-11-13', toDay: '2026-11-17' });
    const chf = createBaseCurrencyConversion({ currency: 'CHF', referenceRates: null, perUsdNow: null, fromDay: () => '2026-11-13', toDay: '2026-11-17' });
    expect([usd.quote, usd.onDay('100.5', '1999-01-04'), usd.price({ usd: '2', chf: '1.8' }, '2026-11-16'), usd.now({ usd: '3', chf: '2.7' })]).toEqual([
      'usd',
      '100.5',
      '2',
      '3',
    ]);
    expect([chf.quote, chf.price({ usd: '2', chf: '1.8' }, '2026-11-16'), chf.now({ usd: '3', chf: '2.7' })]).toEqual(['chf', '1.8', '2.7']);
  });

  it('converts another currency from USD at the rate of each day, the last reference day on or before it', () => {
    const c = eur();
    expect(c.quote).toBe('usd');
    // Friday at 0.9; the weekend keeps Friday's rate; Monday at 0.8.
    expect(c.onDay('1000', '2026-11-13')).toBe('900');
    expect(c.onDay('1000', '2026-11-15')).toBe('900');
    expect(c.onDay('1000', '2026-11-16')).toBe('800');
    // A close: its USD price times the day's rate (the stored CHF price plays no part).
    expect(c.price({ usd: '64210.55', chf: '57789.5' }, '2026-11-16')).toBe('51368.44');
    // Now: the overview's rate.
    expect(c.now({ usd: '200', chf: '180' })).toBe('170');
  });

  it('gives no value for a day before the first rate, rather than a guess', () => {
    expect(eur().onDay('1000', '2026-11-12')).toBeNull();
  });

  it('prices the base currency itself at exactly 1', () => {
    const priceIn = currentPriceIn('EUR', '0.9341429238673517048108360579');
    expect(priceIn('fiat:EUR', { usd: '1.0705', chf: '0.9634' })).toBe('1');
    // 1 / 1.0705 to 28 significant digits, times 500.
    expect(priceIn('fiat:USD', { usd: '500', chf: '449.98' })).toBe('467.07146193367585240541802895');
    expect(currentPriceIn('CHF', null)('fiat:CHF', { usd: '1.1', chf: '1' })).toBe('1');
  });

  it('says what is missing when no rate of the currency is stored yet', () => {
    const attempts = [
      () => createBaseCurrencyConversion({ currency: 'JPY', referenceRates: null, perUsdNow: '150', fromDay: () => '2026-11-13', toDay: '2026-11-17' }),
      () => createBaseCurrencyConversion({ currency: 'JPY', referenceRates: rates, perUsdNow: null, fromDay: () => '2026-11-13', toDay: '2026-11-17' }),
      () =>
        createBaseCurrencyConversion({
          currency: 'JPY',
          referenceRates: { dailyCrossRates: () => new Map() },
          perUsdNow: '150',
          fromDay: () => '2026-11-13',
          toDay: '2026-11-17',
        }),
    ];
    for (const attempt of attempts) {
      let error: unknown;
      try {
        attempt();
      } catch (e) {
        error = e;
      }
      expect(isBaseError(error) && { code: error.code, status: error.status, message: error.shortMessage }).toEqual({
        code: 'conflict',
        status: 409,
        message: "Values in JPY need the ECB's reference rates for JPY, and none are stored yet.",
      });
    }
  });
});
