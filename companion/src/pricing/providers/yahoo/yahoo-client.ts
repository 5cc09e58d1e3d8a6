import { BaseError, NotFoundError, RateLimitedError, UnavailableError } from '@omnifolio/shared/errors';
import { BrokenCircuitError, ConsecutiveBreaker, circuitBreaker, handleWhen } from 'cockatiel';
import { parse } from 'lossless-json';
import type { MarketQuoteProvider } from '../../market-quote-provider.js';
import { parseRetryAfter } from '../coingecko/retry-after.js';
import { readChart, readChartError, UnreadableChartError, type YahooChart } from './yahoo-chart.js';

export type { YahooChart, YahooDailyClose } from './yahoo-chart.js';

/**
 * Yahoo Finance's chart endpoint (`/v8/finance/chart/{symbol}`), the one Yahoo serves
 * without a key or cookie: the current price, the listing's currency and time zone, and
 * daily closes. Yahoo documents no limits and answers 429 when hammered, so this client
 * keeps its own budget: requests go one at a time at least `minIntervalMs` apart; after a
 * 429 nothing is sent until the wait is over; and after `breakerThreshold` failures in a
 * row a circuit breaker stops calls for `breakerCooldownMs`, so an outage costs one error
 * per refresh instead of one per holding.
 */

export const YAHOO_BASE_URL = 'https://query1.finance.yahoo.com';

/** Yahoo gives no Retry-After; a minute is what its limit usually needs to clear. */
export const DEFAULT_RETRY_AFTER_MS = 60_000;
const DEFAULT_TIMEOUT_MS = 15_000;

export interface CreateYahooClientParameters {
  /** Overrides `https://query1.finance.yahoo.com` (simulators). */
  baseUrl?: string;
  fetch?: typeof globalThis.fetch;
  /** Least time between two requests. Default 500 ms. */
  minIntervalMs?: number;
  timeoutMs?: number;
  /** Consecutive failures before the breaker opens. Default 3. */
  breakerThreshold?: number;
  /** How long the open breaker refuses calls. Default 5 minutes. */
  breakerCooldownMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** Yahoo Finance is the chain's first provider: keyless, and it covers every exchange OpenFIGI maps to. */
export interface YahooClient extends MarketQuoteProvider {
  readonly id: 'yahoo';
  readonly name: 'Yahoo Finance';
  readonly baseUrl: string;
  /** The latest price with today's bar. Null when Yahoo has no such symbol. */
  quote(symbol: string): Promise<YahooChart | null>;
  /** Daily closes from `fromDay` to `toDay` (inclusive, exchange days). Null when Yahoo has no such symbol. */
  dailyCloses(symbol: string, fromDay: string, toDay: string): Promise<YahooChart | null>;
}

export function createYahooClient(parameters: CreateYahooClientParameters = {}): YahooClient {
  const baseUrl = (parameters.baseUrl ?? YAHOO_BASE_URL).replace(/\/+$/, '');
  const fetchFn = parameters.fetch ?? globalThis.fetch;
  const minIntervalMs = parameters.minIntervalMs ?? 500;
  const timeoutMs = parameters.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = parameters.now ?? Date.now;
  const sleep = parameters.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const breaker = circuitBreaker(
    handleWhen((error) => error instanceof UnavailableError || error instanceof RateLimitedError),
    {
      halfOpenAfter: parameters.breakerCooldownMs ?? 5 * 60_000,
      breaker: new ConsecutiveBreaker(parameters.breakerThreshold ?? 3),
    },
  );

  let queue: Promise<unknown> = Promise.resolve();
  let lastRequestAt = Number.NEGATIVE_INFINITY;
  let blockedUntil = 0;

  /** One request at a time, paced; a 429 closes the gate for Yahoo's wait. */
  function paced<T>(run: () => Promise<T>): Promise<T> {
    const next = queue.then(async () => {
      if (now() < blockedUntil) {
        const waitMs = blockedUntil - now();
        throw new RateLimitedError(`Yahoo Finance asked us to slow down; the next request goes out in ${Math.ceil(waitMs / 1000)} s.`, waitMs, {
          hints: ['Share and fund prices refresh after the wait on their own; the last known prices stay shown.'],
        });
      }
      const wait = lastRequestAt + minIntervalMs - now();
      if (wait > 0) await sleep(wait);
      lastRequestAt = now();
      return run();
    });
    queue = next.catch(() => undefined);
    return next;
  }

  async function chart(symbol: string, query: string): Promise<YahooChart | null> {
    const endpoint = `/v8/finance/chart/${encodeURIComponent(symbol)}`;
    try {
      return await breaker.execute(() => paced(() => request(endpoint, query)));
    } catch (error) {
      if (error instanceof BrokenCircuitError) {
        throw new UnavailableError('Yahoo Finance failed several times in a row, so Omnifolio paused calls to it for a few minutes.', {
          hints: ['Share and fund prices stay at their last known values, marked stale, until Yahoo answers again.'],
        });
      }
      throw error;
    }
  }

  async function request(endpoint: string, query: string): Promise<YahooChart | null> {
    const url = `${baseUrl}${endpoint}?${query}`;
    let response: Response;
    let text: string;
    try {
      response = await fetchFn(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
      text = await response.text();
    } catch (error) {
      throw new UnavailableError('Yahoo Finance could not be reached.', {
        details: `GET ${endpoint}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
        hints: ['Check the internet connection of this computer.', 'Share and fund prices will be fetched again at the next refresh.'],
        cause: error instanceof Error ? error : undefined,
      });
    }
    const details = `GET ${endpoint} → HTTP ${response.status}; body: ${text.slice(0, 300)}`;
    if (response.status === 429) {
      const waitMs = parseRetryAfter(response.headers.get('retry-after'), now()) ?? DEFAULT_RETRY_AFTER_MS;
      blockedUntil = now() + waitMs;
      throw new RateLimitedError(`Yahoo Finance asks us to wait ${Math.ceil(waitMs / 1000)} s before the next request.`, waitMs, {
        details,
        hints: ['Share and fund prices refresh after the wait on their own; the last known prices stay shown.'],
      });
    }
    let body: unknown;
    try {
      body = parse(text);
    } catch {
      body = undefined;
    }
    // Yahoo answers an unknown symbol with 404 and its own error body: that symbol has no price, the service is fine.
    const yahooError = body === undefined ? undefined : readChartError(body);
    if (response.status === 404 && yahooError?.code === 'Not Found') return null;
    if (response.status >= 500 || response.status === 408) {
      throw new UnavailableError(`Yahoo Finance is not answering properly right now (HTTP ${response.status}).`, {
        details,
        hints: ['Share and fund prices stay at their last known values and are fetched again at the next refresh.'],
      });
    }
    if (!response.ok) {
      if (response.status === 404) {
        throw new NotFoundError(`Yahoo Finance has no ${endpoint} at this address; the base URL may be wrong.`, { details });
      }
      throw new BaseError(`Yahoo Finance refused the request (HTTP ${response.status})${yahooError ? `: ${yahooError.description}` : '.'}`, {
        details,
        hints: ["This is likely a bug in Omnifolio's Yahoo client; the companion log has the details."],
      });
    }
    try {
      if (body === undefined) throw new UnreadableChartError('not JSON');
      return readChart(body);
    } catch (error) {
      if (!(error instanceof UnreadableChartError)) throw error;
      throw new UnavailableError('Yahoo Finance answered with data we could not read.', {
        details: `GET ${endpoint}: ${error.message}; body starts: ${text.slice(0, 300)}`,
        hints: ['This is usually a passing fault; prices will be fetched again at the next refresh.'],
      });
    }
  }

  return {
    id: 'yahoo',
    name: 'Yahoo Finance',
    baseUrl,
    covers: () => true,
    quote: (symbol) => chart(symbol, 'range=5d&interval=1d'),
    dailyCloses(symbol, fromDay, toDay) {
      // period2 is exclusive and compared with session opens, so reach to the end of `toDay`
      // plus a day: exchanges east of UTC open before 00:00 UTC of their day.
      const period1 = Date.parse(`${fromDay}T00:00:00Z`) / 1000 - 86_400;
      const period2 = Date.parse(`${toDay}T00:00:00Z`) / 1000 + 2 * 86_400;
      return chart(symbol, `period1=${period1}&period2=${period2}&interval=1d&events=div%2Csplit`).then((result) =>
        result === null ? null : { ...result, closes: result.closes.filter((c) => c.day >= fromDay && c.day <= toDay) },
      );
    },
  };
}
