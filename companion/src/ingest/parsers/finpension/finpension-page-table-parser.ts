import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord } from '@omnifolio/shared/schemas';
import {
  agreesWithDisplayed,
  cellLocation,
  cellOf,
  divide,
  isPageTableOf,
  locateColumns,
  type PageTable,
  parseDisplayedNumber,
  readPageTable,
  requireDisplayedDate,
  requireDisplayedNumber,
  requireProvider,
  unsupportedTable,
} from '../page-table/page-table.js';
import { StatementError } from '../statement-error.js';
import { emptyStatement, type ParsedStatement, type StatementAccount, type StatementAsset, type StatementParser } from '../types.js';
import { CATEGORIES, finpensionParser, VESTED_ONLY } from './finpension-parser.js';

/*
 * Tables captured from Finpension's web app (see page-table/page-table.ts for the document):
 *
 * - a portfolio's Transactions tab, the transaction report's columns as the page shows them
 *   (cash flows and balances rounded to the centime):
 *     Date,Category,Asset Name,ISIN,Number of Shares,Cash Flow,Balance
 *     2023-10-07,Flat-rate administrative fee,,,,-1.32,15.16
 *     2023-07-11,Buy,CSIF (CH) Bond Corporate Global ex CHF Blue ZBH,CH0189956813,0.001000,-0.82,16.48
 * - a portfolio's Overview, its positions and cash on the capture day:
 *     Asset,ISIN,Shares,Price (CHF),Value (CHF)
 *     CSIF (CH) Equity Switzerland Large Cap Blue ZB,CH0033782431,0.009000,1'598.20,14.38
 *     Cash,,,,200.99
 *
 * Categories are the report's (both products' spellings). The account is the 3a or the
 * vested-benefits one, by the page's address (/portfolio/3a/…) or the categories used.
 */

const PROVIDER = 'finpension';
const CASH = /^(cash|liquidität|barbestand|liquidités|liquidità)$/i;

function accountOf(table: PageTable, categories: string[]): StatementAccount {
  const vested = /\/(vested|freizuegigkeit|fzp)/i.test(table.page ?? '') || categories.some((c) => VESTED_ONLY.has(c));
  return vested
    ? { key: 'vested-benefits', type: 'vested_benefits', name: 'Finpension vested benefits', baseCurrency: 'CHF' }
    : { key: 'pillar-3a', type: 'pension_3a', name: 'Finpension 3a', baseCurrency: 'CHF' };
}

function transactions(table: PageTable): ParsedStatement {
  const col = locateColumns(
    table,
    {
      date: [['date'], ['datum']],
      category: [['category'], ['kategorie']],
      name: [['asset'], ['anlage'], ['fonds']],
      isin: [['isin']],
      shares: [['shares'], ['anteile']],
      cashFlow: [['cash flow'], ['cashflow']],
    },
    ['name'],
  );
  const out = emptyStatement();
  const account = accountOf(
    table,
    table.rows.map((r) => cellOf(r, col.category)),
  );
  out.accounts.push(account);
  const assets = new Map<string, StatementAsset>();
  // The page lists the newest first, like the report; history reads oldest first.
  for (const row of [...table.rows].reverse()) {
    const date = requireDisplayedDate(table, row, col.date);
    const category = cellOf(row, col.category);
    const kind = CATEGORIES[category];
    if (!kind) {
      throw new StatementError(`unknown category "${category}".`, {
        code: 'layout_changed',
        location: cellLocation(table, row, col.category),
        hints: ['Finpension may have added a kind of transaction. Report it so the parser can learn it; the captured table is kept.'],
      });
    }
    const cash = dec(requireDisplayedNumber(table, row, col.cashFlow, 'Cash Flow').value);
    const base = {
      accountKey: account.key,
      providerRef: '',
      executedAt: `${date}T00:00:00.000Z`,
      quoteAsset: null,
      price: null,
      fee: null,
      feeAsset: null,
      raw: { table: table.title, row: row.number, cells: row.cells },
    };
    let activity: ActivityRecord;
    if (kind === 'trade') {
      const isin = cellOf(row, col.isin);
      if (!/^[A-Z]{2}[A-Z0-9]{9}\d$/.test(isin)) {
        throw new StatementError(`a ${category} row needs the fund's ISIN, found ${isin === '' ? 'nothing' : `"${isin}"`}.`, {
          location: cellLocation(table, row, col.isin),
        });
      }
      const shares = dec(requireDisplayedNumber(table, row, col.shares, 'Number of Shares').value);
      const name = cellOf(row, col.name);
      assets.set(isin, { symbol: isin, kind: 'fund', isin, ...(name ? { name } : {}) });
      // The page shows no price: the cash flow over the shares is the one it implies.
      const price = shares.isZero() ? null : divide(cash.abs().toString(), shares.abs().toString());
      activity = { ...base, type: shares.isNegative() ? 'sell' : 'buy', asset: isin, quantity: toDecimalString(shares.abs()), quoteAsset: 'CHF', price };
    } else if (kind === 'fee') {
      activity = { ...base, type: 'fee', asset: 'CHF', quantity: toDecimalString(cash.abs()), fee: toDecimalString(cash.abs()), feeAsset: 'CHF' };
    } else {
      activity = {
        ...base,
        type: kind === 'deposit' ? (cash.isNegative() ? 'withdrawal' : 'deposit') : kind,
        asset: 'CHF',
        quantity: toDecimalString(cash.abs()),
      };
    }
    out.activities.push(activity);
  }
  out.assets.push(...assets.values());
  out.statementDate =
    out.activities
      .map((a) => a.executedAt.slice(0, 10))
      .sort()
      .at(-1) ?? null;
  return out;
}

function holdings(table: PageTable): ParsedStatement {
  const col = locateColumns(
    table,
    {
      name: [['asset'], ['anlage'], ['fonds']],
      isin: [['isin']],
      shares: [['shares'], ['anteile']],
      price: [['price'], ['kurs']],
      value: [['value'], ['wert']],
    },
    ['name', 'price'],
  );
  const out = emptyStatement();
  const account = accountOf(table, []);
  out.accounts.push(account);
  const asOf = `${table.capturedOn}T00:00:00.000Z`;
  for (const row of table.rows) {
    const isin = cellOf(row, col.isin);
    const name = cellOf(row, col.name);
    if (isin === '' && CASH.test(name)) {
      const cash = requireDisplayedNumber(table, row, col.value, 'Value');
      out.holdings.push({ accountKey: account.key, asset: { symbol: 'CHF', kind: 'fiat' }, quantity: cash.value, asOf });
      continue;
    }
    if (!/^[A-Z]{2}[A-Z0-9]{9}\d$/.test(isin)) {
      throw new StatementError(`a position needs the fund's ISIN, found ${isin === '' ? 'nothing' : `"${isin}"`}.`, {
        location: cellLocation(table, row, col.isin),
      });
    }
    const asset: StatementAsset = { symbol: isin, kind: 'fund', isin, ...(name ? { name } : {}) };
    const shares = requireDisplayedNumber(table, row, col.shares, 'Shares');
    const value = requireDisplayedNumber(table, row, col.value, 'Value');
    const price = parseDisplayedNumber(cellOf(row, col.price));
    if (price && !agreesWithDisplayed(value, shares.value, price)) {
      throw new StatementError(`the value ${value.value} is not the shares ${shares.value} × the price ${price.value}.`, {
        location: cellLocation(table, row, col.value),
        hints: ['The page may have been captured while it was updating. Capture it again; the captured table is kept.'],
      });
    }
    out.assets.push(asset);
    out.holdings.push({ accountKey: account.key, asset, quantity: shares.value, asOf });
    const unitPrice = price?.value ?? (dec(shares.value).isZero() ? null : divide(value.value, shares.value));
    if (unitPrice) out.prices.push({ asset, price: unitPrice, currency: 'CHF', at: asOf });
  }
  return out;
}

export const finpensionPageTableParser = {
  id: 'finpension-page',
  name: 'Finpension web app tables',
  version: '1',
  formats: ['csv'],
  provider: { id: finpensionParser.id, name: finpensionParser.name },
  async detect(input) {
    return isPageTableOf(await input.text(), PROVIDER);
  },
  async parse(input): Promise<ParsedStatement> {
    const table = await readPageTable(input);
    requireProvider(table, PROVIDER, 'Finpension');
    const out = table.table === 'holdings' ? holdings(table) : table.table === 'transactions' ? transactions(table) : unsupportedTable(table, 'Finpension');
    out.statementDate ??= table.capturedOn;
    out.displayed = true;
    return out;
  },
} satisfies StatementParser;
