import type { YahooSimListing } from './yahoo-simulator.js';

/** What a Yahoo chart's `meta` says about where a listing trades, apart from its prices. */
export type YahooVenue = Omit<YahooSimListing, 'closes'>;

/**
 * The venues of the listings the tests and the demo serve, as Yahoo Finance describes them:
 * its exchange codes and names, the exchange's zone and session open, and the decimals
 * (`priceHint`) prices there are quoted in.
 */
export const NASDAQ_EQUITY: YahooVenue = {
  currency: 'USD',
  exchangeName: 'NMS',
  fullExchangeName: 'NasdaqGS',
  instrumentType: 'EQUITY',
  timezone: 'America/New_York',
  opensAt: '09:30',
  priceHint: 2,
};

export const NYSE_ARCA_ETF: YahooVenue = { ...NASDAQ_EQUITY, exchangeName: 'PCX', fullExchangeName: 'NYSEArca', instrumentType: 'ETF' };

/** US mutual funds: one NAV a day, listed by Yahoo under Nasdaq. */
export const US_MUTUAL_FUND: YahooVenue = { ...NASDAQ_EQUITY, exchangeName: 'NAS', fullExchangeName: 'Nasdaq', instrumentType: 'MUTUALFUND' };

export const SIX_EQUITY: YahooVenue = {
  currency: 'CHF',
  exchangeName: 'EBS',
  fullExchangeName: 'SIX Swiss Exchange',
  instrumentType: 'EQUITY',
  timezone: 'Europe/Zurich',
  opensAt: '09:00',
  priceHint: 2,
};

export const HKEX_EQUITY: YahooVenue = {
  currency: 'HKD',
  exchangeName: 'HKG',
  fullExchangeName: 'HKSE',
  instrumentType: 'EQUITY',
  timezone: 'Asia/Hong_Kong',
  opensAt: '09:30',
  priceHint: 3,
};

/** London quotes in pence (`GBp`). */
export const LSE_EQUITY: YahooVenue = {
  currency: 'GBp',
  exchangeName: 'LSE',
  fullExchangeName: 'LSE',
  instrumentType: 'EQUITY',
  timezone: 'Europe/London',
  opensAt: '08:00',
  priceHint: 2,
};
