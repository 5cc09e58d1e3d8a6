import { AuthError, BaseError, formatWait, NotFoundError, RateLimitedError, redactText, UnavailableError, ValidationError } from '@omnifolio/shared/errors';
import { type DecimalString, dec, toDecimalString } from '@omnifolio/shared/money';
import { LosslessNumber, parse } from 'lossless-json';
import { z } from 'zod';
import { instantOfLocalTime } from '../../../engine/local-day.js';
import type { MarketChart, MarketQuoteProvider } from '../../market-quote-provider.js';
import { parseRetryAfter } from '../coingecko/retry-after.js';
import { createKeyedRequestGate, type KeyedClientParameters, LIMIT_HINT } from '../keyed-request-gate.js';

/**
 * Alpha Vantage's `GLOBAL_QUOTE` and `TIME_SERIES_DAILY` for US, Toronto, Xetra and London
 * listings: a keyed fallback behind Yahoo Finance and Tiingo. The free key allows 25
 * requests a day and at most about one a second, and Alpha Vantage reports every problem
 * (limit, bad key, unknown symbol) with HTTP 200 and a one-key body, so this client reads
 * those bodies, paces requests `minIntervalMs` apart (12 s: five a minute), stops at the
 * day's allowance on its own, sends nothing after a limit until its wait is over, and opens
 * a circuit breaker after `breakerThreshold` failures in a row.
 */

export const ALPHAVANTAGE_BASE_URL = 'https://www.alphavantage.co';

/** The wait after a per-minute or per-second limit message. */
export const ALPHAVANTAGE_SHORT_RETRY_AFTER_MS = 60_000;
const DEFAULT_TIMEOUT_MS = 15_000;

export interface CreateAlphaVantageClientParameters extends KeyedClientParameters {
  /** The free or premium key from alphavantage.co/support/#api-key (`OMNIFOLIO_ALPHAVANTAGE_API_KEY`). */
  apiKey: string;
  /** Least time between two requests. Default 12 s (five a minute, the old free limit, and well under the burst limit). */
  minIntervalMs?: number;
  /** Requests per UTC day before the client refuses locally. Default 25 (free key); Infinity turns it off. */
  requestsPerDay?: number;
}

/** The chain's last keyed fallback: US, Toronto, Xetra and London listings. */
export interface AlphaVantageClient extends MarketQuoteProvider {
  readonly id: 'alphavantage';
  readonly name: 'Alpha Vantage';
  readonly baseUrl: string;
}

interface Market {
  /** Alpha Vantage's suffix for the exchange. */
  suffix: string;
  currency: string;
  exchangeName: string | null;
  timezone: string;
  /** Local time of the closing auction, `HH:MM`. */
  closesAt: string;
}

/** Yahoo suffix (upper case; `''` for US listings) → Alpha Vantage's market. Only these are covered. */
const MARKETS: Record<string, Market> = {
  '': { suffix: '', currency: 'USD', exchangeName: null, timezone: 'America/New_York', closesAt: '16:00' },
  TO: { suffix: '.TRT', currency: 'CAD', exchangeName: 'TSX', timezone: 'America/Toronto', closesAt: '16:00' },
  V: { suffix: '.TRV', currency: 'CAD', exchangeName: 'TSXV', timezone: 'America/Toronto', closesAt: '16:00' },
  DE: { suffix: '.DEX', currency: 'EUR', exchangeName: 'XETRA', timezone: 'Europe/Berlin', closesAt: '17:30' },
  // Not London: Alpha Vantage's `.LON` prices carry no currency, and London lists in pence,
  // pounds and dollars (CSPX.L trades in USD), so a guess could be off a hundredfold.
};

/** `AAPL`, `BRK-B`, `SHOP.TO`, `SAP.DE`; indices (`^GSPC`) and FX (`EURUSD=X`) never match. */
const YAHOO_SYMBOL = /^([A-Za-z0-9]+(?:-[A-Za-z0-9]+)*)(?:\.([A-Za-z]+))?$/;

const text = z.union([z.string(), z.instanceof(LosslessNumber).transform((n) => n.value)]);
const quoteBody = z.object({ 'Global Quote': z.record(z.string(), text) });
const seriesBody = z.object({ 'Time Series (Daily)': z.record(z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.object({ '4. close': text })) });
const messageBody = z.object({ 'Error Message': z.string().optional(), Information: z.string().optional(), Note: z.string().optional() });

class UnreadableBodyError extends Error {}

const PRICE_HINT = 'Share and fund prices stay at their last known values and are fetched again at the next refresh.';
const KEY_HINT = 'Set OMNIFOLIO_ALPHAVANTAGE_API_KEY to the key from https://www.alphavantage.co/support/#api-key and restart the companion.';

export function createAlphaVantageClient(parameters: CreateAlphaVantageClientParameters): AlphaVantageClient {
  const apiKey = parameters.apiKey?.trim() ?? '';
  if (apiKey === '') {
    throw new ValidationError('Alpha Vantage needs an API key.', [{ path: 'apiKey', message: 'Required' }], { hints: [KEY_HINT] });
  }
  const baseUrl = (parameters.baseUrl ?? ALPHAVANTAGE_BASE_URL).replace(/\/+$/, '');
  const fetchFn = parameters.fetch ?? globalThis.fetch;
  const minIntervalMs = parameters.minIntervalMs ?? 12_000;
  const requestsPerDay = parameters.requestsPerDay ?? 25;
  const timeoutMs = parameters.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = parameters.now ?? Date.now;
  const sleep = parameters.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const gate = createKeyedRequestGate({
    provider: 'Alpha Vantage',
    minIntervalMs,
    // The free allowance is counted per UTC day, not over a rolling 24 hours.
    allowances: [
      (t, sent) => {
        const today = startOfUtcDay(t);
        if (sent.filter((at) => at >= today).length < requestsPerDay) return undefined;
        return { waitMs: today + 86_400_000 - t, message: `Omnifolio has used the ${requestsPerDay} Alpha Vantage requests a day allows` };
      },
    ],
    planHint: 'A premium Alpha Vantage plan has no daily limit.',
    ...(parameters.breakerThreshold !== undefined ? { breakerThreshold: parameters.breakerThreshold } : {}),
    ...(parameters.breakerCooldownMs !== undefined ? { breakerCooldownMs: parameters.breakerCooldownMs } : {}),
    now,
    sleep,
  });
  // The key travels in the query string, so anything that may quote the URL (fetch's own
  // errors, a proxy's error page) is scrubbed, however short the key.
  const redact = (s: string) => redactText(s.split(apiKey).join('***'), [apiKey]);

  async function call(
    yahooSymbol: string,
    fn: string,
    extra: string,
    read: (body: unknown, listing: Listing) => MarketChart | null,
  ): Promise<MarketChart | null> {
    const listing = mapSymbol(yahooSymbol);
    if (listing === undefined) return null;
    // The key is added only to the URL that is sent; `endpoint` goes into messages and logs.
    const endpoint = `/query?function=${fn}&symbol=${encodeURIComponent(listing.avSymbol)}${extra}`;
    return gate.run(() => request(endpoint, listing, read));
  }

  async function request(endpoint: string, listing: Listing, read: (body: unknown, listing: Listing) => MarketChart | null): Promise<MarketChart | null> {
    let response: Response;
    let bodyText: string;
    try {
      response = await fetchFn(`${baseUrl}${endpoint}&apikey=${encodeURIComponent(apiKey)}`, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(timeoutMs),
      });
      bodyText = await response.text();
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      // No `cause`: fetch's own error can quote the URL, key included, and causes get logged.
      throw new UnavailableError(timedOut ? `Alpha Vantage did not answer within ${Math.round(timeoutMs / 1000)} s.` : 'Alpha Vantage could not be reached.', {
        details: redact(`GET ${endpoint}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`),
        hints: ['Check the internet connection of this computer.', 'Share and fund prices will be fetched again at the next refresh.'],
      });
    }
    const details = redact(`GET ${endpoint} → HTTP ${response.status}; body: ${bodyText.slice(0, 300)}`);
    if (response.status === 429) {
      const waitMs = parseRetryAfter(response.headers.get('retry-after'), now()) ?? ALPHAVANTAGE_SHORT_RETRY_AFTER_MS;
      gate.block(waitMs, 'Alpha Vantage asked us to slow down');
      throw new RateLimitedError(`Alpha Vantage asks us to wait ${formatWait(waitMs)} before the next request.`, waitMs, { details, hints: [LIMIT_HINT] });
    }
    if (response.status >= 500 || response.status === 408) {
      throw new UnavailableError(`Alpha Vantage is not answering properly right now (HTTP ${response.status}).`, { details, hints: [PRICE_HINT] });
    }
    if (response.status === 404) throw new NotFoundError('Alpha Vantage has no /query endpoint at this address; the base URL may be wrong.', { details });
    if (!response.ok) {
      throw new BaseError(`Alpha Vantage refused the request (HTTP ${response.status}).`, {
        details,
        hints: ["This is likely a bug in Omnifolio's Alpha Vantage client; the companion log has the details."],
      });
    }
    let body: unknown;
    try {
      body = parse(bodyText);
    } catch {
      body = undefined;
    }

    // Every problem comes as HTTP 200 with one message key instead of data.
    const message = messageBody.safeParse(body).data;
    const errorMessage = message?.['Error Message'];
    const information = message?.Information ?? message?.Note;
    if (errorMessage !== undefined) {
      if (/api ?key/i.test(errorMessage)) throw keyRefused(details);
      // "Invalid API call": with the functions and parameters fixed here, it means Alpha Vantage has no such symbol.
      return null;
    }
    if (information !== undefined) {
      if (/invalid api ?key|api ?key is invalid|invalid or missing|\bdemo\b/i.test(information)) throw keyRefused(details);
      const limit = limitWait(information, now());
      if (limit !== undefined) {
        gate.block(limit.waitMs, limit.because);
        throw new RateLimitedError(`${limit.because}; Omnifolio waits ${formatWait(limit.waitMs)} before asking again.`, limit.waitMs, {
          details,
          hints: [LIMIT_HINT, 'The free Alpha Vantage key allows 25 requests a day; a premium plan lifts that.'],
        });
      }
      throw new BaseError(`Alpha Vantage refused the request: ${redact(information).slice(0, 200)}`, {
        details,
        hints: ['The request may need a premium Alpha Vantage plan; the companion log has the details.'],
      });
    }

    try {
      if (body === undefined) throw new UnreadableBodyError('not JSON');
      return read(body, listing);
    } catch (error) {
      if (!(error instanceof UnreadableBodyError)) throw error;
      throw new UnavailableError('Alpha Vantage answered with data we could not read.', {
        details: redact(`GET ${endpoint}: ${error.message}; body starts: ${bodyText.slice(0, 300)}`),
        hints: ['This is usually a passing fault; prices will be fetched again at the next refresh.'],
      });
    }
  }

  function readQuote(body: unknown, listing: Listing): MarketChart | null {
    const parsed = quoteBody.safeParse(body);
    if (!parsed.success) throw new UnreadableBodyError('GLOBAL_QUOTE: expected { "Global Quote": { … } }');
    const quote = parsed.data['Global Quote'];
    // An unknown symbol is an empty quote, not an error.
    if (Object.keys(quote).length === 0) return null;
    const price = quote['05. price'];
    const day = quote['07. latest trading day'];
    if (price === undefined || day === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(day)) {
      throw new UnreadableBodyError('GLOBAL_QUOTE: no "05. price" or "07. latest trading day"');
    }
    return chart(listing, [{ day, price: exact(price) }], now());
  }

  function readSeries(body: unknown, listing: Listing): MarketChart | null {
    const parsed = seriesBody.safeParse(body);
    if (!parsed.success) throw new UnreadableBodyError('TIME_SERIES_DAILY: expected { "Time Series (Daily)": { "YYYY-MM-DD": { "4. close" } } }');
    const closes = Object.entries(parsed.data['Time Series (Daily)'])
      .map(([day, bar]) => ({ day, price: exact(bar['4. close']) }))
      .sort((a, b) => a.day.localeCompare(b.day));
    return chart(listing, closes, now());
  }

  return {
    id: 'alphavantage',
    name: 'Alpha Vantage',
    baseUrl,
    covers: (yahooSymbol) => mapSymbol(yahooSymbol) !== undefined,
    quote: (yahooSymbol) => call(yahooSymbol, 'GLOBAL_QUOTE', '', readQuote),
    dailyCloses: (yahooSymbol, fromDay, toDay) =>
      // `compact` is the last 100 trading days; `full` is premium.
      call(yahooSymbol, 'TIME_SERIES_DAILY', '&outputsize=compact', readSeries).then((result) =>
        result === null ? null : { ...result, closes: result.closes.filter((c) => c.day >= fromDay && c.day <= toDay) },
      ),
  };
}

interface Listing {
  yahooSymbol: string;
  avSymbol: string;
  market: Market;
}

function mapSymbol(yahooSymbol: string): Listing | undefined {
  const m = YAHOO_SYMBOL.exec(yahooSymbol);
  if (!m) return undefined;
  const market = MARKETS[(m[2] ?? '').toUpperCase()];
  if (market === undefined) return undefined;
  return { yahooSymbol, avSymbol: `${(m[1] as string).toUpperCase()}${market.suffix}`, market };
}

function exact(value: string): DecimalString {
  try {
    return toDecimalString(dec(value));
  } catch {
    throw new UnreadableBodyError(`price "${value.slice(0, 40)}" is not a decimal`);
  }
}

function chart(listing: Listing, closes: { day: string; price: DecimalString }[], nowMs: number): MarketChart {
  const { market } = listing;
  const last = closes.at(-1);
  return {
    symbol: listing.yahooSymbol,
    currency: market.currency,
    exchangeName: market.exchangeName,
    exchangeTimezone: market.timezone,
    price: last?.price ?? null,
    // The day's close; while that session still trades, the quote is as of now.
    priceTime: last ? new Date(Math.min(instantOfLocalTime(last.day, market.closesAt, market.timezone), nowMs)).toISOString() : null,
    closes,
  };
}

function keyRefused(details: string): AuthError {
  return new AuthError('Alpha Vantage refused the API key; check OMNIFOLIO_ALPHAVANTAGE_API_KEY.', {
    details,
    hints: [KEY_HINT, 'Until then share and fund prices come from the other sources.'],
  });
}

/**
 * Reads a limit message. The burst message ("1 request per second") and the old per-minute
 * note ("5 calls per minute and 500 calls per day") also name a daily figure, so the
 * shorter periods are looked for first.
 */
function limitWait(message: string, nowMs: number): { waitMs: number; because: string } | undefined {
  if (/per second|sparingly/i.test(message)) return { waitMs: ALPHAVANTAGE_SHORT_RETRY_AFTER_MS, because: 'Alpha Vantage asked for fewer requests a second' };
  if (/per minute/i.test(message)) return { waitMs: ALPHAVANTAGE_SHORT_RETRY_AFTER_MS, because: "Alpha Vantage's per-minute request limit is reached" };
  if (/per day|daily/i.test(message)) return { waitMs: startOfUtcDay(nowMs) + 86_400_000 - nowMs, because: "Alpha Vantage's daily request limit is used up" };
  if (/rate limit|call frequency/i.test(message)) return { waitMs: ALPHAVANTAGE_SHORT_RETRY_AFTER_MS, because: 'Alpha Vantage asked us to slow down' };
  return undefined;
}

function startOfUtcDay(ms: number): number {
  return ms - (((ms % 86_400_000) + 86_400_000) % 86_400_000);
}
