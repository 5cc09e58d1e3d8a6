import { AuthError, type BaseError, ClockSkewError, RateLimitedError, redactText } from '@omnifolio/shared/errors';
import type { CcxtModule } from '../ccxt/load-ccxt.js';
import { parseRetryAfter } from '../ccxt/map-ccxt-error.js';
import type { ObservedResponse } from '../ccxt/metered-fetch.js';

/** MEXC's wait when it says none: its FAQ says access resumes "after 10 minutes" below the limit. */
const MEXC_DEFAULT_BAN_MS = 10 * 60_000;

/**
 * MEXC codes that deserve a more precise sentence than ccxt's class gives. ccxt raises BadRequest
 * for an unknown key (10072) and an invalid futures Request-Time (10073), AuthenticationError for a
 * bad signature (700002 spot, 602 futures) and PermissionDenied for an IP outside the key's
 * allow-list (700006 spot, 406 futures); 700003 (timestamp outside recvWindow) already arrives as
 * InvalidNonce and becomes ClockSkewError in the generic mapping, 429/510 as RateLimitExceeded.
 * ccxt's message is `mexc {"code":700002,"msg":"Signature for this request is not valid."}`.
 *
 * HTTP 418 (an IP ban after ignoring 429s, "from 2 minutes to 3 days") carries a code ccxt does not
 * know and would read as a generic failure; MEXC's Retry-After says how long the ban lasts.
 */
export function refineMexcError(
  error: unknown,
  ccxt: CcxtModule,
  name: string,
  context?: { lastResponse?: ObservedResponse; now: number },
): BaseError | undefined {
  if (!(error instanceof ccxt.BaseError)) return undefined;
  if (context?.lastResponse?.status === 418) {
    const waitMs = parseRetryAfter(context.lastResponse.headers.get('retry-after'), context.now) ?? MEXC_DEFAULT_BAN_MS;
    return new RateLimitedError(
      `${name} has banned this IP address for a while after too many requests; Omnifolio will try again in ${Math.ceil(waitMs / 60_000)} min.`,
      waitMs,
      {
        hints: ['Other programs using the same MEXC key or IP address count against the same limits.'],
        details: redactText(`${error.name}: ${error.message}`),
      },
    );
  }
  const code = /"code"\s*:\s*"?(-?\d+)"?/.exec(error.message)?.[1];
  const details = redactText(`${error.name}: ${error.message}`);
  switch (code) {
    case '10072':
    case '700001':
      return new AuthError(`${name} does not know this API key: copy the whole access key again, or create a new read-only key if it was deleted or expired.`, {
        hints: ['MEXC deletes keys without an IP binding after 90 days.'],
        details,
      });
    case '700002':
    case '602':
      return new AuthError(`${name} could not verify the request signature: the secret key does not belong to this access key, so copy the secret again.`, {
        hints: ['MEXC shows the secret key only once; if it is lost, create a new read-only key.'],
        details,
      });
    case '700006':
    case '406':
      return new AuthError(`${name} refused this computer's IP address: add it to the key's IP list on MEXC, or create a key without an IP binding.`, {
        details,
      });
    case '10073':
      return new ClockSkewError(`${name} refused the request because this computer's clock is off; turn on automatic time synchronization and try again.`, {
        hints: [
          'Windows: Settings › Time & language › Date & time › Set time automatically, then "Sync now".',
          'macOS: System Settings › General › Date & Time › Set time and date automatically.',
          'Linux: run `timedatectl set-ntp true`.',
        ],
        details,
      });
    default:
      return undefined;
  }
}
