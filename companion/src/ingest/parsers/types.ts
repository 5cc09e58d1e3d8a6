import type { AccountType, ActivityRecord } from '@omnifolio/shared/schemas';

/**
 * The parser interface every statement format implements. A parser is a plain object:
 *
 * ```ts
 * export const myParser = {
 *   id: 'my-bank',            // also the statement connection's provider id
 *   name: 'My Bank statements',
 *   version: '1',             // bump when the output changes; reprocess picks it up
 *   formats: ['pdf'],         // which StatementInput kinds it reads
 *   detect: (input) => input.kind === 'pdf' && …,   // cheap: first lines or header row only
 *   parse: async (input) => ({ … }),                 // throws StatementError on bad input
 * } satisfies StatementParser;
 * ```
 * and is registered once in parsers/registry.ts. It must pass parsers/contract-suite.ts.
 * Parsers never touch storage: they return records; ingest/statement-writer.ts stores them.
 */
export interface StatementParser {
  /** Stable id, also the provider id of the statement connection its records go to. */
  id: string;
  name: string;
  version: string;
  formats: readonly StatementFormat[];
  /** True when the input looks like this parser's format. Must not throw. */
  detect(input: StatementInput): Promise<boolean> | boolean;
  parse(input: StatementInput): Promise<ParsedStatement> | ParsedStatement;
  /**
   * The statement connection its records go to, when that is another parser's: the tables
   * captured from a provider's page belong with that provider's statements. Default: this
   * parser's own id and name. A document naming this provider is offered to each of its parsers.
   */
  provider?: { id: string; name: string };
}

/** `text` is a PDF statement's already-extracted text (`.txt`), read like the PDF's lines. */
export type StatementFormat = 'csv' | 'xlsx' | 'pdf' | 'text';

export interface SheetRows {
  name: string;
  /** Cell values as text, one array per row; empty cells are ''. */
  rows: string[][];
}

/**
 * One file, with lazy views on it. `lines()` is the text of a CSV/`.txt`, or a PDF's
 * positioned text regrouped into lines (pdfjs-dist); `sheets()` the cells of an XLSX.
 */
export interface StatementInput {
  filename: string;
  mediaType: string;
  kind: StatementFormat;
  bytes: Uint8Array;
  /** UTF-8 text without BOM (CSV and text); a PDF's lines joined by '\n'. */
  text(): Promise<string>;
  /** Lines of text; for a PDF, pages are separated by a line '\f'. */
  lines(): Promise<string[]>;
  sheets(): Promise<SheetRows[]>;
}

/** An instrument or currency as a statement names it. */
export interface StatementAsset {
  /** Ticker, currency code or, for funds and shares, the ISIN. */
  symbol: string;
  kind: 'crypto' | 'fiat' | 'fund' | 'equity';
  name?: string;
  isin?: string;
  /** Swiss security number. */
  valor?: string;
}

export interface StatementAccount {
  key: string;
  type: AccountType;
  name: string;
  baseCurrency: string;
}

/** A position the statement reports (or that follows from a full transaction history). */
export interface StatementHolding {
  accountKey: string;
  asset: StatementAsset;
  quantity: string;
  /** Valuation date of the position, ISO instant. */
  asOf: string;
}

/** A price the statement states (NAV, valuation price), used when no market price exists. */
export interface StatementPrice {
  asset: StatementAsset;
  price: string;
  currency: string;
  at: string;
}

/**
 * What a parser produces. `activities[].providerRef` may be left '' : the writer keys
 * every statement activity by a content fingerprint (provider ids are unreliable), and a
 * parser only sets it when the statement carries a stable reference of its own.
 */
export interface ParsedStatement {
  accounts: StatementAccount[];
  activities: ActivityRecord[];
  holdings: StatementHolding[];
  prices: StatementPrice[];
  /** The instruments the activities name by ISIN, so they can be stored with identifiers. */
  assets: StatementAsset[];
  /** The date the statement is as of (period end, booking day), ISO date. */
  statementDate: string | null;
  /** Things the user should know that did not stop parsing (a running-balance break). */
  warnings: string[];
  /**
   * The values are as a web page displayed them (rounded, without notes): each activity
   * gives way to the same movement from a statement file (ingest/displayed-activities.ts).
   */
  displayed?: boolean;
}

export const emptyStatement = (): ParsedStatement => ({
  accounts: [],
  activities: [],
  holdings: [],
  prices: [],
  assets: [],
  statementDate: null,
  warnings: [],
});
