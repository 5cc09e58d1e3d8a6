import type { FigiListing } from './openfigi-client.js';

/**
 * From OpenFIGI's listings of one security to the Yahoo Finance symbol of the listing a
 * holding is valued at. The table below is the whole mapping (also in README.md): Bloomberg
 * exchange code → Yahoo suffix, and the codes preferred for each holding currency, best
 * first (the home market's composite before its venues).
 */
export const YAHOO_SUFFIX_BY_EXCH_CODE: Readonly<Record<string, string>> = {
  // United States: composite and venues share the bare ticker.
  US: '',
  UN: '',
  UW: '',
  UQ: '',
  UA: '',
  UP: '',
  UR: '',
  UF: '',
  UV: '',
  // Switzerland: SIX (composite SW, venue SE) and the former SIX Swiss Exchange blue-chip segment VX.
  SW: '.SW',
  SE: '.SW',
  VX: '.SW',
  LN: '.L',
  GY: '.DE',
  GR: '.DE',
  GF: '.F',
  FP: '.PA',
  NA: '.AS',
  BB: '.BR',
  IM: '.MI',
  SM: '.MC',
  AV: '.VI',
  PL: '.LS',
  ID: '.IR',
  SS: '.ST',
  DC: '.CO',
  NO: '.OL',
  FH: '.HE',
  HK: '.HK',
  JT: '.T',
  JP: '.T',
  CT: '.TO',
  CN: '.TO',
  AT: '.AX',
  AU: '.AX',
};

export const EXCH_CODES_BY_CURRENCY: Readonly<Record<string, readonly string[]>> = {
  CHF: ['SW', 'SE', 'VX'],
  USD: ['US', 'UN', 'UW', 'UQ', 'UA', 'UP', 'UR', 'UF', 'UV'],
  EUR: ['GY', 'GR', 'FP', 'NA', 'IM', 'SM', 'BB', 'AV', 'ID', 'PL', 'FH', 'GF'],
  GBP: ['LN'],
  HKD: ['HK'],
  JPY: ['JT', 'JP'],
  CAD: ['CT', 'CN'],
  AUD: ['AT', 'AU'],
  SEK: ['SS'],
  DKK: ['DC'],
  NOK: ['NO'],
};

/** The exchange code a security's ISIN country most likely calls home, as a last resort. */
const HOME_BY_ISIN_COUNTRY: Readonly<Record<string, string>> = {
  CH: 'SW',
  US: 'US',
  GB: 'LN',
  DE: 'GY',
  FR: 'FP',
  NL: 'NA',
  IT: 'IM',
  ES: 'SM',
  HK: 'HK',
  JP: 'JT',
  CA: 'CT',
  AU: 'AT',
};

/** Yahoo symbol of one listing: ticker + suffix (once: `00700.HK` stays `0700.HK`); Hong Kong tickers are four digits (`0700.HK`); Bloomberg's `BRK/B` is Yahoo's `BRK-B`. */
export function yahooSymbolOf(listing: Pick<FigiListing, 'ticker' | 'exchCode'>): string | null {
  const suffix = YAHOO_SUFFIX_BY_EXCH_CODE[listing.exchCode];
  if (suffix === undefined) return null;
  let ticker = listing.ticker.trim().toUpperCase().replace(/[/ ]/g, '-');
  // A broker that already writes the market (Futu's `00700.HK`) is not suffixed twice.
  if (suffix !== '' && ticker.endsWith(suffix)) ticker = ticker.slice(0, -suffix.length);
  // Futu and HKEX write `00700`, OpenFIGI `700`; Yahoo wants `0700`.
  if (listing.exchCode === 'HK' && /^\d+$/.test(ticker)) ticker = String(Number(ticker)).padStart(4, '0');
  return `${ticker}${suffix}`;
}

/**
 * Picks the listing in the holding's currency (a CHF fund on SIX → `XXXX.SW`), else the
 * home exchange of the ISIN's country, else the first listing Yahoo has a suffix for.
 */
export function chooseYahooSymbol(isin: string, listings: readonly FigiListing[], currency: string | null): string | null {
  const preferred = [...(currency ? (EXCH_CODES_BY_CURRENCY[currency.toUpperCase()] ?? []) : [])];
  const home = HOME_BY_ISIN_COUNTRY[isin.slice(0, 2).toUpperCase()];
  if (home) preferred.push(...(Object.values(EXCH_CODES_BY_CURRENCY).find((codes) => codes.includes(home)) ?? [home]));
  for (const code of preferred) {
    const hit = listings.find((l) => l.exchCode === code);
    if (hit) return yahooSymbolOf(hit);
  }
  for (const l of listings) {
    const symbol = yahooSymbolOf(l);
    if (symbol) return symbol;
  }
  return null;
}
