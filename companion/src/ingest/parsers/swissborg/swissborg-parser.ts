import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord, ActivityType } from '@omnifolio/shared/schemas';
import { FIAT_CURRENCIES } from '../../../pricing/fiat-currencies.js';
import { readCsv } from '../csv/read-csv.js';
import { requireNumber } from '../decimal-text.js';
import { StatementError } from '../statement-error.js';
import { emptyStatement, type ParsedStatement, type StatementInput, type StatementParser } from '../types.js';

/*
 * SwissBorg account statement (app → Profile → Account statement), XLSX or the same as CSV:
 *
 *   User ID,0,,,…
 *   Start Date,01/01/2021,…          ← preamble: dates, Local Currency, Time zone, disclaimer
 *   Local Currency,USD,…
 *   Local time,Time in UTC,Type,Currency,Gross amount,Gross amount (USD),Fee,Fee (USD),Net amount,Net amount (USD),Note
 *   01/01/2021 00:00,01/01/2021 00:00,Sell,CHF,100,100,0,0,100,100,Exchanged to 100.0 GRT. The fees for the exchange was taken in the bought currency
 *   01/01/2021 00:00,01/01/2021 00:00,Buy,GRT,100,100,1,1,99,99,Exchanged from 100 CHF
 *   01/01/2021 00:00,01/01/2021 08:00,Earnings,BTC,1,50000,0.5,25000,0.5,25000,Yield earnings
 *
 * The bracketed currency is the user's local currency (USD, EUR, CHF, GBP…). One exchange is
 * a Sell row and a Buy row at the same UTC time; its fee is on the Buy row, in the bought
 * currency. Quantities follow ccxt's convention: what arrived or left net, the fee apart.
 */

const FIXED = ['Local time', 'Time in UTC', 'Type', 'Currency', 'Gross amount', 'Fee', 'Net amount', 'Note'] as const;
const LOCAL_COLUMN = /^Gross amount \(([A-Z]{3})\)$/;
const ACCOUNT_KEY = 'main';

interface Header {
  index: number;
  at: Record<(typeof FIXED)[number], number>;
  localCurrency: string;
  grossLocal: number;
  feeLocal: number;
  netLocal: number;
}

function findHeader(rows: string[][]): Header | null {
  for (let i = 0; i < Math.min(rows.length, 50); i++) {
    const cells = rows[i]!.map((c) => c.trim());
    const localCurrency = cells.map((c) => LOCAL_COLUMN.exec(c)?.[1]).find(Boolean);
    if (!localCurrency || !FIXED.every((f) => cells.includes(f))) continue;
    const at = Object.fromEntries(FIXED.map((f) => [f, cells.indexOf(f)])) as Header['at'];
    return {
      index: i,
      at,
      localCurrency,
      grossLocal: cells.indexOf(`Gross amount (${localCurrency})`),
      feeLocal: cells.indexOf(`Fee (${localCurrency})`),
      netLocal: cells.indexOf(`Net amount (${localCurrency})`),
    };
  }
  return null;
}

/** `31/12/2021 08:00` (CSV) or an ISO instant (XLSX date cell) → ISO instant, UTC. */
export function parseUtcTime(text: string, location: string): string {
  const t = text.trim();
  const dmy = /^(\d{2})\/(\d{2})\/(\d{4})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(t);
  if (dmy) return `${dmy[3]}-${dmy[2]}-${dmy[1]}T${dmy[4]}:${dmy[5]}:${dmy[6] ?? '00'}.000Z`;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/.test(t)) return new Date(t).toISOString();
  throw new StatementError(`Time in UTC should look like 31/12/2021 08:00, found "${t.slice(0, 40)}".`, { location });
}

export interface SwissborgRow {
  line: number;
  /** Where the row is, for messages: `sheet Transactions, row 12` or `table "Transaction history", row 3`. */
  at: string;
  executedAt: string;
  type: string;
  currency: string;
  gross: string;
  fee: string;
  net: string;
  note: string;
  local: { currency: string; gross: string | null; fee: string | null; net: string | null };
}

async function sourceRows(input: StatementInput): Promise<{ rows: string[][]; where: string; warnings: string[] }> {
  if (input.kind === 'csv') return { rows: readCsv(await input.text(), ',', input.filename), where: '', warnings: [] };
  const sheets = await input.sheets();
  const withHeader = sheets.filter((s) => findHeader(s.rows));
  const chosen = withHeader[0];
  if (!chosen) {
    throw new StatementError(`no sheet of ${input.filename} has the SwissBorg statement columns (Local time, Time in UTC, Type, Currency, Gross amount …).`, {
      code: 'layout_changed',
      location: `sheets ${sheets.map((s) => s.name).join(', ')}`,
      hints: ['Export the account statement again from the SwissBorg app and upload the file as it was downloaded.'],
    });
  }
  const ignored = sheets.filter((s) => s !== chosen).map((s) => s.name);
  return {
    rows: chosen.rows,
    where: `sheet ${chosen.name}, `,
    warnings: ignored.length ? [`Sheets ${ignored.join(', ')} were ignored; the statement is on sheet ${chosen.name}.`] : [],
  };
}

const isFiat = (code: string) => FIAT_CURRENCIES.has(code);

export const swissborgParser = {
  id: 'swissborg',
  name: 'SwissBorg account statement',
  version: '1',
  formats: ['csv', 'xlsx'],
  async detect(input) {
    if (input.kind === 'csv') {
      const head = (await input.text()).split(/\r?\n/).slice(0, 50).join('\n');
      return head.includes('Time in UTC') && findHeader(readCsv(head, ',', input.filename)) !== null;
    }
    return (await input.sheets()).some((s) => findHeader(s.rows) !== null);
  },
  async parse(input): Promise<ParsedStatement> {
    const { rows, where, warnings } = await sourceRows(input);
    const header = findHeader(rows);
    if (!header) {
      throw new StatementError(`${input.filename} has no SwissBorg statement header (Local time, Time in UTC, Type, Currency, Gross amount (…), …).`, {
        code: 'layout_changed',
        location: `${where}rows 1–50`,
        hints: ['Export the account statement again from the SwissBorg app.'],
      });
    }
    const { at } = header;
    const parsed: SwissborgRow[] = [];
    for (let i = header.index + 1; i < rows.length; i++) {
      const cells = rows[i]!;
      const line = i + 1;
      if (cells.every((c) => c.trim() === '')) continue;
      const cell = (c: number) => (cells[c] ?? '').trim();
      const loc = (column: string) => `${where}row ${line}, column ${column}`;
      if (cells.length <= at['Net amount']) {
        throw new StatementError(`the row has ${cells.length} columns; the file looks cut off.`, {
          location: `${where}row ${line}`,
          hints: ['Export the statement again and upload the complete file.'],
        });
      }
      const localNumber = (c: number, name: string) => (c >= 0 && cell(c) !== '' ? requireNumber(cell(c), loc(name), name) : null);
      parsed.push({
        line,
        at: `${where}row ${line}`,
        executedAt: parseUtcTime(cell(at['Time in UTC']), loc('Time in UTC')),
        type: cell(at.Type),
        currency: cell(at.Currency).toUpperCase(),
        gross: requireNumber(cell(at['Gross amount']), loc('Gross amount'), 'Gross amount'),
        fee: requireNumber(cell(at.Fee) || '0', loc('Fee'), 'Fee'),
        net: requireNumber(cell(at['Net amount']), loc('Net amount'), 'Net amount'),
        note: cell(at.Note),
        local: {
          currency: header.localCurrency,
          gross: localNumber(header.grossLocal, `Gross amount (${header.localCurrency})`),
          fee: localNumber(header.feeLocal, `Fee (${header.localCurrency})`),
          net: localNumber(header.netLocal, `Net amount (${header.localCurrency})`),
        },
      });
    }

    const out = emptyStatement();
    out.warnings.push(...warnings);
    out.accounts.push(swissborgAccount(header.localCurrency));
    const built = swissborgActivities(parsed);
    out.activities.push(...built.activities);
    out.warnings.push(...built.warnings);
    const dates = parsed.map((r) => r.executedAt.slice(0, 10)).sort();
    out.statementDate = dates.at(-1) ?? null;
    return out;
  },
} satisfies StatementParser;

/** The one account SwissBorg statements and page tables go to. */
export const swissborgAccount = (baseCurrency: string) => ({ key: ACCOUNT_KEY, type: 'spot' as const, name: 'SwissBorg', baseCurrency });

/**
 * Rows of a statement (or of the app's transaction history) as activities: each Sell and
 * Buy at one UTC time become one trade, the rest one activity each.
 */
export function swissborgActivities(parsed: SwissborgRow[]): { activities: ActivityRecord[]; warnings: string[] } {
  const out = { activities: [] as ActivityRecord[], warnings: [] as string[] };
  const base = (r: SwissborgRow) => ({ accountKey: ACCOUNT_KEY, providerRef: '', executedAt: r.executedAt, quoteAsset: null, price: null });
  const feeOf = (r: SwissborgRow) => (dec(r.fee).isZero() ? { fee: null, feeAsset: null } : { fee: r.fee, feeAsset: r.currency });

  // Exchanges: a Sell and a Buy at one UTC time. Several in one minute pair by their notes
  // ("Exchanged to 100.0 GRT" / "Exchanged from 100 CHF"), else in file order.
  const trades = parsed.filter((r) => r.type === 'Sell' || r.type === 'Buy');
  const used = new Set<SwissborgRow>();
  const pairs: [SwissborgRow, SwissborgRow][] = [];
  for (const sell of trades.filter((r) => r.type === 'Sell')) {
    const candidates = trades.filter((r) => r.type === 'Buy' && !used.has(r) && r.executedAt === sell.executedAt);
    const buy = candidates.find((b) => namesCurrency(sell.note, 'to', b.currency) || namesCurrency(b.note, 'from', sell.currency)) ?? candidates[0];
    if (!buy) {
      throw new StatementError(`this Sell of ${sell.currency} has no Buy row at the same UTC time, so the exchange cannot be completed.`, {
        location: sell.at,
        hints: ['A statement period may cut an exchange in two: export a period that includes both rows.'],
      });
    }
    used.add(buy);
    used.add(sell);
    pairs.push([sell, buy]);
  }
  const lonelyBuy = trades.find((r) => r.type === 'Buy' && !used.has(r));
  if (lonelyBuy) {
    throw new StatementError(`this Buy of ${lonelyBuy.currency} has no Sell row at the same UTC time, so the exchange cannot be completed.`, {
      location: lonelyBuy.at,
      hints: ['A statement period may cut an exchange in two: export a period that includes both rows.'],
    });
  }
  const tradeOf = new Map(pairs.map((p) => [p[0], p] as const));

  for (const r of parsed) {
    let activity: ActivityRecord | undefined;
    if (r.type === 'Buy') continue;
    if (r.type === 'Sell') {
      const [sell, buy] = tradeOf.get(r)!;
      // Buying fiat with a coin is a sale of the coin; everything else buys what arrived.
      const sale = isFiat(buy.currency) && !isFiat(sell.currency);
      const [asset, quote] = sale ? [sell, buy] : [buy, sell];
      const fee = !dec(buy.fee).isZero() ? feeOf(buy) : feeOf(sell);
      if (!dec(buy.fee).isZero() && !dec(sell.fee).isZero())
        out.warnings.push(`${sell.at} and ${buy.at}: fees on both sides; the ${sell.currency} fee is kept in the record's raw data only.`);
      activity = {
        ...base(r),
        type: sale ? 'sell' : 'buy',
        asset: asset.currency,
        quantity: asset.gross,
        quoteAsset: quote.currency,
        price: toDecimalString(dec(quote.gross).div(asset.gross).toSignificantDigits(28)),
        ...fee,
        raw: { sell: rawOf(sell), buy: rawOf(buy) },
      };
    } else {
      const type = INFLOW_TYPES[r.type] ?? (r.type === 'Withdrawal' ? 'withdrawal' : undefined);
      if (!type) {
        throw new StatementError(`unknown transaction type "${r.type}".`, {
          code: 'layout_changed',
          location: `${r.at}, column Type`,
          hints: ['SwissBorg may have added a kind of transaction. Report it so the parser can learn it; the file is kept.'],
        });
      }
      activity = {
        ...base(r),
        type: type === 'reward' && /yield|interest/i.test(r.note) ? 'interest' : type,
        asset: r.currency,
        quantity: r.net,
        ...feeOf(r),
        raw: rawOf(r),
      };
    }
    out.activities.push(activity);
  }
  return out;
}

/** Earnings are yield or rewards by their note; Payouts likewise ("Yield payouts"). */
const INFLOW_TYPES: Record<string, ActivityType> = { Deposit: 'deposit', Earnings: 'reward', Payouts: 'reward', Rewards: 'reward' };

/** "Exchanged to 100.0 GRT" names GRT; compared as words, not as a pattern built from file content. */
function namesCurrency(note: string, direction: 'to' | 'from', currency: string): boolean {
  const m = new RegExp(`Exchanged ${direction} [\\d.,']+ ([A-Za-z0-9]+)`).exec(note);
  return m?.[1]?.toUpperCase() === currency;
}

function rawOf(r: SwissborgRow) {
  return { line: r.line, type: r.type, currency: r.currency, gross: r.gross, fee: r.fee, net: r.net, note: r.note || null, local: r.local };
}
