import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord, ActivityType } from '@omnifolio/shared/schemas';
import {
  agreesWithDisplayed,
  cellLocation,
  cellOf,
  isPageTableOf,
  locateColumns,
  type PageTable,
  type PageTableRow,
  parseDisplayedNumber,
  readPageTable,
  requireDisplayedDate,
  requireDisplayedNumber,
  requireProvider,
  unsupportedTable,
} from '../page-table/page-table.js';
import { StatementError } from '../statement-error.js';
import { emptyStatement, type ParsedStatement, type StatementAsset, type StatementParser } from '../types.js';
import { franklyZkbParser } from './frankly-zkb-parser.js';

/*
 * Tables captured from frankly Web (see page-table/page-table.ts for the document), in German
 * (French, Italian and English column words are accepted too):
 *
 * - the fund holdings ("Deine Anlagen") on the capture day:
 *     Fonds,Valor / ISIN,Anteile,Kurs (CHF),Wert (CHF)
 *     Swisscanto (CH) IPF III Vorsorge Fonds 95 Passiv NT,51215778 / CH0512157782,0.645,154.8362,99.87
 * - the transactions ("Transaktionen"):
 *     Datum,Transaktion,Fonds,Anteile,Kurs (CHF),Betrag (CHF)
 *     28.12.2023,Kauf,Swisscanto … NT CH0512157782,0.645,154.9731,-99.96
 *   the fund is known by the ISIN in its cell or in a column of its own.
 *
 * Both go to the frankly 3a account the bank's PDF advices fill; a purchase shown here and
 * read from its advice is one record (the advice's, exact).
 */

const PROVIDER = 'frankly-zkb';
const ISIN = /\b([A-Z]{2}[A-Z0-9]{9}\d)\b/;
const VALOR = /\b(\d{5,9})\b/;
const ACCOUNT = { key: 'frankly-3a', type: 'pension_3a' as const, name: 'frankly 3a (Zürcher Kantonalbank)', baseCurrency: 'CHF' };

const TYPES: [RegExp, ActivityType][] = [
  [/^(kauf|ausgabe|achat|émission|acquisto|emissione|purchase|buy)\b/i, 'buy'],
  [/^(verkauf|rücknahme|vente|rachat|vendita|riscatto|sale|sell)\b/i, 'sell'],
  [/^(einzahlung|versement|versamento|deposit|payment)\b/i, 'deposit'],
  [/^(auszahlung|retrait|prelievo|withdrawal|payout)\b/i, 'withdrawal'],
  [/^(ausschüttung|ertrag|distribution|dividende|dividend|distribuzione)\b/i, 'dividend'],
  [/^(zins|intérêt|interesse|interest)/i, 'interest'],
  [/^(gebühr|frais|commissione|spese|fee)/i, 'fee'],
];

function fundOf(table: PageTable, row: PageTableRow, nameColumn: number, idColumn: number): StatementAsset {
  const ids = `${cellOf(row, idColumn)} ${cellOf(row, nameColumn)}`;
  const isin = ISIN.exec(ids)?.[1];
  if (!isin) {
    throw new StatementError(`the fund has no ISIN in the row (found "${ids.trim().slice(0, 60)}").`, {
      location: cellLocation(table, row, idColumn >= 0 ? idColumn : nameColumn),
    });
  }
  const valor = VALOR.exec(cellOf(row, idColumn).replace(isin, ''))?.[1];
  const name = cellOf(row, nameColumn).replace(isin, '').trim();
  return { symbol: isin, kind: 'fund', isin, ...(valor ? { valor } : {}), ...(name ? { name } : {}) };
}

function holdings(table: PageTable): ParsedStatement {
  const col = locateColumns(
    table,
    {
      fund: [['fonds'], ['fund'], ['fondo']],
      ids: [['isin']],
      units: [['anteile'], ['parts'], ['quote'], ['units']],
      price: [['kurs'], ['cours'], ['corso'], ['price'], ['nav']],
      value: [['wert'], ['valeur', 'chf'], ['valore'], ['value']],
    },
    ['ids', 'price'],
  );
  const out = emptyStatement();
  out.accounts.push(ACCOUNT);
  const asOf = `${table.capturedOn}T00:00:00.000Z`;
  for (const row of table.rows) {
    const asset = fundOf(table, row, col.fund, col.ids);
    const units = requireDisplayedNumber(table, row, col.units, 'Anteile');
    const value = requireDisplayedNumber(table, row, col.value, 'Wert');
    const price = parseDisplayedNumber(cellOf(row, col.price));
    if (price && !agreesWithDisplayed(value, units.value, price)) {
      throw new StatementError(`the value ${value.value} is not the units ${units.value} × the price ${price.value}.`, {
        location: cellLocation(table, row, col.value),
        hints: ['The page may have been captured while it was updating. Capture it again; the captured table is kept.'],
      });
    }
    out.assets.push(asset);
    out.holdings.push({ accountKey: ACCOUNT.key, asset, quantity: units.value, asOf });
    // The page's price (the fund's NAV) values the holding where no market price exists.
    const unitPrice = price?.value ?? (dec(units.value).isZero() ? null : toDecimalString(dec(value.value).div(units.value).toSignificantDigits(20)));
    if (unitPrice) out.prices.push({ asset, price: unitPrice, currency: 'CHF', at: asOf });
  }
  out.statementDate = table.capturedOn;
  return out;
}

function transactions(table: PageTable): ParsedStatement {
  const col = locateColumns(
    table,
    {
      date: [['datum'], ['date'], ['data']],
      kind: [['transaktion'], ['transaction'], ['transazione'], ['art']],
      fund: [['fonds'], ['fund'], ['fondo']],
      ids: [['isin']],
      units: [['anteile'], ['parts'], ['quote'], ['units']],
      price: [['kurs'], ['cours'], ['corso'], ['price']],
      amount: [['betrag'], ['montant'], ['importo'], ['amount']],
    },
    ['fund', 'ids', 'units', 'price'],
  );
  const out = emptyStatement();
  out.accounts.push(ACCOUNT);
  const assets = new Map<string, StatementAsset>();
  // Newest first on the page; history reads oldest first.
  for (const row of [...table.rows].reverse()) {
    const date = requireDisplayedDate(table, row, col.date);
    const label = cellOf(row, col.kind);
    const type = TYPES.find(([re]) => re.test(label))?.[1];
    if (!type) {
      throw new StatementError(`unknown transaction "${label}".`, {
        code: 'layout_changed',
        location: cellLocation(table, row, col.kind),
        hints: ['frankly may show a new kind of transaction. Report it so the parser can learn it; the captured table is kept.'],
      });
    }
    const amount = requireDisplayedNumber(table, row, col.amount, 'Betrag');
    const base = {
      accountKey: ACCOUNT.key,
      providerRef: '',
      executedAt: `${date}T00:00:00.000Z`,
      quoteAsset: null,
      price: null,
      fee: null,
      feeAsset: null,
      raw: { table: table.title, row: row.number, cells: row.cells },
    };
    let activity: ActivityRecord;
    if (type === 'buy' || type === 'sell') {
      const asset = fundOf(table, row, col.fund, col.ids);
      assets.set(asset.isin!, asset);
      const units = requireDisplayedNumber(table, row, col.units, 'Anteile');
      const price = requireDisplayedNumber(table, row, col.price, 'Kurs');
      if (!agreesWithDisplayed({ ...amount, value: toDecimalString(dec(amount.value).abs()) }, units.value, price)) {
        throw new StatementError(`the amount ${amount.value} is not the units ${units.value} × the price ${price.value}.`, {
          location: cellLocation(table, row, col.amount),
          hints: ['The page may have been captured while it was updating. Capture it again; the captured table is kept.'],
        });
      }
      activity = { ...base, type, asset: asset.isin!, quantity: toDecimalString(dec(units.value).abs()), quoteAsset: 'CHF', price: price.value };
    } else {
      const quantity = toDecimalString(dec(amount.value).abs());
      activity = { ...base, type, asset: 'CHF', quantity, ...(type === 'fee' ? { fee: quantity, feeAsset: 'CHF' } : {}) };
    }
    out.activities.push(activity);
  }
  out.assets.push(...assets.values());
  out.statementDate =
    out.activities
      .map((a) => a.executedAt.slice(0, 10))
      .sort()
      .at(-1) ?? table.capturedOn;
  return out;
}

export const franklyPageTableParser = {
  id: 'frankly-page',
  name: 'frankly web app tables',
  version: '1',
  formats: ['csv'],
  provider: { id: franklyZkbParser.id, name: franklyZkbParser.name },
  async detect(input) {
    return isPageTableOf(await input.text(), PROVIDER);
  },
  async parse(input): Promise<ParsedStatement> {
    const table = await readPageTable(input);
    requireProvider(table, PROVIDER, 'frankly');
    const out = table.table === 'holdings' ? holdings(table) : table.table === 'transactions' ? transactions(table) : unsupportedTable(table, 'frankly');
    out.displayed = true;
    return out;
  },
} satisfies StatementParser;
