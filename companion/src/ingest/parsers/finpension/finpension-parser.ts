import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord } from '@omnifolio/shared/schemas';
import { readCsv } from '../csv/read-csv.js';
import { optionalNumber, requireNumber } from '../decimal-text.js';
import { StatementError } from '../statement-error.js';
import { emptyStatement, type ParsedStatement, type StatementAsset, type StatementInput, type StatementParser } from '../types.js';

/*
 * Finpension transaction report ("Transactions" export of a 3a or vested-benefits portfolio),
 * `;`-separated, UTF-8 with BOM, newest row first:
 *
 *   Date;Category;"Asset Name";ISIN;"Number of Shares";"Asset Currency";"Currency Rate";"Asset Price in CHF";"Cash Flow";Balance
 *   2023-10-07;"Flat-rate administrative fee";;;;CHF;1.000000;;-1.324000;15.160551
 *   2023-07-11;Buy;"CSIF (CH) Bond Corporate Global ex CHF Blue ZBH";CH0189956813;0.001000;CHF;1.000000;821.800000;-0.821800;16.484551
 *
 * The two products name some categories differently (3a / vested benefits):
 * Deposit / Transfer vested benefits, Buy+Sell / Portfolio Transaction,
 * Dividend / Dividend and Interest Distributions, Flat-rate administrative fee / Implementation fees.
 */

const COLUMNS = [
  'Date',
  'Category',
  'Asset Name',
  'ISIN',
  'Number of Shares',
  'Asset Currency',
  'Currency Rate',
  'Asset Price in CHF',
  'Cash Flow',
  'Balance',
] as const;
type Column = (typeof COLUMNS)[number];

export type Kind = 'deposit' | 'trade' | 'dividend' | 'interest' | 'fee';
export const CATEGORIES: Record<string, Kind> = {
  Deposit: 'deposit',
  'Transfer vested benefits': 'deposit',
  Buy: 'trade',
  Sell: 'trade',
  'Portfolio Transaction': 'trade',
  Dividend: 'dividend',
  'Dividend and Interest Distributions': 'dividend',
  Interests: 'interest',
  'Flat-rate administrative fee': 'fee',
  'Implementation fees': 'fee',
};
/** Categories only the vested-benefits (Freizügigkeit) product uses. */
export const VESTED_ONLY = new Set(['Transfer vested benefits', 'Portfolio Transaction', 'Dividend and Interest Distributions', 'Implementation fees']);

/** Cash-flow and running-balance values carry six decimals; anything below is noise. */
const BALANCE_TOLERANCE = dec('0.000001');

function headerOf(rows: string[][]): Map<Column, number> | null {
  const header = rows[0]?.map((c) => c.trim());
  if (!header) return null;
  const at = new Map<Column, number>();
  for (const col of COLUMNS) {
    const i = header.indexOf(col);
    if (i < 0) return null;
    at.set(col, i);
  }
  return at;
}

async function rowsOf(input: StatementInput): Promise<string[][]> {
  return readCsv(await input.text(), ';', input.filename);
}

export const finpensionParser = {
  id: 'finpension',
  name: 'Finpension transaction report',
  version: '1',
  formats: ['csv'],
  async detect(input) {
    const first = (await input.text()).split(/\r?\n/, 1)[0] ?? '';
    return first.includes(';') && headerOf(readCsv(first, ';', input.filename)) !== null;
  },
  async parse(input): Promise<ParsedStatement> {
    const rows = await rowsOf(input);
    const col = headerOf(rows);
    if (!col) {
      throw new StatementError(`${input.filename} has no Finpension header; expected the columns ${COLUMNS.join(';')}.`, {
        code: 'layout_changed',
        location: 'row 1',
        hints: ['Export the transactions again from app.finpension.ch (Portfolio → Transactions → Export).'],
      });
    }
    const cell = (row: string[], c: Column) => (row[col.get(c)!] ?? '').trim();

    interface Row {
      line: number;
      date: string;
      category: string;
      kind: Kind;
      name: string;
      isin: string;
      shares: string | null;
      price: string | null;
      cashFlow: string;
      balance: string;
    }
    const parsed: Row[] = [];
    for (let i = 1; i < rows.length; i++) {
      const raw = rows[i]!;
      const line = i + 1;
      if (raw.every((c) => c.trim() === '')) continue;
      if (raw.length < COLUMNS.length) {
        throw new StatementError(`the row has ${raw.length} of ${COLUMNS.length} columns; the file looks cut off.`, {
          location: `row ${line}`,
          hints: ['Export the transactions again and upload the complete file.'],
        });
      }
      const date = cell(raw, 'Date');
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new StatementError(`Date should be YYYY-MM-DD, found "${date}".`, { location: `row ${line}, column Date` });
      const category = cell(raw, 'Category');
      const kind = CATEGORIES[category];
      if (!kind) {
        throw new StatementError(`unknown category "${category}".`, {
          code: 'layout_changed',
          location: `row ${line}, column Category`,
          hints: ['Finpension may have added a kind of transaction. Report it so the parser can learn it; the file is kept.'],
        });
      }
      const isin = cell(raw, 'ISIN');
      const shares = optionalNumber(cell(raw, 'Number of Shares'), `row ${line}, column Number of Shares`, 'Number of Shares');
      if (kind === 'trade' && (!isin || shares === null)) {
        throw new StatementError(`a ${category} row needs an ISIN and a number of shares.`, {
          location: `row ${line}, column ${isin ? 'Number of Shares' : 'ISIN'}`,
        });
      }
      parsed.push({
        line,
        date,
        category,
        kind,
        name: cell(raw, 'Asset Name'),
        isin,
        shares,
        price: optionalNumber(cell(raw, 'Asset Price in CHF'), `row ${line}, column Asset Price in CHF`, 'Asset Price in CHF'),
        cashFlow: requireNumber(cell(raw, 'Cash Flow'), `row ${line}, column Cash Flow`, 'Cash Flow'),
        balance: requireNumber(cell(raw, 'Balance'), `row ${line}, column Balance`, 'Balance'),
      });
    }
    if (parsed.length === 0) return { ...emptyStatement(), warnings: [`${input.filename} lists no transactions.`] };

    const vested = parsed.some((r) => VESTED_ONLY.has(r.category)) || /vested|freiz/i.test(input.filename);
    const accountKey = vested ? 'vested-benefits' : 'pillar-3a';
    const out = emptyStatement();
    out.accounts.push({
      key: accountKey,
      type: vested ? 'vested_benefits' : 'pension_3a',
      name: vested ? 'Finpension vested benefits' : 'Finpension 3a',
      baseCurrency: 'CHF',
    });

    // The report is newest first; history reads oldest first. Rows of one day keep their
    // relative order reversed too, which is the order the running balance was computed in.
    const chronological = [...parsed].reverse();
    const assets = new Map<string, StatementAsset>();
    const shares = new Map<string, ReturnType<typeof dec>>();
    const lastPrice = new Map<string, { price: string; date: string }>();
    let previous: Row | undefined;
    for (const r of chronological) {
      if (previous && dec(previous.balance).plus(r.cashFlow).minus(r.balance).abs().gt(BALANCE_TOLERANCE)) {
        out.warnings.push(
          `Row ${r.line}: the balance ${r.balance} does not follow from row ${previous.line} (${previous.balance}) and the cash flow ${r.cashFlow}; transactions between them may be missing from this report.`,
        );
      }
      previous = r;
      const executedAt = `${r.date}T00:00:00.000Z`;
      const base = {
        accountKey,
        providerRef: '',
        executedAt,
        quoteAsset: null,
        price: null,
        fee: null,
        feeAsset: null,
        raw: {
          line: r.line,
          category: r.category,
          assetName: r.name || null,
          isin: r.isin || null,
          shares: r.shares,
          priceChf: r.price,
          cashFlow: r.cashFlow,
          balance: r.balance,
        },
      };
      let activity: ActivityRecord;
      const cash = dec(r.cashFlow);
      if (r.kind === 'trade') {
        const asset: StatementAsset = { symbol: r.isin, kind: 'fund', isin: r.isin, ...(r.name ? { name: r.name } : {}) };
        assets.set(r.isin, asset);
        const qty = dec(r.shares!);
        shares.set(r.isin, (shares.get(r.isin) ?? dec('0')).plus(qty));
        if (r.price) lastPrice.set(r.isin, { price: r.price, date: r.date });
        activity = { ...base, type: qty.isNegative() ? 'sell' : 'buy', asset: r.isin, quantity: toDecimalString(qty.abs()), quoteAsset: 'CHF', price: r.price };
      } else if (r.kind === 'fee') {
        activity = { ...base, type: 'fee', asset: 'CHF', quantity: toDecimalString(cash.abs()), fee: toDecimalString(cash.abs()), feeAsset: 'CHF' };
      } else {
        activity = {
          ...base,
          type: r.kind === 'deposit' ? (cash.isNegative() ? 'withdrawal' : 'deposit') : r.kind,
          asset: 'CHF',
          quantity: toDecimalString(cash.abs()),
        };
      }
      out.activities.push(activity);
    }
    out.assets.push(...assets.values());

    const asOfDate = parsed
      .map((r) => r.date)
      .sort()
      .at(-1)!;
    const asOf = `${asOfDate}T00:00:00.000Z`;
    out.statementDate = asOfDate;
    // Holdings follow from the report only when it starts at the account's opening: a
    // position that goes negative shows that earlier transactions are missing.
    out.holdings.push({ accountKey, asset: { symbol: 'CHF', kind: 'fiat' }, quantity: parsed[0]!.balance, asOf });
    const negative = [...shares].filter(([, q]) => q.isNegative());
    if (negative.length > 0) {
      out.warnings.push(
        `Fund positions were not derived: ${negative.map(([isin]) => isin).join(', ')} would be negative, so the report does not start at the account's opening. Export the full history to see holdings.`,
      );
    } else {
      for (const [isin, q] of shares) if (!q.isZero()) out.holdings.push({ accountKey, asset: assets.get(isin)!, quantity: toDecimalString(q), asOf });
    }
    for (const [isin, p] of lastPrice) out.prices.push({ asset: assets.get(isin)!, price: p.price, currency: 'CHF', at: `${p.date}T00:00:00.000Z` });
    return out;
  },
} satisfies StatementParser;
