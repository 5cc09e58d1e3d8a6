import { ibkrFlexStatementParser } from '../../connectors/ibkr/flex/flex-statement-parser.js';
import { schwabCsvParser } from '../../connectors/schwab/schwab-csv-parser.js';
import { finpensionPageTableParser } from './finpension/finpension-page-table-parser.js';
import { finpensionParser } from './finpension/finpension-parser.js';
import { franklyPageTableParser } from './frankly-zkb/frankly-page-table-parser.js';
import { franklyZkbParser } from './frankly-zkb/frankly-zkb-parser.js';
import { franklyZkbStatementParser } from './frankly-zkb/frankly-zkb-statement-parser.js';
import { swissborgPageTableParser } from './swissborg/swissborg-page-table-parser.js';
import { swissborgParser } from './swissborg/swissborg-parser.js';
import type { StatementParser } from './types.js';

/**
 * Every statement parser, in the order upload detection tries them (most specific first).
 * To add one: write parsers/<provider>/<provider>-parser.ts exporting an object that
 * `satisfies StatementParser` (see types.ts), pass it through parsers/contract-suite.ts in
 * a test beside it, and add it here.
 */
// Tables captured from a provider's page say so in their first line: tried first, they cost nothing.
const parsers: StatementParser[] = [
  swissborgPageTableParser,
  finpensionPageTableParser,
  franklyPageTableParser,
  finpensionParser,
  swissborgParser,
  franklyZkbParser,
  franklyZkbStatementParser,
  ibkrFlexStatementParser,
  schwabCsvParser,
];

/** Adds a parser (at start-up, before documents are processed). A second one with the same id replaces the first. */
export function registerParser(parser: StatementParser): void {
  const at = parsers.findIndex((p) => p.id === parser.id);
  if (at >= 0) parsers[at] = parser;
  else parsers.push(parser);
}

export function listParsers(): readonly StatementParser[] {
  return parsers;
}

export function getParser(id: string): StatementParser | undefined {
  return parsers.find((p) => p.id === id);
}
