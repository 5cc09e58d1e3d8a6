import type { YahooSimListing } from './yahoo-simulator.js';
import { LSE_EQUITY, NASDAQ_EQUITY, SIX_EQUITY } from './yahoo-venues.js';

/**
 * Listings the Yahoo tests share. Prices are invented; the shapes (currency, zone, priceHint,
 * GBp in pence) are those of the real listings.
 */
export const NESN_SW: YahooSimListing = {
  ...SIX_EQUITY,
  closes: [
    { day: '2024-05-27', price: '91.34' },
    { day: '2024-05-28', price: '91.8' },
    { day: '2024-05-29', price: '90.62' },
    { day: '2024-05-30', price: '90.12' },
    { day: '2024-05-31', price: '89.84' },
    { day: '2024-06-03', price: '90.5' },
  ],
};

export const VOD_L: YahooSimListing = {
  ...LSE_EQUITY,
  closes: [
    { day: '2024-05-31', price: '73.5' },
    { day: '2024-06-03', price: '70.86' },
  ],
};

export const AAPL: YahooSimListing = {
  ...NASDAQ_EQUITY,
  closes: [
    { day: '2024-05-31', price: '192.25' },
    { day: '2024-06-03', price: '194.03' },
  ],
};
