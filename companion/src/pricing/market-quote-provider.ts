import type { YahooChart } from './providers/yahoo/yahoo-chart.js';

/**
 * A listing's price and daily closes, in the listing's currency (major unit). Every market
 * data provider answers in this one shape, so the fallback chain can put them in any order.
 */
export type MarketChart = YahooChart;

/**
 * One provider of share, ETF and fund prices in the fallback chain (Yahoo Finance first,
 * then the keyed Tiingo and Alpha Vantage). Listings are named by their Yahoo symbol
 * (`AAPL`, `NESN.SW`, `SHOP.TO`); each provider maps it to its own ticker, or says it does
 * not cover that exchange.
 */
export interface MarketQuoteProvider {
  /** Short id, part of the price cache's source names: `yahoo`, `tiingo`, `alphavantage`. */
  readonly id: string;
  /** Shown as the price's source: `Yahoo Finance`, `Tiingo`, `Alpha Vantage`. */
  readonly name: string;
  /** Whether this provider can quote the listing at all, decided without a request. */
  covers(yahooSymbol: string): boolean;
  /** The latest price with recent closes. Null when the provider has no such listing. Errors (outage, 429, bad key) throw BaseErrors. */
  quote(yahooSymbol: string): Promise<MarketChart | null>;
  /** Daily closes from `fromDay` to `toDay` inclusive (exchange days, `YYYY-MM-DD`). Null when the provider has no such listing. */
  dailyCloses(yahooSymbol: string, fromDay: string, toDay: string): Promise<MarketChart | null>;
}
