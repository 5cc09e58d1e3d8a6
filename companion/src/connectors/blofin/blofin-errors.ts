import { AuthError, type BaseError, RateLimitedError, redactText, UnavailableError } from '@omnifolio/shared/errors';
import type { CcxtModule } from '../ccxt/load-ccxt.js';

/**
 * After the per-IP limit (500 a minute) BloFin suspends the API for five minutes, after 1,500 in
 * five minutes for an hour (API documentation, "Rate Limits"). Its 429 does not say which, so
 * the shorter wait is tried first; a 429 after it means the longer one.
 */
const BLOFIN_SUSPENSION_MS = 5 * 60_000;

/**
 * BloFin codes that deserve a more precise sentence than ccxt's class gives: ccxt raises
 * `AuthenticationError` for an unknown key (152401), an expired one (152402), a wrong passphrase
 * (152408) and a bad signature (152409) alike, and `PermissionDenied` for an IP outside the key's
 * list (152406); each has its own fix. A timestamp more than 60 s off (152405) arrives as
 * InvalidNonce and becomes ClockSkewError in the generic mapping.
 * ccxt's message is `blofin {"code":"152408","msg":"Passphrase error","data":null}`.
 */
export function refineBlofinError(error: unknown, ccxt: CcxtModule, name: string): BaseError | undefined {
  if (!(error instanceof ccxt.BaseError)) return undefined;
  const code = /"code"\s*:\s*"?(\d+)/.exec(error.message)?.[1];
  const details = redactText(`${error.name}: ${error.message}`);
  switch (code) {
    case '152401':
      return new AuthError(`${name} does not know this API key: copy the whole key again, or create a new read-only key if it was deleted.`, { details });
    case '152402':
      return new AuthError(`${name} says this API key has expired: create a new read-only key (keys bound to an IP address do not expire).`, { details });
    case '152408':
      return new AuthError(`${name} rejected the passphrase: enter the passphrase you chose when you created this API key (not your login password).`, {
        hints: ['If you no longer know it, create a new read-only key on BloFin; the passphrase cannot be shown again.'],
        details,
      });
    case '152409':
      return new AuthError(`${name} could not verify the request signature: the secret does not belong to this API key, so copy the secret again.`, {
        details,
      });
    case '152406':
      return new AuthError(`${name} refused this computer's IP address: add it to the key's IP list on BloFin, or create a key without an IP binding.`, {
        details,
      });
    case '429':
      return new RateLimitedError(
        `${name} has paused this IP address after too many requests, for five minutes (or an hour after 1,500 requests in five minutes); Omnifolio will wait and try again.`,
        BLOFIN_SUSPENSION_MS,
        {
          hints: [`Other programs using the ${name} API from this network count against the same limit (500 requests a minute).`],
          details,
        },
      );
    case '503':
      return new UnavailableError(`${name} is unavailable or in maintenance; Omnifolio will try again later.`, { details });
    default:
      return undefined;
  }
}
