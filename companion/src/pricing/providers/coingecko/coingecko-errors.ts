import { AuthError, BaseError, NotFoundError, NotSupportedError, RateLimitedError, redactText, UnavailableError } from '@omnifolio/shared/errors';
import { parseRetryAfter } from './retry-after.js';

/**
 * Turns CoinGecko's failures into the project's error kinds, each with what the person
 * should do next. Every text that could carry a URL or a server message goes through
 * `redactText` with the API key, so a key never reaches a message, a hint or a log even if
 * someone put it into a base URL's query string.
 */

/** When CoinGecko says 429 without a usable Retry-After: its limits are per minute. */
export const DEFAULT_RETRY_AFTER_MS = 60_000;

export type CoinGeckoPlan = 'public' | 'demo' | 'pro';

/**
 * How far back CoinGecko answers history without a paid plan: keyless and demo-key requests
 * for days older than the last 365 are refused (error 10012). Paid tiers differ (two years
 * on Basic, everything on Analyst and above), so a pro key is not bounded here.
 */
export const FREE_PLAN_HISTORY_DAYS = 365;

/** CoinGecko refused a history range older than the plan gives (401, error 10012). Not a key problem. */
export class HistoryBeyondPlanError extends NotSupportedError {
  override name = 'HistoryBeyondPlanError';
}

export interface CoinGeckoErrorContext {
  plan: CoinGeckoPlan;
  apiKey: string | undefined;
  /** The endpoint path, e.g. `/simple/price`, for messages. */
  endpoint: string;
  nowMs: number;
}

/**
 * CoinGecko writes errors in three shapes, depending on endpoint and status:
 *   {"status":{"error_code":10002,"error_message":"API Key Missing"}}      (401, 429, 400 wrong host)
 *   {"error":{"status":{"error_code":..., "error_message":"..."}}}         (some 401s)
 *   {"error":"Missing parameter vs_currencies"}                           (400, 404)
 * Error bodies carry no prices, so plain JSON.parse is fine here.
 */
export function readCoinGeckoErrorBody(text: string): { code: number | undefined; message: string | undefined } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { code: undefined, message: undefined };
  }
  const status = pick(body, 'status') ?? pick(pick(body, 'error'), 'status');
  const code = pick(status, 'error_code');
  const message = pick(status, 'error_message') ?? pick(body, 'error');
  return {
    code: typeof code === 'number' ? code : undefined,
    message: typeof message === 'string' ? message : undefined,
  };
}

export function errorForStatus(status: number, headers: Headers, bodyText: string, ctx: CoinGeckoErrorContext): BaseError {
  const secrets = ctx.apiKey ? [ctx.apiKey] : [];
  const body = readCoinGeckoErrorBody(bodyText);
  const serverSaid = body.message === undefined ? undefined : redactText(body.message, secrets).slice(0, 300);
  const details = redactText(`GET ${ctx.endpoint} → HTTP ${status}; error_code=${body.code ?? '-'}; body: ${bodyText.slice(0, 500)}`, secrets);

  if (status === 429) {
    const waitMs = parseRetryAfter(headers.get('retry-after'), ctx.nowMs) ?? DEFAULT_RETRY_AFTER_MS;
    return new RateLimitedError(`CoinGecko asks us to wait ${Math.ceil(waitMs / 1000)} s before the next request.`, waitMs, {
      details,
      hints:
        ctx.plan === 'public'
          ? ['Prices refresh after the wait on their own.', 'A free CoinGecko demo API key gives a higher and steadier limit than keyless access.']
          : ['Prices refresh after the wait on their own.', 'If this happens often, sync less often or use a plan with a higher rate limit.'],
    });
  }

  // A key of the other kind for this host: CoinGecko answers 400 with 10010 (a pro key at
  // api.coingecko.com) or 10011 (a demo key at pro-api.coingecko.com).
  if (body.code === 10010 || body.code === 10011) {
    const host = body.code === 10010 ? 'api.coingecko.com' : 'pro-api.coingecko.com';
    return new AuthError(`CoinGecko rejected the API key: it is not a key for ${host} (error ${body.code}).`, {
      details,
      hints: [
        `Choose the plan that matches the key: "demo" for a free key, "pro" for a paid one. This connection uses "${ctx.plan}".`,
        'If a custom CoinGecko base URL is set, remove it: demo keys work only with api.coingecko.com, pro keys only with pro-api.coingecko.com.',
      ],
    });
  }

  // History older than the plan allows: CoinGecko answers 401 with 10012. Not a key problem.
  if (body.code === 10012) {
    return new HistoryBeyondPlanError(
      ctx.plan === 'pro'
        ? 'CoinGecko does not give this much price history on your plan.'
        : `CoinGecko gives price history for the last ${FREE_PLAN_HISTORY_DAYS} days only without a paid plan.`,
      {
        details,
        hints: [
          'Days before that stay unpriced in the curve; the later ones are fetched.',
          'A paid CoinGecko plan with its key (OMNIFOLIO_COINGECKO_API_KEY, OMNIFOLIO_COINGECKO_PLAN=pro) gives the full history.',
        ],
      },
    );
  }

  if (status === 401 || status === 403) {
    if (ctx.apiKey) {
      return new AuthError('CoinGecko rejected the API key.', {
        details,
        hints: [
          'Check that the key is copied completely and is still active in the CoinGecko developer dashboard.',
          `Check that the plan matches the key: this connection uses the ${ctx.plan} plan.`,
        ],
      });
    }
    if (status === 401) {
      return new AuthError('CoinGecko requires an API key for this request.', {
        details,
        hints: ['Create a free demo API key at coingecko.com (Developer Dashboard) and enter it with the "demo" plan.'],
      });
    }
    // Keyless 403 is CoinGecko's firewall (its 1020 "Access denied"), usually for a busy shared IP.
    return new UnavailableError('CoinGecko blocked requests from this network.', {
      details,
      hints: ['A free CoinGecko demo API key usually avoids this block.', 'It may clear on its own after a while.'],
    });
  }

  if (status === 404) {
    return new NotFoundError(`CoinGecko has no ${ctx.endpoint} at this address; the base URL may be wrong.`, {
      details,
      hints: ['Remove any custom CoinGecko base URL, or make sure it ends in /api/v3.'],
    });
  }

  if (status === 408 || status >= 500) {
    return new UnavailableError(`CoinGecko is not answering properly right now (HTTP ${status}).`, {
      details,
      hints: ['Prices will be fetched again with backoff.', 'https://status.coingecko.com shows known outages.'],
    });
  }

  // Any other 4xx means our request is wrong (a bad parameter): retrying will not help, and
  // it is not the user's doing, so it is a plain internal error, not a validation error.
  return new BaseError(`CoinGecko refused the request (HTTP ${status})${serverSaid ? `: ${serverSaid}` : '.'}`, {
    details,
    hints: ["This is likely a bug in Omnifolio's CoinGecko client; the companion log has the details."],
  });
}

/** A fetch that threw: no connection, DNS failure, reset, or our own timeout. */
export function errorForTransport(error: unknown, timedOut: boolean, timeoutMs: number, ctx: CoinGeckoErrorContext): UnavailableError {
  const secrets = ctx.apiKey ? [ctx.apiKey] : [];
  const cause = error instanceof Error ? error : undefined;
  const reason = describeCause(error);
  if (timedOut) {
    const limit = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`;
    return new UnavailableError(`CoinGecko did not answer within ${limit}.`, {
      details: redactText(`GET ${ctx.endpoint}: ${reason}`, secrets),
      hints: ['Prices will be fetched again with backoff.'],
      cause,
    });
  }
  return new UnavailableError('CoinGecko could not be reached.', {
    details: redactText(`GET ${ctx.endpoint}: ${reason}`, secrets),
    hints: ['Check the internet connection of this computer.', 'Prices will be fetched again with backoff.'],
    cause,
  });
}

/** A 200 whose body is not the JSON we expect. */
export function errorForBody(problem: string, bodyText: string, ctx: CoinGeckoErrorContext): UnavailableError {
  const secrets = ctx.apiKey ? [ctx.apiKey] : [];
  return new UnavailableError('CoinGecko answered with data we could not read.', {
    details: redactText(`GET ${ctx.endpoint}: ${problem}; body starts: ${bodyText.slice(0, 300)}`, secrets),
    hints: ['This is usually a passing fault at CoinGecko; prices will be fetched again with backoff.'],
  });
}

/** undici wraps the useful part (ECONNREFUSED, ENOTFOUND) in `cause`. */
function describeCause(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const inner = error.cause instanceof Error ? ` (${(error.cause as NodeJS.ErrnoException).code ?? error.cause.message})` : '';
  return `${error.name}: ${error.message}${inner}`;
}

function pick(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
}
