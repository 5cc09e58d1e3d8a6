import { ibkrFlexStatementParser } from '../../connectors/ibkr/flex/flex-statement-parser.js';
import { schwabCsvParser } from '../../connectors/schwab/schwab-csv-parser.js';
import { finpensionParser } from './finpension/finpension-parser.js';
import { franklyZkbParser } from './frankly-zkb/frankly-zkb-parser.js';
import { swissborgParser } from './swissborg/swissborg-parser.js';
import type { StatementParser } from './types.js';

/**
 * Every statement parser, in the order upload detection tries them (most specific first).
 * To add one: write parsers/<provider>/<provider>-parser.ts exporting an object that
 * `satisfies StatementParser` (see types.ts), pass it through parsers/contract-suite.ts in
 * a test beside it, and add it here.
 */
const parsers: StatementParser[] = [finpensionParser, swissborgParser, franklyZkbParser, ibkrFlexStatementParser, schwabCsvParser];

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
