import { AuthError, type BaseError, RateLimitedError, redactText, UnavailableError } from '@omnifolio/shared/errors';
import type { CcxtModule } from '../ccxt/load-ccxt.js';
import type { ObservedResponse } from '../ccxt/metered-fetch.js';

/**
 * Bybit retCodes that deserve a more precise sentence than ccxt's class gives. ccxt raises
 * `AuthenticationError` for an unknown key (10003) and a bad signature (10004) alike, and
 * `PermissionDenied` for an IP that is not on the key's list (10010) as for a missing scope
 * (10005); each has its own fix. 10002 (timestamp outside the receive window) arrives as
 * InvalidNonce and becomes ClockSkewError in the generic mapping; 10006 (rate limit) as
 * RateLimitExceeded, whose wait `bybitRateLimitWait` reads from Bybit's headers.
 * ccxt's message is `bybit {"retCode":10004,"retMsg":"error sign! …","result":{},…}`.
 */
export function refineBybitError(error: unknown, ccxt: CcxtModule, name: string): BaseError | undefined {
  if (!(error instanceof ccxt.BaseError)) return undefined;
  const code = /"retCode"\s*:\s*"?(\d+)/.exec(error.message)?.[1];
  const details = redactText(`${error.name}: ${error.message}`);
  switch (code) {
    case '10003':
    case '33004':
      return new AuthError(`${name} does not know this API key, or it has expired: copy the whole key again, or create a new read-only key.`, {
        hints: ['Keys without an IP binding expire after three months on Bybit; binding the key to this computer’s IP address keeps it valid.'],
        details,
      });
    case '10004':
      return new AuthError(`${name} could not verify the request signature: the secret does not belong to this API key, so copy the secret again.`, {
        details,
      });
    case '10010':
      return new AuthError(`${name} refused this computer's IP address: add it to the key's IP list on Bybit, or create a key without an IP binding.`, {
        details,
      });
    case '10005':
      return new AuthError(`${name} says this API key may not read this data: edit the key on Bybit and give it read access to every product (Read-Only).`, {
        hints: ['Omnifolio only needs read access. Never allow withdrawals.'],
        details,
      });
    case '10016':
      return new UnavailableError(`${name} is restarting or in maintenance; Omnifolio will try again later.`, { details });
    default:
      return undefined;
  }
}

/**
 * How long Bybit asks us to wait, from `X-Bapi-Limit-Reset-Timestamp` (ms) when the budget in
 * `X-Bapi-Limit-Status` is spent; undefined when the answer says nothing about it.
 */
export function bybitRateLimitWait(response: ObservedResponse | undefined, now: number): number | undefined {
  const reset = Number(response?.headers.get('x-bapi-limit-reset-timestamp') ?? Number.NaN);
  if (!Number.isFinite(reset)) return undefined;
  return Math.max(0, reset - now);
}

/** A rate-limit error with Bybit's own wait instead of the generic default. */
export function withBybitWait(error: unknown, response: ObservedResponse | undefined, now: number): unknown {
  if (!(error instanceof RateLimitedError)) return error;
  const waitMs = bybitRateLimitWait(response, now);
  if (waitMs === undefined) return error;
  return new RateLimitedError(`Bybit asked Omnifolio to slow down; it will try again in ${Math.max(1, Math.ceil(waitMs / 1000))} s.`, waitMs, {
    details: error.details,
  });
}
