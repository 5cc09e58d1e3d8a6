import { AuthError, BaseError, formatWait, NotFoundError, RateLimitedError, redactText, UnavailableError, ValidationError } from '@omnifolio/shared/errors';
import { type DecimalString, toDecimalString } from '@omnifolio/shared/money';
import { LosslessNumber, parse } from 'lossless-json';
import { z } from 'zod';
import { instantOfLocalTime } from '../../../engine/local-day.js';
import type { MarketChart, MarketQuoteProvider } from '../../market-quote-provider.js';
import { parseRetryAfter } from '../coingecko/retry-after.js';
import { createKeyedRequestGate, type KeyedClientParameters, LIMIT_HINT, rollingAllowance } from '../keyed-request-gate.js';

/**
 * Tiingo's end-of-day prices (`/tiingo/daily/{ticker}/prices`) for US shares, ETFs and
 * mutual funds: a keyed fallback behind Yahoo Finance. The free plan allows 50 requests an
 * hour and 1000 a day, so this client keeps the budget itself: one request at a time at
 * least `minIntervalMs` apart, no request once the hour's or day's allowance is spent, and
 * none after a 429 until its wait is over. A circuit breaker stops calls after
 * `breakerThreshold` failures in a row, so an outage costs one error per refresh.
 */

export const TIINGO_BASE_URL = 'https://api.tiingo.com';

/** Tiingo sends no Retry-After; its free allowance is counted per hour. */
export const TIINGO_DEFAULT_RETRY_AFTER_MS = 60 * 60_000;
const DEFAULT_TIMEOUT_MS = 15_000;
const HOUR_MS = 60 * 60_000;
const DAY_MS = 24 * HOUR_MS;

/** US listings only; Tiingo's daily prices are those of the US consolidated close. */
const US_ZONE = 'America/New_York';
const US_CLOSE = '16:00';

export interface CreateTiingoClientParameters extends KeyedClientParameters {
  /** The token from tiingo.com/account/api/token (`OMNIFOLIO_TIINGO_API_KEY`). */
  apiKey: string;
  /** Least time between two requests. Default 1 s. */
  minIntervalMs?: number;
  /** Requests sent in any hour before the client refuses locally. Default 50 (free plan); Infinity turns it off. */
  requestsPerHour?: number;
  /** Requests sent in any 24 hours before the client refuses locally. Default 1000 (free plan); Infinity turns it off. */
  requestsPerDay?: number;
}

/** The chain's first keyed fallback: US listings only. */
export interface TiingoClient extends MarketQuoteProvider {
  readonly id: 'tiingo';
  readonly name: 'Tiingo';
  readonly baseUrl: string;
}

/** A Yahoo symbol without an exchange suffix: `AAPL`, `BRK-B`, `VFIAX`. Indices (`^GSPC`), FX (`EURUSD=X`) and foreign listings are left out. */
const US_SYMBOL = /^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/;

const num = z.instanceof(LosslessNumber);
const barsBody = z.array(z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}/), close: num.nullable() }));
const detailBody = z.object({ detail: z.string() });

class UnreadableBodyError extends Error {}

const PRICE_HINT = 'Share and fund prices stay at their last known values and are fetched again at the next refresh.';

export function createTiingoClient(parameters: CreateTiingoClientParameters): TiingoClient {
  const apiKey = parameters.apiKey?.trim() ?? '';
  if (apiKey === '') {
    throw new ValidationError('Tiingo needs an API key.', [{ path: 'apiKey', message: 'Required' }], {
      hints: ['Set OMNIFOLIO_TIINGO_API_KEY to the token shown at https://www.tiingo.com/account/api/token.'],
    });
  }
  const baseUrl = (parameters.baseUrl ?? TIINGO_BASE_URL).replace(/\/+$/, '');
  const fetchFn = parameters.fetch ?? globalThis.fetch;
  const minIntervalMs = parameters.minIntervalMs ?? 1_000;
  const requestsPerHour = parameters.requestsPerHour ?? 50;
  const requestsPerDay = parameters.requestsPerDay ?? 1_000;
  const timeoutMs = parameters.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = parameters.now ?? Date.now;
  const sleep = parameters.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const gate = createKeyedRequestGate({
    provider: 'Tiingo',
    minIntervalMs,
    allowances: [
      rollingAllowance(requestsPerDay, DAY_MS, `Omnifolio has used the ${requestsPerDay} Tiingo requests a day allows`),
      rollingAllowance(requestsPerHour, HOUR_MS, `Omnifolio has used the ${requestsPerHour} Tiingo requests an hour allows`),
    ],
    planHint: 'A paid Tiingo plan has higher limits.',
    ...(parameters.breakerThreshold !== undefined ? { breakerThreshold: parameters.breakerThreshold } : {}),
    ...(parameters.breakerCooldownMs !== undefined ? { breakerCooldownMs: parameters.breakerCooldownMs } : {}),
    now,
    sleep,
  });
  const redact = (text: string) => redactText(text.split(apiKey).join('***'), [apiKey]);

  async function prices(yahooSymbol: string, query: string): Promise<MarketChart | null> {
    if (!covers(yahooSymbol)) return null;
    const endpoint = `/tiingo/daily/${encodeURIComponent(yahooSymbol.toLowerCase())}/prices${query === '' ? '' : `?${query}`}`;
    return gate.run(() => request(endpoint, yahooSymbol));
  }

  async function request(endpoint: string, yahooSymbol: string): Promise<MarketChart | null> {
    let response: Response;
    let text: string;
    try {
      response = await fetchFn(`${baseUrl}${endpoint}`, {
        headers: { accept: 'application/json', authorization: `Token ${apiKey}` },
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      throw new UnavailableError(timedOut ? `Tiingo did not answer within ${Math.round(timeoutMs / 1000)} s.` : 'Tiingo could not be reached.', {
        details: redact(`GET ${endpoint}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`),
        hints: ['Check the internet connection of this computer.', 'Share and fund prices will be fetched again at the next refresh.'],
      });
    }
    const details = redact(`GET ${endpoint} → HTTP ${response.status}; body: ${text.slice(0, 300)}`);
    // Tiingo has answered a spent allowance both with 429 and with 200 and a plain-text
    // "You have run over your … allocation" (not JSON), so both are read as a limit.
    const overAllowance = /run over your/i.test(text) && !text.trimStart().startsWith('[');
    if (response.status === 429 || (response.ok && overAllowance)) {
      const waitMs = parseRetryAfter(response.headers.get('retry-after'), now()) ?? allowanceWait(text, now());
      gate.block(waitMs, 'Tiingo said the request allowance is used up');
      throw new RateLimitedError(`Tiingo says the request allowance is used up; Omnifolio waits ${formatWait(waitMs)} before asking again.`, waitMs, {
        details,
        hints: [LIMIT_HINT, "Tiingo's free plan allows 50 requests an hour and 1000 a day."],
      });
    }
    let body: unknown;
    try {
      body = parse(text);
    } catch {
      body = undefined;
    }
    const detail = detailBody.safeParse(body).data?.detail;
    if (response.status === 401 || response.status === 403) {
      throw new AuthError('Tiingo refused the API key; check OMNIFOLIO_TIINGO_API_KEY.', {
        details,
        hints: [
          'Set OMNIFOLIO_TIINGO_API_KEY to the token shown at https://www.tiingo.com/account/api/token and restart the companion.',
          'Until then share and fund prices come from the other sources.',
        ],
      });
    }
    // An unknown ticker is 404 with Tiingo's own detail: that listing has no price here, Tiingo is fine.
    if (response.status === 404 && detail !== undefined && /ticker .* not found/i.test(detail)) return null;
    if (response.status >= 500 || response.status === 408) {
      throw new UnavailableError(`Tiingo is not answering properly right now (HTTP ${response.status}).`, { details, hints: [PRICE_HINT] });
    }
    if (!response.ok) {
      if (response.status === 404) throw new NotFoundError('Tiingo has no price endpoint at this address; the base URL may be wrong.', { details });
      throw new BaseError(`Tiingo refused the request (HTTP ${response.status})${detail ? `: ${redact(detail).slice(0, 200)}` : '.'}`, {
        details,
        hints: ["This is likely a bug in Omnifolio's Tiingo client; the companion log has the details."],
      });
    }
    try {
      if (body === undefined) throw new UnreadableBodyError('not JSON');
      return readBars(body, yahooSymbol, now());
    } catch (error) {
      if (!(error instanceof UnreadableBodyError)) throw error;
      throw new UnavailableError('Tiingo answered with data we could not read.', {
        details: redact(`GET ${endpoint}: ${error.message}; body starts: ${text.slice(0, 300)}`),
        hints: ['This is usually a passing fault; prices will be fetched again at the next refresh.'],
      });
    }
  }

  function covers(yahooSymbol: string): boolean {
    return US_SYMBOL.test(yahooSymbol);
  }

  return {
    id: 'tiingo',
    name: 'Tiingo',
    baseUrl,
    covers,
    // Without dates Tiingo answers the latest end-of-day bar only.
    quote: (yahooSymbol) => prices(yahooSymbol, ''),
    dailyCloses: (yahooSymbol, fromDay, toDay) =>
      prices(yahooSymbol, `startDate=${fromDay}&endDate=${toDay}`).then((chart) =>
        chart === null ? null : { ...chart, closes: chart.closes.filter((c) => c.day >= fromDay && c.day <= toDay) },
      ),
  };
}

/**
 * Reads Tiingo's bars into exact decimal closes. The raw `close` is the price traded that
 * day; `adjClose` is rewritten after every later split and dividend, so it is not used.
 */
function readBars(body: unknown, symbol: string, nowMs: number): MarketChart {
  const parsed = barsBody.safeParse(body);
  if (!parsed.success) throw new UnreadableBodyError('prices: expected an array of { date, close, … } bars');
  const byDay = new Map<string, DecimalString>();
  for (const bar of parsed.data) {
    if (bar.close === null) continue;
    try {
      byDay.set(bar.date.slice(0, 10), toDecimalString(bar.close.value));
    } catch {
      throw new UnreadableBodyError(`prices: close ${bar.close.value} on ${bar.date} is not a decimal`);
    }
  }
  const closes = [...byDay].sort(([a], [b]) => a.localeCompare(b)).map(([day, price]) => ({ day, price }));
  const last = closes.at(-1);
  return {
    symbol,
    currency: 'USD',
    exchangeName: null,
    exchangeTimezone: US_ZONE,
    price: last?.price ?? null,
    // An end-of-day bar is that session's close; never later than now, should a bar for today come early.
    priceTime: last ? new Date(Math.min(instantOfLocalTime(last.day, US_CLOSE, US_ZONE), nowMs)).toISOString() : null,
    closes,
  };
}

/** The wait a spent allowance needs when Tiingo names no Retry-After: the text says which allowance. */
function allowanceWait(text: string, nowMs: number): number {
  const at = new Date(nowMs);
  if (/daily/i.test(text)) return Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() + 1) - nowMs;
  if (/month|symbol look ?up/i.test(text)) return Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1) - nowMs;
  return TIINGO_DEFAULT_RETRY_AFTER_MS;
}
