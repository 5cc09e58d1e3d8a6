import { type Decimal, dec, toDecimalString } from '@omnifolio/shared/money';
import type { FigiSimListing } from '../simulators/openfigi/openfigi-simulator.js';
import type { YahooSimListing } from '../simulators/yahoo/yahoo-simulator.js';
import { SIX_EQUITY } from '../simulators/yahoo/yahoo-venues.js';
import { demoPricePath, utcDayOf } from './demo-price-path.js';

const DAY_MS = 86_400_000;

/**
 * The demo's pillar 3a account at Finpension, as the transaction report its web app exports
 * (the same `;`-separated layout, BOM and six-decimal numbers as the real export in
 * test/fixtures/finpension). Finpension has no API: the demo's statement account is filled the
 * way a user's is, by this file going through the documents pipeline and the Finpension parser.
 *
 * Four years of a saver's months: CHF 588 paid in on the first weekday after the 4th (the
 * yearly 3a maximum of CHF 7,056 in twelve parts), invested two weekdays later into three funds
 * at that day's price, a quarterly flat-rate administrative fee of 0.39 % a year of the
 * portfolio, quarterly interest on the cash, and the ETF's yearly distribution in May.
 *
 * Prices: one of the three is an exchange-traded fund, the iShares Core SPI ETF (CH), which
 * OpenFIGI maps to its SIX listing CHSPI and Yahoo Finance quotes as CHSPI.SW: the demo's
 * simulators serve the same daily path the report's buys were made at. The two CSIF pension
 * funds are not listed anywhere: OpenFIGI knows neither, so they are valued at the NAV of their
 * last purchase in the report, as a user's unlisted funds are.
 */

interface DemoFund {
  isin: string;
  name: string;
  /** Share of each month's investment. */
  weight: string;
  /** Price four years ago and today, in CHF. */
  from: string;
  to: string;
  amplitude: number;
  /** Where it is listed, if anywhere: Yahoo symbol and the OpenFIGI answer for its ISIN. */
  listing?: { yahooSymbol: string; figi: FigiSimListing[] };
  /** Yearly distribution per share, as a fraction of the price, paid in May. */
  distribution?: string;
}

/** OpenFIGI's answer for the ETF: its SIX listing first, then its other venues (FIGIs made up, in OpenFIGI's format). */
const chspi = (figi: string, exchCode: string): FigiSimListing => ({
  figi,
  name: 'ISHARES CORE SPI CH',
  ticker: 'CHSPI',
  exchCode,
  compositeFIGI: 'BBG006Q6JV69',
  securityType: 'ETP',
  marketSector: 'Equity',
  shareClassFIGI: 'BBG006Q6JTZ0',
  securityType2: 'Mutual Fund',
  securityDescription: 'CHSPI',
});

export const DEMO_PENSION_FUNDS: readonly DemoFund[] = [
  {
    isin: 'CH0237935652',
    name: 'iShares Core SPI ETF (CH)',
    weight: '0.35',
    from: '128.40',
    to: '171.86',
    amplitude: 0.05,
    listing: { yahooSymbol: 'CHSPI.SW', figi: [chspi('BBG006Q6JV69', 'SW'), chspi('BBG006Q6JW95', 'SE'), chspi('BBG006Q6K1B4', 'GY')] },
    distribution: '0.024',
  },
  {
    isin: 'CH0429081620',
    name: 'CSIF (CH) III Equity World ex CH Blue - Pension Fund Plus ZB',
    weight: '0.45',
    from: '1160.25',
    to: '1784.30',
    amplitude: 0.06,
  },
  {
    isin: 'CH0189956813',
    name: 'CSIF (CH) Bond Corporate Global ex CHF Blue ZBH',
    weight: '0.20',
    from: '858.10',
    to: '839.45',
    amplitude: 0.02,
  },
];

const MONTHLY_DEPOSIT = dec('588');
/** Flat-rate administrative fee: 0.39 % a year, charged quarterly on the portfolio's value. */
const QUARTERLY_FEE_RATE = dec('0.0039').div(4);
/** Interest on the cash account, quarterly. */
const QUARTERLY_INTEREST_RATE = dec('0.0025').div(4);
/** Cash left uninvested, so fees never overdraw the account. */
const CASH_RESERVE = dec('25');
const YEARS = 4;

const isWeekend = (atMs: number) => {
  const weekday = new Date(atMs).getUTCDay();
  return weekday === 0 || weekday === 6;
};
const weekdayOnOrAfter = (atMs: number) => {
  let at = atMs;
  while (isWeekend(at)) at += DAY_MS;
  return at;
};
const addWeekdays = (atMs: number, days: number) => {
  let at = atMs;
  for (let i = 0; i < days; i++) at = weekdayOnOrAfter(at + DAY_MS);
  return at;
};
const isoDay = (atMs: number) => new Date(atMs).toISOString().slice(0, 10);
const six = (value: Decimal) => value.toFixed(6);

export interface DemoPensionStatement {
  filename: string;
  mediaType: string;
  bytes: Uint8Array;
  /** The provider the file is uploaded for, as a user picks it. */
  providerId: 'finpension';
  /** Yahoo Finance listings of the listed funds, keyed by Yahoo symbol. */
  listings: Map<string, YahooSimListing>;
  /** OpenFIGI's answers, keyed by ISIN; unlisted funds are absent (OpenFIGI finds nothing). */
  figi: Map<string, FigiSimListing[]>;
}

interface Row {
  atMs: number;
  category: string;
  fund?: DemoFund;
  shares?: Decimal;
  price?: Decimal;
  cashFlow: Decimal;
}

/**
 * The demo's Finpension 3a transaction report, exported today, and the market data that goes
 * with it. The same `nowMs` always gives the same bytes, so the demo's document is one
 * document however often it starts on a day.
 */
export function demoPensionStatement(nowMs: number): DemoPensionStatement {
  const today = utcDayOf(nowMs);
  let lastTradingDay = today;
  while (isWeekend(lastTradingDay)) lastTradingDay -= DAY_MS;
  const opened = new Date(today);
  const firstMonth = Date.UTC(opened.getUTCFullYear() - YEARS, opened.getUTCMonth(), 1);
  const start = firstMonth - 31 * DAY_MS;

  // Each fund's daily price (weekdays), quoted to the centime as Finpension and SIX quote it.
  const priceOn = new Map<string, Map<number, Decimal>>();
  for (const fund of DEMO_PENSION_FUNDS) {
    const path = demoPricePath(
      [
        { atMs: lastTradingDay, price: dec(fund.to) },
        { atMs: weekdayOnOrAfter(start), price: dec(fund.from) },
      ],
      { startMs: start, endMs: lastTradingDay, amplitude: fund.amplitude, seed: fund.isin, skip: isWeekend },
    );
    priceOn.set(fund.isin, new Map(path.map((p) => [p.atMs, dec(p.price).toDecimalPlaces(2)])));
  }
  const price = (fund: DemoFund, atMs: number) => {
    const p = priceOn.get(fund.isin)?.get(atMs);
    if (!p) throw new Error(`The demo path of ${fund.isin} has no price on ${isoDay(atMs)}, a weekday.`);
    return p;
  };

  const rows: Row[] = [];
  const shares = new Map<string, Decimal>(DEMO_PENSION_FUNDS.map((f) => [f.isin, dec('0')]));
  let cash = dec('0');
  const book = (row: Row) => {
    rows.push(row);
    cash = cash.plus(row.cashFlow);
    if (row.fund && row.shares) shares.set(row.fund.isin, shares.get(row.fund.isin)!.plus(row.shares));
  };
  const portfolioValue = (atMs: number) => DEMO_PENSION_FUNDS.reduce((sum, f) => sum.plus(shares.get(f.isin)!.mul(price(f, atMs))), dec('0'));

  for (let month = firstMonth; ; ) {
    const date = new Date(month);
    const depositDay = weekdayOnOrAfter(month + 4 * DAY_MS);
    const buyDay = addWeekdays(depositDay, 2);
    if (buyDay > lastTradingDay) break;
    const m = date.getUTCMonth();
    // Quarter ends: interest on the cash and the administrative fee, on the 7th (as in the real export).
    if (m % 3 === 0 && month > firstMonth) {
      const quarterDay = weekdayOnOrAfter(month + 6 * DAY_MS);
      if (cash.isPositive()) book({ atMs: quarterDay, category: 'Interests', cashFlow: cash.mul(QUARTERLY_INTEREST_RATE).toDecimalPlaces(6) });
      book({
        atMs: quarterDay,
        category: 'Flat-rate administrative fee',
        cashFlow: portfolioValue(quarterDay).mul(QUARTERLY_FEE_RATE).toDecimalPlaces(6).neg(),
      });
    }
    if (m === 4) {
      for (const fund of DEMO_PENSION_FUNDS) {
        const held = shares.get(fund.isin)!;
        if (!fund.distribution || held.isZero()) continue;
        const payDay = weekdayOnOrAfter(month + 10 * DAY_MS);
        book({ atMs: payDay, category: 'Dividend', fund, cashFlow: held.mul(price(fund, payDay)).mul(fund.distribution).toDecimalPlaces(6) });
      }
    }
    book({ atMs: depositDay, category: 'Deposit', cashFlow: MONTHLY_DEPOSIT });
    const invest = cash.minus(CASH_RESERVE);
    for (const fund of DEMO_PENSION_FUNDS) {
      const at = price(fund, buyDay);
      const bought = invest.mul(fund.weight).div(at).toDecimalPlaces(6, 1);
      if (!bought.isPositive()) continue;
      book({ atMs: buyDay, category: 'Buy', fund, shares: bought, price: at, cashFlow: bought.mul(at).toDecimalPlaces(6).neg() });
    }
    month = Date.UTC(date.getUTCFullYear(), m + 1, 1);
  }

  // Written newest first, as Finpension exports; the running balance is computed oldest first.
  rows.sort((a, b) => a.atMs - b.atMs);
  let balance = dec('0');
  const lines = rows.map((r) => {
    balance = balance.plus(r.cashFlow);
    const name = r.fund ? `"${r.fund.name}"` : '';
    const category = r.category.includes(' ') ? `"${r.category}"` : r.category;
    return [
      isoDay(r.atMs),
      category,
      name,
      r.fund?.isin ?? '',
      r.shares ? six(r.shares) : '',
      'CHF',
      '1.000000',
      r.price ? six(r.price) : '',
      six(r.cashFlow),
      six(balance),
    ].join(';');
  });
  const header = 'Date;Category;"Asset Name";ISIN;"Number of Shares";"Asset Currency";"Currency Rate";"Asset Price in CHF";"Cash Flow";Balance';
  const text = `\uFEFF${[header, ...lines.reverse()].join('\n')}\n`;

  const listings = new Map<string, YahooSimListing>();
  const figi = new Map<string, FigiSimListing[]>();
  for (const fund of DEMO_PENSION_FUNDS) {
    if (!fund.listing) continue;
    figi.set(fund.isin, fund.listing.figi);
    const closes = [...priceOn.get(fund.isin)!].map(([atMs, p]) => ({ day: isoDay(atMs), price: toDecimalString(p) }));
    listings.set(fund.listing.yahooSymbol, { ...SIX_EQUITY, instrumentType: 'ETF', closes });
  }
  return {
    filename: `finpension-3a-transactions-${isoDay(today)}.csv`,
    mediaType: 'text/csv',
    bytes: new TextEncoder().encode(text),
    providerId: 'finpension',
    listings,
    figi,
  };
}
