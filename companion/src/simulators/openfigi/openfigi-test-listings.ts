import type { FigiSimListing } from './openfigi-simulator.js';

/**
 * OpenFIGI listings the tests share, in the shape `/v3/mapping` returns (FIGIs and names
 * as OpenFIGI gives them for Nestlé's share; one listing per exchange, trimmed to a few).
 */
const nestle = (figi: string, exchCode: string, ticker: string): FigiSimListing => ({
  figi,
  name: 'NESTLE SA-REG',
  ticker,
  exchCode,
  compositeFIGI: 'BBG000CSD7X8',
  securityType: 'Common Stock',
  marketSector: 'Equity',
  shareClassFIGI: 'BBG001S8W1N3',
  securityType2: 'Common Stock',
  securityDescription: ticker,
});

export const NESTLE_ISIN = 'CH0038863350';
export const NESTLE_LISTINGS: FigiSimListing[] = [
  nestle('BBG000CSD8R3', 'GY', 'NESR'),
  nestle('BBG000CSD7X8', 'SW', 'NESN'),
  nestle('BBG000CSF3Y6', 'SE', 'NESN'),
  nestle('BBG000BPRQ28', 'US', 'NSRGY'),
];
