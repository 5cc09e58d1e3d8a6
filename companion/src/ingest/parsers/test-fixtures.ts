import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ParserSample } from './contract-suite.js';

/** The copied third-party statement fixtures (companion/test/fixtures/<provider>/), for parser tests. */
export const FIXTURES_DIR = join(import.meta.dirname, '../../../test/fixtures');

export const fixtureBytes = (provider: string, name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES_DIR, provider, name)));

export const fixtureSample = (provider: string, name: string): ParserSample => ({ filename: name, bytes: fixtureBytes(provider, name) });

export const fixtureNames = (provider: string, pattern: RegExp): string[] =>
  readdirSync(join(FIXTURES_DIR, provider))
    .filter((n) => pattern.test(n))
    .sort();

/** A few files of every other statement kind, to check that a parser claims only its own. */
export function foreignSamples(except: 'swissborg' | 'finpension' | 'frankly-zkb' | 'generic-csv'): ParserSample[] {
  const byProvider: Record<string, ParserSample[]> = {
    swissborg: [fixtureSample('swissborg', 'chernals_example_account_statement.csv'), fixtureSample('swissborg', 'chernals_example_account_statement.xlsx')],
    finpension: [fixtureSample('finpension', 'finpension-3a-export.csv')],
    'frankly-zkb': [fixtureSample('frankly-zkb', 'Kauf01.txt'), fixtureSample('frankly-zkb', 'Dividende02.txt')],
    other: [
      { filename: 'other-bank.csv', bytes: new TextEncoder().encode('Datum,Buchungstext,Betrag\n2024-01-02,Coffee,-4.50\n') },
      { filename: 'letter.txt', bytes: new TextEncoder().encode('Dear customer,\nyour card will expire soon.\n') },
    ],
  };
  return Object.entries(byProvider)
    .filter(([provider]) => provider !== except)
    .flatMap(([, samples]) => samples);
}
