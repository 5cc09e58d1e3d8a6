import { dec } from '@omnifolio/shared/money';
import { FIAT_CURRENCIES } from '../../../pricing/fiat-currencies.js';
import {
  cellLocation,
  cellOf,
  divide,
  isPageTableOf,
  locateColumns,
  type PageTable,
  readPageTable,
  requireDisplayedNumber,
  requireProvider,
  unsupportedTable,
} from '../page-table/page-table.js';
import { StatementError } from '../statement-error.js';
import { emptyStatement, type ParsedStatement, type StatementParser } from '../types.js';
import { parseUtcTime, type SwissborgRow, swissborgAccount, swissborgActivities, swissborgParser } from './swissborg-parser.js';

/*
 * Tables captured from SwissBorg's web app (see page-table/page-table.ts for the document):
 *
 * - the transaction history (Account statement screen), an ARIA grid:
 *     Time in UTC,Type,Currency,Gross amount,Fee,Net amount
 *     01/01/2021 00:00,Sell,CHF,100,0,100
 *     01/01/2021 00:00,Buy,GRT,100,1,99
 *   the statement's rows without the local-currency columns and the note, read by the
 *   statement parser's own rules (a Sell and a Buy at one UTC time are one trade);
 * - the portfolio (holdings):
 *     Asset,Balance,Value (USD)
 *     Bitcoin BTC,0.5,"$47,312.50"
 *   the asset cell shows the name, then the ticker. The balances are the account's
 *   positions on the capture day; the value gives a price where no market price exists.
 */

const PROVIDER = 'swissborg';
const LOCAL_CURRENCY = /\(([A-Z]{3})\)/;

function transactions(table: PageTable): ParsedStatement {
  const col = locateColumns(
    table,
    {
      time: [['time']],
      type: [['type']],
      currency: [['currency']],
      gross: [['gross']],
      fee: [['fee']],
      net: [['net']],
      note: [['note']],
    },
    ['note'],
  );
  const rows: SwissborgRow[] = table.rows.map((row) => {
    const at = `table "${table.title}", row ${row.number}`;
    const number = (c: number, what: string) => requireDisplayedNumber(table, row, c, what).value;
    return {
      line: row.number,
      at,
      executedAt: parseUtcTime(cellOf(row, col.time), cellLocation(table, row, col.time)),
      type: cellOf(row, col.type),
      currency: cellOf(row, col.currency).toUpperCase(),
      gross: number(col.gross, 'Gross amount'),
      fee: cellOf(row, col.fee) === '' ? '0' : number(col.fee, 'Fee'),
      net: number(col.net, 'Net amount'),
      note: cellOf(row, col.note),
      local: { currency: '', gross: null, fee: null, net: null },
    };
  });
  const out = emptyStatement();
  out.accounts.push(swissborgAccount(localCurrencyOf(table)));
  const built = swissborgActivities(rows);
  out.activities.push(...built.activities);
  out.warnings.push(...built.warnings);
  out.statementDate =
    rows
      .map((r) => r.executedAt.slice(0, 10))
      .sort()
      .at(-1) ?? null;
  return out;
}

function holdings(table: PageTable): ParsedStatement {
  const col = locateColumns(table, { asset: [['asset']], balance: [['balance']], value: [['value']] });
  const currency = localCurrencyOf(table);
  const out = emptyStatement();
  out.accounts.push(swissborgAccount(currency));
  const asOf = `${table.capturedOn}T00:00:00.000Z`;
  for (const row of table.rows) {
    // "Bitcoin BTC": the ticker is the last word in capitals.
    const text = cellOf(row, col.asset);
    const m = /^(.*?)\s*\b([A-Z0-9]{2,12})$/.exec(text);
    if (!m) {
      throw new StatementError(`the asset should end in its ticker (like "Bitcoin BTC"), found "${text.slice(0, 40)}".`, {
        location: cellLocation(table, row, col.asset),
      });
    }
    const symbol = m[2]!;
    const fiat = FIAT_CURRENCIES.has(symbol);
    const asset = { symbol, kind: fiat ? ('fiat' as const) : ('crypto' as const), ...(m[1] ? { name: m[1] } : {}) };
    const balance = requireDisplayedNumber(table, row, col.balance, 'Balance');
    // The app lists assets it supports with a zero balance too: nothing is held.
    if (dec(balance.value).isZero()) continue;
    out.holdings.push({ accountKey: 'main', asset, quantity: balance.value, asOf });
    const value = cellOf(row, col.value) === '' ? null : requireDisplayedNumber(table, row, col.value, 'Value');
    // The page states no price: the value over the balance is the one it implies.
    if (!fiat && value && !balance.value.startsWith('-') && balance.value !== '0')
      out.prices.push({ asset, price: divide(value.value, balance.value), currency, at: asOf });
  }
  return out;
}

function localCurrencyOf(table: PageTable): string {
  // The app values everything in the user's local currency and names it in a header; a
  // table without one (the history) says nothing, and USD is SwissBorg's default.
  return table.headers.map((h) => LOCAL_CURRENCY.exec(h)?.[1]).find(Boolean) ?? 'USD';
}

export const swissborgPageTableParser = {
  id: 'swissborg-page',
  name: 'SwissBorg web app tables',
  version: '1',
  formats: ['csv'],
  provider: { id: swissborgParser.id, name: swissborgParser.name },
  async detect(input) {
    return isPageTableOf(await input.text(), PROVIDER);
  },
  async parse(input): Promise<ParsedStatement> {
    const table = await readPageTable(input);
    requireProvider(table, PROVIDER, 'SwissBorg');
    const out = table.table === 'holdings' ? holdings(table) : table.table === 'transactions' ? transactions(table) : unsupportedTable(table, 'SwissBorg');
    out.statementDate ??= table.capturedOn;
    out.displayed = true;
    return out;
  },
} satisfies StatementParser;
