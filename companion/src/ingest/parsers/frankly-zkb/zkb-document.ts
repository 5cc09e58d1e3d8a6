import { Decimal, dec, toDecimalString } from '@omnifolio/shared/money';
import { parseSwissNumber } from '../decimal-text.js';
import { StatementError } from '../statement-error.js';

/*
 * Zürcher Kantonalbank (and its frankly 3a app) transaction advices, as text lines:
 *
 *   Abrechnung von Wertschriften                      ← frankly: "Ausgabe" (issue of fund units)
 *   Ausgabe
 *   Abschluss per: 28.12.2023 / Buchungstag: 29.12.2023 / Börsenplatz: Primärmarkt
 *   Anteile - Units -NT CHF- Swisscanto (CH) IPF III (IPF III) - Swc (CH) IPF III Vorsorge Fonds 95 Passiv
 *   Valor 51215778 / ISIN CH0512157782
 *   Stück CHF CHF
 *   0.645 zu 154.9731 99.96
 *   Net Asset Value (NAV) 154.8362
 *   Total zu Ihren Lasten Valuta 04.01.2024 99.96
 *
 * Bank trades ("Effektenabrechnung / Ihr Kauf | Ihr Verkauf") list fees and taxes in the
 * security's currency, then "zum Kurs von GBP CHF 1.258775 CHF" and the total in the account
 * currency. Income advices ("Ertragsabrechnung") give "Stück 2'000 <name>", the gross
 * ("Bruttobetrag") and withholding taxes. Like the bank's own totals, each fee or tax is
 * converted and rounded to the centime on its own before summing.
 */

export type ZkbKind = 'purchase' | 'sale' | 'dividend';

export interface ZkbMoney {
  currency: string;
  value: string;
}

export interface ZkbSecurity {
  isin: string;
  valor: string;
  name: string;
  currency: string;
}

/** One advice, in the terms of the bank's own document (shares, gross, fees, taxes). */
export interface ZkbDocument {
  kind: ZkbKind;
  /** Trade date (Abschluss per) or booking day of income, `YYYY-MM-DD`. */
  date: string;
  security: ZkbSecurity;
  shares: string;
  /** Price per share in the security's currency, for trades. */
  price: string | null;
  /** Net asset value stated on fund issues. */
  nav: string | null;
  /** What was debited or credited, in the account's currency. */
  amount: ZkbMoney;
  grossValue: ZkbMoney;
  /** The gross in the security's currency when the account's currency differs. */
  forexGrossValue: ZkbMoney | null;
  fees: ZkbMoney;
  taxes: ZkbMoney;
  exchangeRate: string | null;
  note: string;
  /** frankly (3a) rather than a ZKB securities account. */
  frankly: boolean;
}

const KIND_LABELS: [RegExp, ZkbKind][] = [
  [/^(Ihr Kauf|Ausgabe|Votre achat|Émission|Il vostro acquisto|Emissione)$/, 'purchase'],
  [/^(Ihr Verkauf|Rücknahme|Votre vente|Rachat|La vostra vendita|Riscatto)$/, 'sale'],
  [/^(Ertragsabrechnung|Décompte de revenus|Conteggio dei redditi)\b/, 'dividend'],
];
const TAX = /Abgabe|Steuer|Stamp|Tax\b|Quellensteuer|Rückbehalt|imp[ôo]t|taxe|imposta|tassa/i;
const FEE = /Kommission|Gebühr|Courtage|Spesen|commission|frais|courtage|commissione|spese/i;
const TOTAL =
  /^Total zu Ihren (Lasten|Gunsten) Valuta \d{2}\.\d{2}\.\d{4} (\S+)$|^Total (?:à votre (?:charge|crédit)|a vostro (?:debito|credito)) (?:valeur|valuta) \d{2}\.\d{2}\.\d{4} (\S+)$/;

const isoDate = (dmy: string) => {
  const [d, m, y] = dmy.split('.');
  return `${y}-${m}-${d}`;
};
const cents = (d: Decimal) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

/** True when the lines look like a ZKB / frankly advice of a kind this parser reads. */
export function isZkbDocument(lines: string[]): boolean {
  const head = lines.slice(0, 80);
  const bank = head.some((l) => /ZKBKCHZZ|Zürcher Kantonalbank|Vorsorgestiftung Sparen 3/.test(l)) || lines.some((l) => /Zürcher Kantonalbank/.test(l));
  return bank && head.some((l) => KIND_LABELS.some(([re]) => re.test(l.trim())));
}

/** Reads one advice. Throws a StatementError naming the missing or unreadable line. */
export function parseZkbDocument(rawLines: string[]): ZkbDocument {
  const lines = rawLines.map((l) => l.replace(/\s+/g, ' ').trim());
  const find = (re: RegExp) => {
    const index = lines.findIndex((l) => re.test(l));
    return index < 0 ? null : { index, match: re.exec(lines[index]!)! };
  };
  const need = (re: RegExp, what: string) => {
    const found = find(re);
    if (!found)
      throw new StatementError(`the advice has no ${what}.`, {
        code: 'layout_changed',
        location: `line matching ${what}`,
        hints: ['The bank may have changed its document layout; the file is kept for a parser update.'],
      });
    return found;
  };
  const number = (text: string, lineIndex: number, what: string) => {
    const v = parseSwissNumber(text);
    if (v === null) throw new StatementError(`${what} should be a number, found "${text}".`, { location: `line ${lineIndex + 1}` });
    return v;
  };

  const kindAt = lines.findIndex((l) => KIND_LABELS.some(([re]) => re.test(l)));
  if (kindAt < 0) throw new StatementError('neither a purchase, a sale nor an income advice.', { code: 'not_supported', location: 'document title' });
  const kind = KIND_LABELS.find(([re]) => re.test(lines[kindAt]!))![1];
  const frankly = lines.some((l) => /frankly|Vorsorgestiftung Sparen 3/i.test(l));

  const idLine = need(/^Valor (\d+) \/ ISIN ([A-Z]{2}[A-Z0-9]{9}\d)$/, 'Valor / ISIN line');
  const [, valor, isin] = idLine.match as unknown as [string, string, string];

  const settlementRef = find(/Abwicklungs-Nr\. (\S+)/)?.match[1];
  const orderRef = find(/Auftrags-Nr\. (\S+)/)?.match[1];
  const note = [settlementRef && `Abwicklungs-Nr. ${settlementRef}`, orderRef && `Auftrags-Nr. ${orderRef}`].filter(Boolean).join(' | ');

  const totalLine = need(TOTAL, '"Total zu Ihren Lasten/Gunsten" line');
  const amountValue = number(totalLine.match[2] ?? totalLine.match[3]!, totalLine.index, 'The total');
  const fx = find(/^zum Kurs\s+von ([A-Z]{3})\s?\/?\s?([A-Z]{3}) ([\d'.]+) ([A-Z]{3})$/);
  const exchangeRate = fx ? number(fx.match[3]!, fx.index, 'The exchange rate') : null;

  let date: string;
  let securityCurrency: string;
  /** The currency the amounts are stated in before any conversion. */
  let statedCurrency: string;
  let shares: string;
  let name: string;
  let price: string | null = null;
  let forexGross: string;
  let scanFrom: number;
  if (kind === 'dividend') {
    const booked = need(/Buchungstag:? (\d{2}\.\d{2}\.\d{4})/, 'booking day');
    date = isoDate(booked.match[1]!);
    const holding = need(/^Stück ([\d'.]+) (.+)$/, '"Stück" line');
    shares = number(holding.match[1]!, holding.index, 'The number of shares');
    name = holding.match[2]!;
    securityCurrency = need(/^Dividendensatz ([A-Z]{3}) /, 'dividend rate').match[1]!;
    statedCurrency = securityCurrency;
    const gross = need(/^Bruttobetrag ([\d'.]+)$/, 'gross amount (Bruttobetrag)');
    forexGross = number(gross.match[1]!, gross.index, 'The gross amount');
    scanFrom = gross.index + 1;
  } else {
    const closing = need(/Abschluss per:? (\d{2}\.\d{2}\.\d{4})/, 'trade date (Abschluss per)');
    date = isoDate(closing.match[1]!);
    name = lines[idLine.index - 1] ?? '';
    const units = /^Anteile - Units -[^-]+- (.+?) - /.exec(name);
    if (units) name = units[1]!;
    const header = need(/^Stück ([A-Z]{3}) ([A-Z]{3})$/, '"Stück <currency> <currency>" line');
    securityCurrency = header.match[1]!;
    statedCurrency = header.match[2]!;
    const trade = /^([\d'.]+) zu ([\d'.]+) ([\d'.]+)$/.exec(lines[header.index + 1] ?? '');
    if (!trade)
      throw new StatementError(`expected "<shares> zu <price> <amount>" after the Stück line, found "${lines[header.index + 1] ?? ''}".`, {
        code: 'layout_changed',
        location: `line ${header.index + 2}`,
      });
    shares = number(trade[1]!, header.index + 1, 'The number of shares');
    price = number(trade[2]!, header.index + 1, 'The price');
    forexGross = number(trade[3]!, header.index + 1, 'The amount');
    scanFrom = header.index + 2;
  }

  // Fees and taxes: the labelled amounts between the gross and the total, in the security's currency.
  let fees = dec('0');
  let taxes = dec('0');
  const rate = exchangeRate ? dec(exchangeRate) : null;
  for (let i = scanFrom; i < totalLine.index; i++) {
    const m = /^(.+?) ([\d']+\.\d{2})$/.exec(lines[i]!);
    if (!m || /^Total\b/.test(m[1]!)) continue;
    const stated = dec(number(m[2]!, i, m[1]!));
    const inAccount = rate ? cents(stated.mul(rate)) : stated;
    if (TAX.test(m[1]!)) taxes = taxes.plus(inAccount);
    else if (FEE.test(m[1]!)) fees = fees.plus(inAccount);
    else
      throw new StatementError(`"${m[1]}" is neither a known fee nor a known tax.`, {
        code: 'layout_changed',
        location: `line ${i + 1}`,
        hints: ['The file is kept; a parser update will teach it this charge.'],
      });
  }

  const settlement = fx ? fx.match[4]! : statedCurrency;
  const amount = dec(amountValue);
  const charges = fees.plus(taxes);
  const grossInAccount = kind === 'purchase' ? amount.minus(charges) : amount.plus(charges);
  if (!fx && !grossInAccount.eq(forexGross)) {
    throw new StatementError(
      `the total ${amountValue} does not equal the gross ${forexGross} ${kind === 'purchase' ? 'plus' : 'minus'} fees and taxes (${toDecimalString(charges)}).`,
      {
        location: `line ${totalLine.index + 1}`,
        hints: ['A charge line may not have been read; the file is kept for a parser update.'],
      },
    );
  }
  const nav = find(/^Net Asset Value \(NAV\) ([\d'.]+)$/);
  const money = (v: Decimal | string): ZkbMoney => ({ currency: settlement, value: toDecimalString(v) });
  return {
    kind,
    date,
    security: { isin, valor, name, currency: securityCurrency },
    shares,
    price,
    nav: nav ? number(nav.match[1]!, nav.index, 'The NAV') : null,
    amount: money(amount),
    grossValue: money(grossInAccount),
    forexGrossValue: settlement !== securityCurrency ? { currency: securityCurrency, value: forexGross } : null,
    fees: money(fees),
    taxes: money(taxes),
    exchangeRate,
    note,
    frankly,
  };
}
