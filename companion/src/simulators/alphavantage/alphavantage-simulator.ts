import { type DecimalString, dec } from '@omnifolio/shared/money';
import { HostedSimulator } from '../framework/hosted-simulator.js';
import { type SimulatorClock, type SimulatorRequest, type SimulatorResponse, SimulatorServer } from '../framework/simulator-server.js';
import { sessionOpen } from '../yahoo/yahoo-simulator.js';

/**
 * A local stand-in for Alpha Vantage's `GET /query`, functions `GLOBAL_QUOTE` and
 * `TIME_SERIES_DAILY` (`outputsize=compact`: the last 100 trading days; `full` answers the
 * premium message), with Alpha Vantage's habit of answering every problem with HTTP 200
 * and one message key: `{"Error Message":…}` for a missing or wrong `apikey` and for an
 * unknown symbol in a time series, `{"Global Quote":{}}` for an unknown symbol's quote,
 * `{"Information":…}` once the free key's 25 requests a day are used (counted per UTC day)
 * and, when `perMinute` is set, the older `{"Note":…}` per-minute message. Prices are
 * strings with four decimals, as Alpha Vantage writes them (London in pence).
 *
 * A day's bar shows from its session's open on: the quote follows the session live (its
 * close plays the latest price). Not modelled: CSV, intraday and adjusted series, search,
 * the burst limit (about one request a second), the demo key.
 */

export interface AlphaVantageSimListing {
  /** IANA zone of the exchange, e.g. `Europe/London`. */
  timezone: string;
  /** Local session open, `HH:MM`. */
  opensAt: string;
  /** Trading days' closes in Alpha Vantage's unit (pence for `.LON`), oldest first; the last is the latest price. */
  closes: { day: string; price: DecimalString }[];
}

export interface AlphaVantageSimulatorOptions {
  clock?: SimulatorClock;
  /** The key the simulator accepts. Default `ALPHAVANTAGE_SIMULATOR_KEY`. */
  apiKey?: string;
  /** Requests per UTC day before the limit message. Default 25 (free key); Infinity turns the limit off. */
  perDay?: number;
  /** Requests a minute before the older per-minute note. Default Infinity (off), as today's free key has none. */
  perMinute?: number;
}

export const ALPHAVANTAGE_SIMULATOR_KEY = 'AVSIM0123456789AB';

export const ALPHAVANTAGE_MESSAGES = {
  badKey:
    'the parameter apikey is invalid or missing. Please claim your free API key on (https://www.alphavantage.co/support/#api-key). It should take less than 20 seconds.',
  perDay:
    'Thank you for using Alpha Vantage! Our standard API rate limit is 25 requests per day. Please subscribe to any of the premium plans at https://www.alphavantage.co/premium/ to instantly remove all daily rate limits.',
  perMinute:
    'Thank you for using Alpha Vantage! Our standard API call frequency is 5 calls per minute and 500 calls per day. Please visit https://www.alphavantage.co/premium/ if you would like to target a higher API call frequency.',
  invalidCall: (fn: string) => `Invalid API call. Please retry or visit the documentation (https://www.alphavantage.co/documentation/) for ${fn}.`,
  fullIsPremium:
    'Thank you for using Alpha Vantage! The outputsize=full parameter value is a premium feature for the TIME_SERIES_DAILY endpoint. You may subscribe to any of the premium plans at https://www.alphavantage.co/premium/ to instantly unlock all premium features',
};

const DAY_MS = 86_400_000;

export class AlphaVantageSimulator extends HostedSimulator {
  protected readonly server: SimulatorServer;
  readonly #listings = new Map<string, AlphaVantageSimListing>();
  readonly #apiKey: string;
  readonly #perDay: number;
  readonly #perMinute: number;
  readonly #times: number[] = [];

  constructor(options: AlphaVantageSimulatorOptions = {}) {
    super();
    this.#apiKey = options.apiKey ?? ALPHAVANTAGE_SIMULATOR_KEY;
    this.#perDay = options.perDay ?? 25;
    this.#perMinute = options.perMinute ?? Number.POSITIVE_INFINITY;
    this.server = new SimulatorServer({ clock: options.clock, handler: (request) => this.#handle(request) });
  }

  /** Adds or replaces a listing under its Alpha Vantage symbol (`IBM`, `SHOP.TRT`, `VOD.LON`). */
  setListing(symbol: string, listing: AlphaVantageSimListing): void {
    this.#listings.set(symbol.toUpperCase(), listing);
  }

  #handle(request: SimulatorRequest): SimulatorResponse {
    if (request.method !== 'GET' || request.path !== '/query')
      return { status: 404, text: '<html><body>Not Found</body></html>', headers: { 'content-type': 'text/html' } };
    if (request.query.get('apikey') !== this.#apiKey) return ok({ 'Error Message': ALPHAVANTAGE_MESSAGES.badKey });

    const now = request.now;
    const today = now - (now % DAY_MS);
    while (this.#times.length > 0 && (this.#times[0] as number) < Math.min(today, now - 60_000)) this.#times.shift();
    if (this.#times.filter((t) => now - t < 60_000).length >= this.#perMinute) return ok({ Note: ALPHAVANTAGE_MESSAGES.perMinute });
    if (this.#times.filter((t) => t >= today).length >= this.#perDay) return ok({ Information: ALPHAVANTAGE_MESSAGES.perDay });
    this.#times.push(now);

    const fn = request.query.get('function') ?? '';
    const symbol = (request.query.get('symbol') ?? '').toUpperCase();
    const listing = this.#listings.get(symbol);
    const bars = listing?.closes.filter((c) => sessionOpen(c.day, listing.opensAt, listing.timezone) * 1000 <= now) ?? [];
    const four = (price: DecimalString) => dec(price).toFixed(4);
    switch (fn) {
      case 'GLOBAL_QUOTE': {
        const last = bars.at(-1);
        if (!listing || !last) return ok({ 'Global Quote': {} });
        const previous = bars.at(-2) ?? last;
        const change = dec(last.price).minus(previous.price);
        return ok({
          'Global Quote': {
            '01. symbol': symbol,
            '02. open': four(last.price),
            '03. high': four(last.price),
            '04. low': four(last.price),
            '05. price': four(last.price),
            '06. volume': '0',
            '07. latest trading day': last.day,
            '08. previous close': four(previous.price),
            '09. change': change.toFixed(4),
            '10. change percent': `${change.div(previous.price).times(100).toFixed(4)}%`,
          },
        });
      }
      case 'TIME_SERIES_DAILY': {
        const outputsize = request.query.get('outputsize') ?? 'compact';
        if (outputsize === 'full') return ok({ Information: ALPHAVANTAGE_MESSAGES.fullIsPremium });
        if (!listing || bars.length === 0 || outputsize !== 'compact') return ok({ 'Error Message': ALPHAVANTAGE_MESSAGES.invalidCall(fn) });
        const series: Record<string, Record<string, string>> = {};
        // Alpha Vantage lists the newest day first.
        for (const bar of bars.slice(-100).reverse()) {
          series[bar.day] = {
            '1. open': four(bar.price),
            '2. high': four(bar.price),
            '3. low': four(bar.price),
            '4. close': four(bar.price),
            '5. volume': '0',
          };
        }
        return ok({
          'Meta Data': {
            '1. Information': 'Daily Prices (open, high, low, close) and Volumes',
            '2. Symbol': symbol,
            '3. Last Refreshed': bars.at(-1)?.day,
            '4. Output Size': 'Compact',
            '5. Time Zone': 'US/Eastern',
          },
          'Time Series (Daily)': series,
        });
      }
      default:
        return ok({ 'Error Message': `This API function (${fn}) does not exist.` });
    }
  }
}

/** Alpha Vantage pretty-prints its JSON with four spaces and answers 200 whatever happened. */
function ok(body: unknown): SimulatorResponse {
  return { status: 200, text: JSON.stringify(body, null, 4), headers: { 'content-type': 'application/json' } };
}
