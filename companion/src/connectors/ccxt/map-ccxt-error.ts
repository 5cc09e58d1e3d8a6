import { AuthError, BaseError, ClockSkewError, formatWait, NotSupportedError, RateLimitedError, redactText, UnavailableError } from '@omnifolio/shared/errors';
import type { CcxtModule } from './load-ccxt.js';
import { MalformedResponseError, type ObservedResponse } from './metered-fetch.js';

export interface MapCcxtErrorContext {
  ccxt: CcxtModule;
  /** The provider's name as people know it: "Binance". */
  exchangeName: string;
  /** Status and headers of the last answer (ccxt's exceptions carry neither). */
  lastResponse?: ObservedResponse;
  /** Credentials to strip from any text we keep. */
  secrets: readonly string[];
  now: number;
}

/** How long to wait when a provider asks us to slow down but says nothing about how long. */
const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;
const DEFAULT_BAN_WAIT_MS = 120_000;

/**
 * Turns ccxt's exception hierarchy into our few error kinds, each with a sentence a person
 * can act on and a retry policy the runner follows. ccxt puts the full signed URL into its
 * messages, so the original message survives only redacted, in `details` (logs), never in
 * the sentence shown to the user.
 *
 * Subclasses are tested before their parents (ccxt: PermissionDenied ⊂ AuthenticationError,
 * OnMaintenance ⊂ ExchangeNotAvailable ⊂ NetworkError ⊂ OperationFailed, NullResponse ⊂
 * BadResponse ⊂ OperationFailed).
 */
export function mapCcxtError(error: unknown, context: MapCcxtErrorContext): BaseError {
  if (error instanceof BaseError) return error;
  const { ccxt, exchangeName: name } = context;
  const rawMessage = error instanceof Error ? error.message : String(error);
  const details = redactText(`${error instanceof Error ? error.name : 'Error'}: ${rawMessage}`, context.secrets);
  const cause = sanitizedCause(error, details);
  const options = (hints: string[]) => ({ hints, details, cause });
  const status = context.lastResponse?.status;

  if (error instanceof MalformedResponseError || error instanceof ccxt.BadResponse) {
    return new UnavailableError(
      `${name} answered something Omnifolio could not read; it will try again later.`,
      options([`If this keeps happening, ${name} may have changed its API; the companion log has the details.`]),
    );
  }
  if (error instanceof ccxt.AccountSuspended) {
    return new AuthError(`${name} says this account is suspended; log in to ${name} to see why.`, options([]));
  }
  if (error instanceof ccxt.AccountNotEnabled) {
    return new NotSupportedError(`${name} says this account has not enabled the product Omnifolio asked about.`, options([]));
  }
  if (error instanceof ccxt.PermissionDenied) {
    return new AuthError(
      `${name} says this API key may not read this data; edit the key on ${name} and allow reading.`,
      options(['Omnifolio only needs read access. Never allow withdrawals.']),
    );
  }
  if (error instanceof ccxt.AuthenticationError) {
    return new AuthError(
      `${name} rejected the API key: check that you copied the whole key and secret, and that the key is not restricted to other IP addresses.`,
      options([
        'Copy the key and the secret again, without spaces before or after.',
        `If the key is restricted to IP addresses on ${name}, add this computer's public IP address or remove the restriction.`,
        `If you deleted or re-created the key on ${name}, enter the new one.`,
      ]),
    );
  }
  if (error instanceof ccxt.InvalidNonce) {
    return new ClockSkewError(
      `${name} refused the request because this computer's clock is off; turn on automatic time synchronization and try again.`,
      options([
        'Windows: Settings › Time & language › Date & time › Set time automatically, then "Sync now".',
        'macOS: System Settings › General › Date & Time › Set time and date automatically.',
        'Linux: run `timedatectl set-ntp true`.',
      ]),
    );
  }
  if (error instanceof ccxt.DDoSProtection || error instanceof ccxt.RateLimitExceeded) {
    return rateLimited(context, status, rawMessage, options);
  }
  if (error instanceof ccxt.OnMaintenance) {
    return new UnavailableError(`${name} is down for maintenance; Omnifolio will try again later.`, options([]));
  }
  if (error instanceof ccxt.RequestTimeout) {
    return new UnavailableError(
      `${name} did not answer in time; Omnifolio will try again later.`,
      options(['If this keeps happening, check this computer’s internet connection.']),
    );
  }
  if (error instanceof ccxt.ExchangeNotAvailable || error instanceof ccxt.NetworkError) {
    return new UnavailableError(
      `${name} could not be reached; Omnifolio will try again later.`,
      options(['Check this computer’s internet connection.', `${name}'s status page says whether the API is down.`]),
    );
  }
  if (status !== undefined && status >= 500) {
    return new UnavailableError(`${name} is having trouble (HTTP ${status}); Omnifolio will try again later.`, options([]));
  }
  if (error instanceof ccxt.OperationFailed) {
    return new UnavailableError(`${name} could not complete the request; Omnifolio will try again later.`, options([]));
  }
  if (error instanceof ccxt.NotSupported) {
    return new NotSupportedError(`${name} does not offer this through its API.`, options([]));
  }
  if (error instanceof ccxt.BaseError) {
    return new BaseError(
      `${name} refused a request Omnifolio sent; this looks like a bug in Omnifolio.`,
      options(['The companion log has the details. Please report it.']),
    );
  }
  return new BaseError(`Talking to ${name} failed unexpectedly.`, options(['The companion log has the details.']));
}

function rateLimited(
  context: MapCcxtErrorContext,
  status: number | undefined,
  rawMessage: string,
  options: (hints: string[]) => { hints: string[]; details: string; cause: Error },
): RateLimitedError {
  const name = context.exchangeName;
  const retryAfterMs = parseRetryAfter(context.lastResponse?.headers.get('retry-after') ?? null, context.now);
  if (status === 418) {
    // Binance: "IP banned until 1700000000000"; Retry-After says the same in seconds.
    const until = /banned until (\d{10,})/.exec(rawMessage)?.[1];
    const waitMs = retryAfterMs ?? (until === undefined ? DEFAULT_BAN_WAIT_MS : Math.max(0, Number(until) - context.now));
    return new RateLimitedError(
      `${name} has blocked this IP address for ${formatWait(waitMs)} after too many requests; Omnifolio will wait and try again.`,
      waitMs,
      options([`Other programs using the ${name} API from this network count against the same limit.`]),
    );
  }
  const waitMs = retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT_MS;
  return new RateLimitedError(`${name} asked Omnifolio to slow down; it will try again in ${formatWait(waitMs)}.`, waitMs, options([]));
}

/** Retry-After is seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The original error without the signed URL in its message, safe to keep as `cause`. */
function sanitizedCause(error: unknown, redactedDetails: string): Error {
  const copy = new Error(redactedDetails);
  copy.name = error instanceof Error ? error.name : 'Error';
  return copy;
}
