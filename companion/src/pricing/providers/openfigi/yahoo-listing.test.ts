import { describe, expect, it } from 'vitest';
import { NESTLE_ISIN, NESTLE_LISTINGS } from '../../../simulators/openfigi/openfigi-test-listings.js';
import type { FigiListing } from './openfigi-client.js';
import { chooseYahooSymbol, yahooSymbolOf } from './yahoo-listing.js';

const listings: FigiListing[] = NESTLE_LISTINGS.map((l) => ({ ...l, name: l.name, securityType: l.securityType, marketSector: l.marketSector }));

describe('choosing the Yahoo listing of an ISIN', () => {
  it('takes the listing in the holding currency', () => {
    expect(chooseYahooSymbol(NESTLE_ISIN, listings, 'CHF')).toBe('NESN.SW');
    expect(chooseYahooSymbol(NESTLE_ISIN, listings, 'EUR')).toBe('NESR.DE');
    expect(chooseYahooSymbol(NESTLE_ISIN, listings, 'USD')).toBe('NSRGY');
  });

  it("falls back to the home exchange of the ISIN's country", () => {
    expect(chooseYahooSymbol(NESTLE_ISIN, listings, 'JPY')).toBe('NESN.SW');
    expect(chooseYahooSymbol(NESTLE_ISIN, listings, null)).toBe('NESN.SW');
  });

  it('has no symbol for exchanges Yahoo has no suffix for', () => {
    expect(chooseYahooSymbol('XS0000000001', [{ ...listings[0]!, exchCode: 'ZZ' }], null)).toBeNull();
  });

  it('writes Hong Kong tickers with four digits and class shares with a dash', () => {
    expect(yahooSymbolOf({ ticker: '700', exchCode: 'HK' })).toBe('0700.HK');
    expect(yahooSymbolOf({ ticker: '00700', exchCode: 'HK' })).toBe('0700.HK');
    // Futu's connector names Tencent `00700.HK`: the market it already carries is not added twice.
    expect(yahooSymbolOf({ ticker: '00700.HK', exchCode: 'HK' })).toBe('0700.HK');
    expect(yahooSymbolOf({ ticker: 'NESN.SW', exchCode: 'SW' })).toBe('NESN.SW');
    expect(yahooSymbolOf({ ticker: 'BRK/B', exchCode: 'UN' })).toBe('BRK-B');
  });
});
