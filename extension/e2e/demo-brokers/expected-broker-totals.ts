import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import DecimalJs from 'decimal.js';
import { REPO_ROOT } from '../paths';
import type { BrokerHoldings } from './broker-holdings';

/**
 * The value of the demo broker accounts in USD and CHF, computed here with decimal.js from what
 * each simulator holds and the ECB simulator's reference rates (CoinGecko's demo exchange rates
 * for a currency the ECB does not publish), sharing nothing with the companion's valuation.
 * Exact: far more precision than the inputs need.
 */
const Decimal = DecimalJs.clone({ precision: 200, rounding: DecimalJs.ROUND_HALF_EVEN, toExpNeg: -200, toExpPos: 200 });
type Dec = InstanceType<typeof Decimal>;

const PRICES_FILE = join(REPO_ROOT, 'companion', 'src', 'simulators', 'coingecko', 'demo-prices.json');
const ECB_ANCHORS_FILE = join(REPO_ROOT, 'companion', 'src', 'simulators', 'ecb', 'ecb-anchor-rates.json');

export type Quote = 'USD' | 'CHF';

/** What one unit of `currency` is worth in USD and CHF: the ECB's rates first, as the companion values fiat. */
export function fxRates(): (currency: string) => Record<Quote, Dec> | null {
  const ecb = ecbRates();
  const coingecko = coinGeckoRates();
  return (currency) => ecb(currency) ?? coingecko(currency);
}

/**
 * The ECB's reference rates are units per euro. The simulated ECB publishes its newest anchor's
 * rates on every working day after that anchor (a day long past), so those are the rates of
 * the latest reference day whenever this runs. One unit of a currency buys
 * (quote per euro) / (currency per euro) of the quote: one division, kept to 28 significant
 * digits half to even (the precision the companion documents for cross rates in
 * docs/market-data.md); the euro's own rates are the published ones, exact.
 */
function ecbRates(): (currency: string) => Record<Quote, Dec> | null {
  const { anchors } = JSON.parse(readFileSync(ECB_ANCHORS_FILE, 'utf8')) as { anchors: { day: string; rates: Record<string, string> }[] };
  const newest = [...anchors].sort((a, b) => (a.day < b.day ? 1 : -1))[0];
  if (newest === undefined) throw new Error('ecb-anchor-rates.json has no anchors.');
  const perEuro = (code: string): Dec | null => {
    if (code === 'EUR') return new Decimal(1);
    const rate = newest.rates[code];
    return rate === undefined ? null : new Decimal(rate);
  };
  return (currency) => {
    const base = perEuro(currency);
    if (base === null) return null;
    const into = (quote: Quote): Dec => {
      if (quote === currency) return new Decimal(1);
      const quotePerEuro = perEuro(quote);
      if (quotePerEuro === null) throw new Error(`ecb-anchor-rates.json has no ${quote} rate.`);
      return currency === 'EUR' ? quotePerEuro : quotePerEuro.div(base).toSignificantDigits(28, DecimalJs.ROUND_HALF_EVEN);
    };
    return { USD: into('USD'), CHF: into('CHF') };
  };
}

/**
 * From CoinGecko's `exchange_rates`, for a currency the ECB does not publish: every
 * rate there is units per bitcoin, so one CHF buys usd/chf dollars. A quotient of two rates
 * rarely ends, so it is kept to 28 significant digits, rounded half to even — the precision an
 * FX rate is stored with (pricing/price-service.ts says so; that is the one convention taken
 * from the product). A currency in its own terms is worth exactly one. Null: no rate, unpriced.
 */
function coinGeckoRates(): (currency: string) => Record<Quote, Dec> | null {
  const rates = (JSON.parse(readFileSync(PRICES_FILE, 'utf8')) as { exchangeRates: Record<string, { value: string }> }).exchangeRates;
  const perBtc = (code: string): Dec | null => {
    const rate = rates[code.toLowerCase()]?.value;
    return rate === undefined ? null : new Decimal(rate);
  };
  return (currency) => {
    const base = perBtc(currency);
    if (base === null || base.isZero()) return null;
    const into = (quote: Quote): Dec => {
      if (quote === currency) return new Decimal(1);
      const quotePerBtc = perBtc(quote);
      if (quotePerBtc === null) throw new Error(`demo-prices.json has no ${quote} exchange rate.`);
      return quotePerBtc.div(base).toSignificantDigits(28, DecimalJs.ROUND_HALF_EVEN);
    };
    return { USD: into('USD'), CHF: into('CHF') };
  };
}

export interface ExpectedHolding {
  symbol: string;
  /** The quantity the popup shows for this account. */
  quantity: string;
  /** Exact values; null when the currency has no demo exchange rate (shown unpriced). */
  value: Record<Quote, string> | null;
}

export interface ExpectedAccount {
  holdings: ExpectedHolding[];
  value: Record<Quote, string>;
}

/** Values one broker account: cash at its exchange rate, each holding as quantity × mark × rate. */
export function expectedAccount(account: BrokerHoldings): ExpectedAccount {
  const rateOf = fxRates();
  const total = { USD: new Decimal(0), CHF: new Decimal(0) };
  const holdings: ExpectedHolding[] = [];
  const add = (symbol: string, quantity: string, inCurrency: Dec, currency: string) => {
    const rate = rateOf(currency);
    if (rate === null) {
      holdings.push({ symbol, quantity, value: null });
      return;
    }
    const usd = inCurrency.times(rate.USD);
    const chf = inCurrency.times(rate.CHF);
    total.USD = total.USD.plus(usd);
    total.CHF = total.CHF.plus(chf);
    holdings.push({ symbol, quantity, value: { USD: usd.toFixed(), CHF: chf.toFixed() } });
  };
  for (const { currency, amount } of account.cash) if (!new Decimal(amount).isZero()) add(currency, amount, new Decimal(amount), currency);
  for (const h of account.holdings) add(h.symbol, h.quantity, new Decimal(h.quantity).times(h.mark), h.currency);
  return { holdings, value: { USD: total.USD.toFixed(), CHF: total.CHF.toFixed() } };
}

/**
 * The accounts' total in euros, for a user whose base currency is EUR: euro cash at exactly its
 * amount, everything else its USD value times one US dollar in euros, `1 / usdPerEuro` (the
 * ECB's rate of the day) to 28 significant digits, half to even.
 */
export function totalInEuros(accounts: readonly ExpectedAccount[], usdPerEuro: string): string {
  const perUsd = new (DecimalJs.clone({ precision: 28, rounding: DecimalJs.ROUND_HALF_EVEN }))(1).div(usdPerEuro).toFixed();
  let total = new Decimal(0);
  for (const account of accounts) {
    for (const h of account.holdings) {
      if (h.value === null) continue;
      total = total.plus(h.symbol === 'EUR' ? new Decimal(h.quantity) : new Decimal(h.value.USD).times(perUsd));
    }
  }
  return total.toFixed();
}

/** The sum of several accounts' values. */
export function sumOf(accounts: readonly ExpectedAccount[]): Record<Quote, string> {
  const sum = (q: Quote) => accounts.reduce((s, a) => s.plus(a.value[q]), new Decimal(0)).toFixed();
  return { USD: sum('USD'), CHF: sum('CHF') };
}

/**
 * How the popup writes an amount (Intl's en-US currency style): "$4,610.00", "-$415.00",
 * "CHF 4,566.70", "-CHF 372.96"; rounded half to even to cents.
 */
export function displayedMoney(value: string, currency: Quote | 'EUR'): string {
  const cents = new Decimal(value).toFixed(2);
  const negative = cents.startsWith('-') && !new Decimal(cents).isZero();
  const [whole = '0', fraction = '00'] = cents.replace('-', '').split('.');
  const grouped = `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction}`;
  const symbol = { USD: '$', CHF: 'CHF\u00a0', EUR: '€' }[currency];
  return `${negative ? '-' : ''}${symbol}${grouped}`;
}

/** How the popup writes a quantity: grouped by thousands, at most eight decimals, no trailing zeros. */
export function displayedQuantity(quantity: string): string {
  const [whole = '0', fraction] = new Decimal(quantity).toDecimalPlaces(8, DecimalJs.ROUND_HALF_EVEN).toFixed().split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const grouped = whole.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}
