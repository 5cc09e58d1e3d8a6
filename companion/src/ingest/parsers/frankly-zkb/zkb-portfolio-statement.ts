import { Decimal, dec, toDecimalString } from '@omnifolio/shared/money';
import { parseSwissNumber } from '../decimal-text.js';
import { StatementError } from '../statement-error.js';

/*
 * The periodic portfolio statement (Vermögensausweis) of a frankly 3a or ZKB securities
 * account, as text lines, pages separated by a line '\f'. MODELLED: no sample of the real
 * document was available; the layout follows the bank's advices (letterhead, "Valor … / ISIN …"
 * lines, Swiss numbers) and the usual shape of Swiss portfolio statements:
 *
 *   Vermögensausweis per 31.12.2023              ← fr "Relevé de fortune au", it "Estratto patrimoniale al"
 *   Bewertung in CHF
 *   Anlagefonds
 *   Anzahl Bezeichnung Kurs Kursdatum Wert CHF
 *   12.645 Anteile Swisscanto (CH) IPF III Vorsorge Fonds 95 Passiv NT CHF 154.8362 29.12.2023 1'957.90
 *   Valor 51215778 / ISIN CH0512157782
 *   …                                            ← page 2
 *   Konten
 *   frankly Sparen 3 Konto CHF 0.04
 *   Total Vermögen 1'957.94
 *
 * Every position's value must be its units × price (to the centime), and the positions and
 * accounts must add up to the total, or the statement is refused with the line that breaks.
 */

export interface ZkbStatementPosition {
  units: string;
  name: string;
  isin: string;
  valor: string;
  /** The price (a fund's NAV) in `currency`, as of `priceDate`. */
  price: string;
  currency: string;
  priceDate: string;
  /** In the statement's valuation currency. */
  value: string;
}

export interface ZkbStatementAccount {
  name: string;
  currency: string;
  balance: string;
}

export interface ZkbPortfolioStatement {
  /** `YYYY-MM-DD`, the day the statement values the portfolio. */
  date: string;
  valuationCurrency: string;
  positions: ZkbStatementPosition[];
  accounts: ZkbStatementAccount[];
  total: string;
  frankly: boolean;
}

const TITLE =
  /^(?:Vermögensausweis|Depotauszug|Relevé de fortune|Relevé de dépôt|Estratto patrimoniale|Estratto di deposito) (?:per|au|al) (\d{2})\.(\d{2})\.(\d{4})$/;
const VALUATION = /^(?:Bewertung in|Évaluation en|Evaluation en|Valutazione in) ([A-Z]{3})$/;
const POSITION = /^([\d'.]+) (?:Anteile|Stück|parts|quote|Units) (.+) ([A-Z]{3}) ([\d'.]+) (\d{2})\.(\d{2})\.(\d{4}) ([\d'.]+\.\d{2})$/;
const IDS = /^Valor (\d+) \/ ISIN ([A-Z]{2}[A-Z0-9]{9}\d)$/;
const ACCOUNTS = /^(?:Konten|Comptes|Conti)$/;
const ACCOUNT = /^(.+?(?:Konto|compte|conto).*?) ([A-Z]{3}) (-?[\d'.]+\.\d{2})$/i;
const TOTAL = /^(?:Total Vermögen|Total de la fortune|Totale patrimonio) ([\d'.]+\.\d{2})$/;

/** The statement's title line within its first page: cheap enough for detect(). */
export function isZkbPortfolioStatement(lines: string[]): boolean {
  const firstPage = lines.slice(0, Math.max(0, lines.indexOf('\f')) || 80).map((l) => l.replace(/\s+/g, ' ').trim());
  const bank = firstPage.some((l) => /ZKBKCHZZ|Zürcher Kantonalbank|Vorsorgestiftung Sparen 3/.test(l));
  return bank && firstPage.some((l) => TITLE.test(l));
}

export function parseZkbPortfolioStatement(rawLines: string[]): ZkbPortfolioStatement {
  const lines = rawLines.map((l) => (l === '\f' ? l : l.replace(/\s+/g, ' ').trim()));
  // Page and line as the person finds them in the PDF: "page 2, line 4".
  const where: string[] = [];
  let page = 1;
  let lineOnPage = 0;
  for (const l of lines) {
    if (l === '\f') {
      page += 1;
      lineOnPage = 0;
      where.push(`page ${page}`);
    } else where.push(`page ${page}, line ${++lineOnPage}`);
  }
  const pages = page;
  const number = (text: string, i: number, what: string) => {
    const v = parseSwissNumber(text);
    if (v === null) throw new StatementError(`${what} should be a number, found "${text}".`, { location: where[i]! });
    return v;
  };

  const titleAt = lines.findIndex((l) => TITLE.test(l));
  if (titleAt < 0) throw new StatementError('no "Vermögensausweis per <date>" title.', { code: 'not_supported', location: 'page 1' });
  const [, d, m, y] = TITLE.exec(lines[titleAt]!)!;
  const date = `${y}-${m}-${d}`;
  const valuation = lines.map((l) => VALUATION.exec(l)).find(Boolean);
  const valuationCurrency = valuation?.[1] ?? 'CHF';

  const positions: ZkbStatementPosition[] = [];
  const accounts: ZkbStatementAccount[] = [];
  let inAccounts = false;
  let totalAt = -1;
  for (let i = titleAt + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (ACCOUNTS.test(line)) {
      inAccounts = true;
      continue;
    }
    if (TOTAL.test(line)) {
      totalAt = i;
      continue;
    }
    const p = POSITION.exec(line);
    if (p) {
      const ids = IDS.exec(lines[i + 1] ?? '');
      if (!ids) {
        throw new StatementError(`the position "${p[2]}" is not followed by its "Valor … / ISIN …" line.`, {
          code: 'layout_changed',
          location: where[i + 1] ?? where[i]!,
        });
      }
      const position: ZkbStatementPosition = {
        units: number(p[1]!, i, 'The number of units'),
        name: p[2]!,
        isin: ids[2]!,
        valor: ids[1]!,
        currency: p[3]!,
        price: number(p[4]!, i, 'The price'),
        priceDate: `${p[7]}-${p[6]}-${p[5]}`,
        value: number(p[8]!, i, 'The value'),
      };
      // A foreign-currency price converts at a rate this layout does not state: only the
      // valuation currency's prices can be checked against their value.
      if (position.currency === valuationCurrency) {
        const expected = dec(position.units).mul(position.price).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
        if (!expected.eq(position.value)) {
          throw new StatementError(
            `the value of ${position.name} (${position.value}) is not its ${position.units} units × ${position.price} = ${toDecimalString(expected)}.`,
            { location: where[i]!, hints: ['The statement may be damaged or its layout changed; the file is kept for a parser update.'] },
          );
        }
      }
      positions.push(position);
      i += 1;
      continue;
    }
    const a = inAccounts ? ACCOUNT.exec(line) : null;
    if (a) accounts.push({ name: a[1]!, currency: a[2]!, balance: number(a[3]!, i, 'The account balance') });
  }

  if (totalAt < 0) {
    throw new StatementError(`no "Total Vermögen" line: the statement's total is missing, so it cannot be checked.`, {
      code: 'layout_changed',
      location: `page ${pages}`,
      hints: ['The file may be cut off. Download the statement again and upload the new file.'],
    });
  }
  if (positions.length === 0 && accounts.length === 0) {
    throw new StatementError('no positions and no accounts before the total.', { code: 'layout_changed', location: where[totalAt]! });
  }
  const total = number(TOTAL.exec(lines[totalAt]!)![1]!, totalAt, 'The total');
  // Values are in the valuation currency; an account in another currency has no stated rate.
  const sum = [...positions.map((p) => p.value), ...accounts.map((a) => a.balance)].reduce((acc, v) => acc.plus(v), dec('0'));
  if (accounts.every((a) => a.currency === valuationCurrency) && !sum.eq(total)) {
    throw new StatementError(`the total ${total} is not the sum of the positions and accounts listed (${toDecimalString(sum)}).`, {
      location: where[totalAt]!,
      hints: ['A position may not have been read; the file is kept for a parser update.'],
    });
  }
  return { date, valuationCurrency, positions, accounts, total, frankly: lines.some((l) => /frankly|Vorsorgestiftung Sparen 3/i.test(l)) };
}
