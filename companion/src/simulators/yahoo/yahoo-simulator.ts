import type { DecimalString } from '@omnifolio/shared/money';
import { LosslessNumber, stringify } from 'lossless-json';
import { HostedSimulator } from '../framework/hosted-simulator.js';
import { type SimulatorClock, type SimulatorRequest, type SimulatorResponse, SimulatorServer } from '../framework/simulator-server.js';

/**
 * A local stand-in for Yahoo Finance's keyless chart endpoint,
 * `GET /v8/finance/chart/{symbol}?range=5d&interval=1d` or `?period1=…&period2=…&interval=1d`,
 * with Yahoo's body shape (meta, timestamp, indicators.quote[0].close, adjclose), its error
 * body for an unknown symbol (404 `{"chart":{"result":null,"error":{"code":"Not Found",…}}}`),
 * a per-minute limit answered by a plain-text 429 like Yahoo's edge, and scripted faults.
 *
 * Like Yahoo, prices go out as 32-bit floats (`76.16000366210938` for 76.16) with a
 * `priceHint` of the decimals the listing trades in, and each bar is stamped with its
 * session's open in the exchange's time zone. Not modelled: intraday intervals, splits and
 * dividends events, pre/post market, the v7 quote endpoint (it needs a cookie and crumb).
 */

export interface YahooSimListing {
  currency: string;
  exchangeName: string;
  fullExchangeName: string;
  instrumentType: 'EQUITY' | 'ETF' | 'MUTUALFUND';
  /** IANA zone, e.g. `Europe/Zurich`. */
  timezone: string;
  /** Local session open, `HH:MM`. */
  opensAt: string;
  priceHint: number;
  /** Trading days' closes, oldest first; the last is the current price. */
  closes: { day: string; price: DecimalString }[];
}

export interface YahooSimulatorOptions {
  clock?: SimulatorClock;
  /** Requests a minute before 429. Default 120; Infinity turns the limit off. */
  perMinute?: number;
}

const NOT_FOUND = { chart: { result: null, error: { code: 'Not Found', description: 'No data found, symbol may be delisted' } } };
const RANGE_DAYS: Record<string, number> = { '1d': 1, '5d': 5, '1mo': 31, '3mo': 92, '6mo': 183, '1y': 366, '2y': 731, '5y': 1827, '10y': 3653 };

export class YahooSimulator extends HostedSimulator {
  protected readonly server: SimulatorServer;
  readonly #listings = new Map<string, YahooSimListing>();
  readonly #perMinute: number;
  readonly #times: number[] = [];

  constructor(options: YahooSimulatorOptions = {}) {
    super();
    this.#perMinute = options.perMinute ?? 120;
    this.server = new SimulatorServer({
      clock: options.clock,
      handler: (request) => this.#handle(request),
      statusBody: (fault) =>
        fault.status === 429 ? undefined : { finance: { result: null, error: { code: 'internal-error', description: 'Service temporarily unavailable' } } },
    });
  }

  /** Adds or replaces a listing under its Yahoo symbol (`NESN.SW`). */
  setListing(symbol: string, listing: YahooSimListing): void {
    this.#listings.set(symbol.toUpperCase(), listing);
  }

  #handle(request: SimulatorRequest): SimulatorResponse {
    const now = request.now;
    while (this.#times.length > 0 && now - (this.#times[0] as number) >= 60_000) this.#times.shift();
    this.#times.push(now);
    if (this.#times.length > this.#perMinute) return { status: 429, text: 'Too Many Requests\r\n' };

    const match = /^\/v8\/finance\/chart\/([^/]+)$/.exec(request.path);
    if (request.method !== 'GET' || !match) return { status: 404, text: '<html><body>Not Found</body></html>', headers: { 'content-type': 'text/html' } };
    const symbol = decodeURIComponent(match[1] as string).toUpperCase();
    const interval = request.query.get('interval') ?? '1d';
    if (interval !== '1d') {
      return this.#bad(`Invalid input - interval=${interval} is not supported by this simulator. Valid intervals: [1d]`);
    }
    const listing = this.#listings.get(symbol);
    if (!listing) return { status: 404, json: NOT_FOUND };

    let fromS: number;
    let toS: number;
    const range = request.query.get('range');
    const period1 = request.query.get('period1');
    const period2 = request.query.get('period2');
    if (period1 !== null) {
      fromS = Number(period1);
      toS = period2 === null ? Math.floor(now / 1000) : Number(period2);
      if (!Number.isInteger(fromS) || !Number.isInteger(toS)) return this.#bad('Invalid input - period1 and period2 must be integers');
    } else {
      const days = range === 'max' ? 365 * 100 : RANGE_DAYS[range ?? '1mo'];
      if (days === undefined) return this.#bad(`Invalid input - range=${range} is not valid`);
      toS = Math.floor(now / 1000);
      fromS = toS - days * 86_400;
    }

    let bars = listing.closes.map((c) => ({ t: sessionOpen(c.day, listing.opensAt, listing.timezone), price: c.price })).filter((b) => b.t * 1000 <= now);
    // `1d` and `5d` count trading days, as Yahoo's do; longer ranges are calendar spans.
    if (range === '1d' || range === '5d') bars = bars.slice(-Number(range.slice(0, -1)));
    else bars = bars.filter((b) => b.t >= fromS && b.t < toS);
    const float = (price: DecimalString) => new LosslessNumber(String(Math.fround(Number(price))));
    const last = listing.closes.filter((c) => sessionOpen(c.day, listing.opensAt, listing.timezone) * 1000 <= now).at(-1);
    const offsetS = tzOffsetMinutes(listing.timezone, now) * 60;
    const meta = {
      currency: listing.currency,
      symbol,
      exchangeName: listing.exchangeName,
      fullExchangeName: listing.fullExchangeName,
      instrumentType: listing.instrumentType,
      firstTradeDate: listing.closes[0] ? sessionOpen(listing.closes[0].day, listing.opensAt, listing.timezone) : null,
      // The session's close (8.5 hours after its open), or now while it trades.
      regularMarketTime: last ? Math.min(sessionOpen(last.day, listing.opensAt, listing.timezone) + 8 * 3600 + 1800, Math.floor(now / 1000)) : null,
      hasPrePostMarketData: false,
      gmtoffset: offsetS,
      timezone: new Intl.DateTimeFormat('en-US', { timeZone: listing.timezone, timeZoneName: 'short' })
        .formatToParts(now)
        .find((p) => p.type === 'timeZoneName')?.value,
      exchangeTimezoneName: listing.timezone,
      regularMarketPrice: last ? float(last.price) : null,
      chartPreviousClose: bars[0] ? float(bars[0].price) : null,
      priceHint: listing.priceHint,
      dataGranularity: '1d',
      range: range ?? '',
      validRanges: ['1d', '5d', '1mo', '3mo', '6mo', '1y', '2y', '5y', '10y', 'ytd', 'max'],
    };
    const closes = bars.map((b) => float(b.price));
    const body = {
      chart: {
        result: [
          {
            meta,
            timestamp: bars.map((b) => b.t),
            indicators: { quote: [{ open: closes, high: closes, low: closes, close: closes, volume: bars.map(() => 0) }], adjclose: [{ adjclose: closes }] },
          },
        ],
        error: null,
      },
    };
    return { status: 200, text: stringify(body) ?? '', headers: { 'content-type': 'application/json;charset=utf-8' } };
  }

  #bad(description: string): SimulatorResponse {
    return { status: 400, json: { chart: { result: null, error: { code: 'Bad Request', description } } } };
  }
}

/** Unix seconds of `day`'s session open at local `opensAt` in `timeZone`. */
export function sessionOpen(day: string, opensAt: string, timeZone: string): number {
  const guess = Date.parse(`${day}T${opensAt}:00Z`);
  // The zone's offset at that instant (checked twice around a DST change).
  const first = guess - tzOffsetMinutes(timeZone, guess) * 60_000;
  return Math.floor((guess - tzOffsetMinutes(timeZone, first) * 60_000) / 1000);
}

/** Minutes the zone is ahead of UTC at an instant. */
export function tzOffsetMinutes(timeZone: string, atMs: number): number {
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(atMs).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}
