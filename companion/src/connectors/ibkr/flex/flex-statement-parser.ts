/**
 * The Flex XML parser as a statement parser (provider id `ibkr-flex`), for uploads and
 * `pnpm omnifolio parse --provider ibkr-flex <file> --json`. XML arrives as a text file
 * (format `csv` or `text` in the statement input's terms); detection looks for the
 * `<FlexQueryResponse` root near the start.
 */
import { ValidationError } from '@omnifolio/shared/errors';
import { StatementError } from '../../../ingest/parsers/statement-error.js';
import type { ParsedStatement, StatementAsset, StatementParser } from '../../../ingest/parsers/types.js';
import { flexActivities } from './flex-activities.js';
import { flexHoldings } from './flex-holdings.js';
import { flexAccountIds, parseFlexStatement } from './flex-statement.js';

function toStatementError(error: unknown): unknown {
  if (!(error instanceof ValidationError)) return error;
  const issue = error.issues[0];
  if (issue !== undefined) return new StatementError(issue.message, { location: issue.path, hints: error.hints, cause: error });
  return new StatementError(error.shortMessage, { location: 'whole file', hints: error.hints, cause: error });
}

export const ibkrFlexStatementParser = {
  id: 'ibkr-flex',
  name: 'Interactive Brokers Flex Query (XML)',
  version: '1',
  formats: ['csv', 'text'],
  async detect(input) {
    if (input.kind !== 'csv' && input.kind !== 'text') return false;
    const head = (await input.text()).slice(0, 512).trimStart();
    return /^(<\?xml[^>]*\?>\s*)?<FlexQueryResponse[\s>]/.test(head);
  },
  async parse(input): Promise<ParsedStatement> {
    let response: ReturnType<typeof parseFlexStatement>;
    try {
      response = parseFlexStatement(await input.text());
      const byKey = new Map<string, ParsedStatement['accounts'][number]>();
      for (const s of response.statements) {
        for (const id of flexAccountIds(s)) {
          if (!byKey.has(id)) byKey.set(id, { key: id, type: 'brokerage', name: `IBKR ${id}`, baseCurrency: s.accountInformation?.currency || 'USD' });
        }
      }
      const accounts = [...byKey.values()];
      const activities = response.statements.flatMap((s) => flexActivities(s));
      const holdings = response.statements.flatMap((s) => {
        const h = flexHoldings(s);
        return h.balances.map((b) => ({
          accountKey: b.accountKey,
          asset: { symbol: b.asset.symbol, kind: b.asset.kind, name: b.asset.name } as StatementAsset,
          quantity: b.free,
          asOf: b.asOf,
        }));
      });
      const prices = response.statements.flatMap((s) => {
        const h = flexHoldings(s);
        const at = h.balances[0]?.asOf ?? new Date(0).toISOString();
        return h.marks
          .filter((m) => !m.price.startsWith('-'))
          .map((m) => ({ asset: { symbol: m.symbol, kind: 'equity' as const }, price: m.price, currency: m.currency, at }));
      });
      const assets = new Map<string, StatementAsset>();
      for (const s of response.statements) {
        for (const row of [...s.trades, ...s.openPositions]) {
          if (row.instrument.isin)
            assets.set(row.instrument.isin, {
              symbol: row.instrument.symbol.replace(/\s+/g, ' '),
              kind: 'equity',
              name: row.instrument.description,
              isin: row.instrument.isin,
            });
        }
      }
      const last =
        response.statements
          .map((s) => s.toDate?.date)
          .filter((d): d is string => d !== undefined)
          .sort()
          .at(-1) ?? null;
      const warnings = response.statements.length === 0 ? ['The Flex file holds no statement.'] : [];
      for (const s of response.statements) {
        if (s.accountInformation === null)
          warnings.push(
            `Statement of ${s.accountId} has no Account Information section, so its base currency is taken to be USD; tick Account Information in the Flex query.`,
          );
      }
      return { accounts, activities, holdings, prices, assets: [...assets.values()], statementDate: last, warnings };
    } catch (error) {
      throw toStatementError(error);
    }
  },
} satisfies StatementParser;
