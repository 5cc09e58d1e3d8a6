import type { DecimalString } from '@omnifolio/shared/money';
import { LosslessNumber, stringify } from 'lossless-json';
import { HostedSimulator } from '../framework/hosted-simulator.js';
import { type SimulatorClock, type SimulatorRequest, type SimulatorResponse, SimulatorServer } from '../framework/simulator-server.js';
import { sessionOpen } from '../yahoo/yahoo-simulator.js';

/**
 * A local stand-in for Tiingo's end-of-day prices, `GET /tiingo/daily/{ticker}/prices`
 * (the latest bar) and `?startDate=YYYY-MM-DD&endDate=YYYY-MM-DD` (a range), with Tiingo's
 * body (an array of bars with raw and adjusted prices, numbers as JSON numbers), its token
 * check (`Authorization: Token <key>`, else 401 `{"detail":"Invalid token."}`), its 404 for
 * an unknown ticker, the free plan's limits (50 requests an hour, 1000 a day, then 429) and
 * scripted faults.
 *
 * A day's bar appears once that session has closed (16:00 New York). Not modelled: the
 * `token` query parameter, ticker metadata (`/tiingo/daily/{ticker}`), `resampleFreq`,
 * `columns`, CSV, IEX intraday, the monthly unique-symbol allowance.
 */

export interface TiingoSimBar {
  /** Trading day, `YYYY-MM-DD`. */
  day: string;
  /** The raw close, as traded. */
  price: DecimalString;
  /** The split- and dividend-adjusted close; the raw close when absent. */
  adjClose?: DecimalString;
}

export interface TiingoSimListing {
  /** Trading days, oldest first. */
  closes: TiingoSimBar[];
}

export interface TiingoSimulatorOptions {
  clock?: SimulatorClock;
  /** The token the simulator accepts. Default `TIINGO_SIMULATOR_KEY`. */
  apiKey?: string;
  /** Requests an hour before 429. Default 50 (free plan); Infinity turns the limit off. */
  perHour?: number;
  /** Requests a day before 429. Default 1000 (free plan); Infinity turns the limit off. */
  perDay?: number;
}

export const TIINGO_SIMULATOR_KEY = 'tiingo-sim-0123456789abcdef0123456789abcdef';

const HOUR_MS = 60 * 60_000;
const DAY_MS = 24 * HOUR_MS;

export class TiingoSimulator extends HostedSimulator {
  protected readonly server: SimulatorServer;
  readonly #listings = new Map<string, TiingoSimListing>();
  readonly #apiKey: string;
  readonly #perHour: number;
  readonly #perDay: number;
  readonly #times: number[] = [];

  constructor(options: TiingoSimulatorOptions = {}) {
    super();
    this.#apiKey = options.apiKey ?? TIINGO_SIMULATOR_KEY;
    this.#perHour = options.perHour ?? 50;
    this.#perDay = options.perDay ?? 1_000;
    this.server = new SimulatorServer({
      clock: options.clock,
      handler: (request) => this.#handle(request),
      statusBody: (fault) => (fault.status === 429 ? { detail: 'Too many requests.' } : { detail: 'A server error occurred.' }),
    });
  }

  /** Adds or replaces a listing under its Tiingo ticker (`aapl`, `brk-b`; case does not matter). */
  setListing(ticker: string, listing: TiingoSimListing): void {
    this.#listings.set(ticker.toLowerCase(), listing);
  }

  #handle(request: SimulatorRequest): SimulatorResponse {
    const match = /^\/tiingo\/daily\/([^/]+)\/prices\/?$/.exec(request.path);
    if (request.method !== 'GET' || !match) return { status: 404, json: { detail: 'Not found.' } };
    if (request.headers.authorization !== `Token ${this.#apiKey}`) return { status: 401, json: { detail: 'Invalid token.' } };

    const now = request.now;
    while (this.#times.length > 0 && now - (this.#times[0] as number) >= DAY_MS) this.#times.shift();
    if (this.#times.length >= this.#perDay) return overAllowance('daily');
    if (this.#times.filter((t) => now - t < HOUR_MS).length >= this.#perHour) return overAllowance('hourly');
    this.#times.push(now);

    const ticker = decodeURIComponent(match[1] as string);
    const listing = this.#listings.get(ticker.toLowerCase());
    if (!listing) return { status: 404, json: { detail: `Error: Ticker '${ticker.toUpperCase()}' not found` } };

    const startDate = request.query.get('startDate');
    const endDate = request.query.get('endDate');
    for (const [name, value] of [
      ['startDate', startDate],
      ['endDate', endDate],
    ] as const) {
      if (value !== null && !/^\d{4}-\d{2}-\d{2}$/.test(value)) return { status: 400, json: { detail: `Error: ${name} must be in the format YYYY-MM-DD` } };
    }
    const closed = listing.closes.filter((bar) => sessionOpen(bar.day, '16:00', 'America/New_York') * 1000 <= now);
    const bars = startDate === null ? closed.slice(-1) : closed.filter((bar) => bar.day >= startDate && (endDate === null || bar.day <= endDate));
    const n = (value: DecimalString) => new LosslessNumber(value);
    const body = bars.map((bar) => ({
      date: `${bar.day}T00:00:00.000Z`,
      close: n(bar.price),
      high: n(bar.price),
      low: n(bar.price),
      open: n(bar.price),
      volume: 0,
      adjClose: n(bar.adjClose ?? bar.price),
      adjHigh: n(bar.adjClose ?? bar.price),
      adjLow: n(bar.adjClose ?? bar.price),
      adjOpen: n(bar.adjClose ?? bar.price),
      adjVolume: 0,
      divCash: n('0.0'),
      splitFactor: n('1.0'),
    }));
    return { status: 200, text: stringify(body) ?? '[]', headers: { 'content-type': 'application/json' } };
  }
}

function overAllowance(period: 'hourly' | 'daily'): SimulatorResponse {
  return {
    status: 429,
    text: `You have run over your ${period} request allocation. Please upgrade at https://api.tiingo.com/pricing to have your limits increased.`,
  };
}
