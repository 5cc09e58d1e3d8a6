import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord, ActivityType } from '@omnifolio/shared/schemas';
import { readCsv } from '../../ingest/parsers/csv/read-csv.js';
import { StatementError } from '../../ingest/parsers/statement-error.js';
import { emptyStatement, type ParsedStatement, type StatementInput, type StatementParser } from '../../ingest/parsers/types.js';

/*
 * Charles Schwab transaction history, as exported from schwab.com (Accounts → History →
 * Export), newest first, US dollars:
 *
 *   Date,Action,Symbol,Description,Quantity,Price,Fees & Comm,Amount
 *   11/01/2023,Reinvest Shares,SPY,SPDR S&P 500 ETF,1.6531,$420.10,,-$694.48
 *   10/31/2023,Reinvest Dividend,SPY,SPDR S&P 500 ETF,,,,$694.48
 *   08/22/2023,Sell,FIHBX,FEDERATED HERMES INSTL HIGH YIELD BD IS,592.199,$8.46,$10.00,"$5,000.00"
 *   "07/15/2024 as of 07/12/2024","Stock Split","AVGO","BROADCOM INC","9","$170.067","",""
 *   Transactions Total,,,,,,,"-$26,582.91"
 *
 * The fallback for Schwab accounts without a registered Trader API app. The export has no
 * account number column, so one file is one account.
 */

const HEADER = ['Date', 'Action', 'Symbol', 'Description', 'Quantity', 'Price', 'Fees & Comm', 'Amount'] as const;
type Column = (typeof HEADER)[number];
const ACCOUNT_KEY = 'main';

/** Schwab's action names, by what they mean. Cash actions take their direction from the amount's sign. */
const TRADE: Record<string, 'buy' | 'sell'> = {
  Buy: 'buy',
  'Reinvest Shares': 'buy',
  'Buy to Open': 'buy',
  'Buy to Close': 'buy',
  Sell: 'sell',
  'Sell Short': 'sell',
  'Sell to Open': 'sell',
  'Sell to Close': 'sell',
};
/** [credit, debit] */
const CASH: Record<string, [ActivityType, ActivityType]> = {
  'Cash Dividend': ['dividend', 'fee'],
  'Reinvest Dividend': ['dividend', 'fee'],
  'Qualified Dividend': ['dividend', 'fee'],
  'Qual Div Reinvest': ['dividend', 'fee'],
  'Non-Qualified Div': ['dividend', 'fee'],
  'Special Non Qual Div': ['dividend', 'fee'],
  'Special Qual Div': ['dividend', 'fee'],
  'Pr Yr Div Reinvest': ['dividend', 'fee'],
  'Pr Yr Cash Div': ['dividend', 'fee'],
  'Pr Yr Non-Qual Div': ['dividend', 'fee'],
  'Long Term Cap Gain Reinvest': ['dividend', 'fee'],
  'Short Term Cap Gain Reinvest': ['dividend', 'fee'],
  'Long Term Cap Gain': ['dividend', 'fee'],
  'Short Term Cap Gain': ['dividend', 'fee'],
  'Credit Interest': ['interest', 'fee'],
  'Bank Interest': ['interest', 'fee'],
  'Bond Interest': ['interest', 'fee'],
  'Advisor Fee': ['reward', 'fee'],
  'ADR Mgmt Fee': ['reward', 'fee'],
  'Service Fee': ['reward', 'fee'],
  'Wire Fee': ['reward', 'fee'],
  'Margin Interest': ['reward', 'fee'],
  'Foreign Tax Paid': ['reward', 'fee'],
  'NRA Tax Adj': ['reward', 'fee'],
  'Wire Sent': ['deposit', 'withdrawal'],
  'Wire Received': ['deposit', 'withdrawal'],
  'Wire Funds': ['deposit', 'withdrawal'],
  'Wire Funds Received': ['deposit', 'withdrawal'],
  'MoneyLink Transfer': ['deposit', 'withdrawal'],
  'MoneyLink Deposit': ['deposit', 'withdrawal'],
  'Funds Received': ['deposit', 'withdrawal'],
  'Internal Transfer': ['deposit', 'withdrawal'],
  'Journaled Cash': ['deposit', 'withdrawal'],
};
/** Actions that move shares without cash. */
const SHARES: Record<string, ActivityType> = {
  'Journaled Shares': 'transfer',
  'Security Transfer': 'transfer',
  'Stock Split': 'split',
  'Stock Div Dist': 'split',
  'Reverse Split': 'split',
};

const DATE = /^(\d{2})\/(\d{2})\/(\d{4})(?: as of (\d{2})\/(\d{2})\/(\d{4}))?$/;
/** `-$1,259.59`, `$500135.00`, `1,259.59`, `-877`. */
const MONEY = /^([+-]?)\$?([+-]?)(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/;

function cleanHeader(cells: string[]): string[] {
  return cells.map((c) => c.replace(/^\uFEFF/, '').trim());
}

function isHeader(cells: string[]): boolean {
  const clean = cleanHeader(cells);
  return HEADER.every((h, i) => clean[i] === h);
}

function number(text: string | undefined, location: string, what: string, required: boolean): string | null {
  const t = (text ?? '').trim();
  if (t === '') {
    if (!required) return null;
    throw new StatementError(`${what} is empty.`, { location, hints: ['Export the history again from schwab.com and upload the new file.'] });
  }
  const m = MONEY.exec(t);
  if (m === null) throw new StatementError(`${what} should be an amount such as "-$1,259.59", found "${t.slice(0, 40)}".`, { location });
  const negative = m[1] === '-' || m[2] === '-';
  return toDecimalString(dec(`${negative ? '-' : ''}${m[3]!.replaceAll(',', '')}${m[5] ?? ''}`));
}

export const schwabCsvParser = {
  id: 'schwab-csv',
  name: 'Charles Schwab transaction history (CSV)',
  version: '1',
  formats: ['csv'],
  async detect(input: StatementInput) {
    if (input.kind !== 'csv') return false;
    const lines = (await input.lines()).slice(0, 3);
    return lines.some((line) => {
      try {
        return isHeader(readCsv(line, ',', input.filename)[0] ?? []);
      } catch {
        return false;
      }
    });
  },
  async parse(input: StatementInput): Promise<ParsedStatement> {
    const rows = readCsv(await input.text(), ',', input.filename);
    const headerAt = rows.slice(0, 3).findIndex(isHeader);
    if (headerAt < 0) {
      throw new StatementError(`The header ${HEADER.join(',')} was not found.`, {
        location: 'line 1',
        code: 'layout_changed',
        hints: ['Export the history from schwab.com as CSV and upload it unchanged.'],
      });
    }
    const at = Object.fromEntries(cleanHeader(rows[headerAt]!).map((h, i) => [h, i])) as Record<Column, number>;
    const activities: ActivityRecord[] = [];
    const warnings: string[] = [];
    for (let i = headerAt + 1; i < rows.length; i++) {
      const cells = rows[i]!;
      const row = i + 1;
      const cell = (c: Column) => (cells[at[c]] ?? '').trim();
      const where = (c: Column) => `row ${row}, column ${c}`;
      if (cells.every((c) => c.trim() === '')) continue;
      if (cell('Date') === 'Transactions Total') break;
      const date = DATE.exec(cell('Date'));
      if (date === null) throw new StatementError(`The date should read MM/dd/yyyy, found "${cell('Date').slice(0, 40)}".`, { location: where('Date') });
      const bookedOn = `${date[3]}-${date[1]}-${date[2]}`;
      const executedAt = new Date(`${bookedOn}T00:00:00Z`).toISOString();
      const action = cell('Action');
      const base = { accountKey: ACCOUNT_KEY, providerRef: '', executedAt, quoteAsset: null, price: null, fee: null, feeAsset: null } as const;
      const raw = {
        action,
        symbol: cell('Symbol') || undefined,
        description: cell('Description'),
        bookedOn,
        asOf: date[4] ? `${date[6]}-${date[4]}-${date[5]}` : undefined,
        amount: number(cell('Amount'), where('Amount'), 'Amount', false) ?? undefined,
      };

      const trade = TRADE[action];
      if (trade !== undefined) {
        const quantity = dec(number(cell('Quantity'), where('Quantity'), 'Quantity', true)!).abs();
        const fee = number(cell('Fees & Comm'), where('Fees & Comm'), 'Fees & Comm', false);
        activities.push({
          ...base,
          type: trade,
          asset: cell('Symbol'),
          quantity: toDecimalString(quantity),
          quoteAsset: 'USD',
          price: toDecimalString(dec(number(cell('Price'), where('Price'), 'Price', true)!).abs()),
          fee: fee === null || dec(fee).isZero() ? null : toDecimalString(dec(fee).abs()),
          feeAsset: fee === null || dec(fee).isZero() ? null : 'USD',
          raw,
        });
        continue;
      }
      const cash = CASH[action];
      if (cash !== undefined) {
        const amount = dec(number(cell('Amount'), where('Amount'), 'Amount', true)!);
        if (amount.isZero()) continue;
        activities.push({ ...base, type: amount.isNegative() ? cash[1] : cash[0], asset: 'USD', quantity: toDecimalString(amount.abs()), raw });
        continue;
      }
      const shares = SHARES[action];
      if (shares !== undefined) {
        const quantity = dec(number(cell('Quantity'), where('Quantity'), 'Quantity', true)!);
        if (quantity.isZero()) continue;
        activities.push({
          ...base,
          type: shares,
          asset: cell('Symbol'),
          quantity: toDecimalString(quantity.abs()),
          raw: { ...raw, direction: quantity.isNegative() ? 'out' : 'in' },
        });
        continue;
      }
      warnings.push(`Row ${row}: the Schwab action "${action}" is not known, so the row was not imported.`);
    }
    activities.sort((a, b) => a.executedAt.localeCompare(b.executedAt));
    const last = activities.at(-1)?.executedAt.slice(0, 10) ?? null;
    return {
      ...emptyStatement(),
      accounts: [{ key: ACCOUNT_KEY, type: 'brokerage', name: 'Charles Schwab', baseCurrency: 'USD' }],
      activities,
      statementDate: last,
      warnings,
    };
  },
} satisfies StatementParser;
