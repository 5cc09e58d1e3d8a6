import { AuthError, type BaseError, ClockSkewError, RateLimitedError, redactText } from '@omnifolio/shared/errors';
import type { CcxtModule } from '../ccxt/load-ccxt.js';
import type { ObservedResponse } from '../ccxt/metered-fetch.js';

/**
 * HTX answers every authentication failure with one code (`api-signature-not-valid` on the spot
 * gateway, `403` on the contract gateway) and says what is wrong only in the message, which ccxt
 * keeps: `htx {"status":"error","err-code":"api-signature-not-valid","err-msg":"Signature not valid: Incorrect Access key [Access key错误]","data":null}`.
 * Each cause has its own fix, so each gets its own sentence; a time outside HTX's 5-minute
 * window becomes ClockSkewError. A rate limit waits until `X-HB-RateLimit-Requests-Expire` (the
 * end of HTX's window, epoch ms) when HTX sends it and no Retry-After. Maintenance ccxt already maps.
 */
export function refineHtxError(
  error: unknown,
  ccxt: CcxtModule,
  name: string,
  context: { lastResponse?: ObservedResponse; now: number } = { now: Date.now() },
): BaseError | undefined {
  if (error instanceof ccxt.RateLimitExceeded || error instanceof ccxt.DDoSProtection) {
    const headers = context.lastResponse?.headers;
    const expire = Number(headers?.get('x-hb-ratelimit-requests-expire') ?? Number.NaN);
    if (headers?.get('retry-after') !== null && headers?.get('retry-after') !== undefined) return undefined;
    if (!Number.isFinite(expire) || expire <= 0) return undefined;
    const waitMs = Math.max(1_000, expire - context.now);
    return new RateLimitedError(`${name} asked Omnifolio to slow down; it will try again in ${Math.ceil(waitMs / 1000)} s.`, waitMs, {
      hints: ['Other programs using this HTX account’s API count against the same limit.'],
      details: redactText(`${error.name}: ${error.message}`),
    });
  }
  if (!(error instanceof ccxt.AuthenticationError) || error instanceof ccxt.PermissionDenied) return undefined;
  const message = error.message;
  const details = redactText(`${error.name}: ${message}`);
  if (/Invalid submission time|incorrect time format/i.test(message)) {
    return new ClockSkewError(
      `${name} refused the request because this computer's clock is more than 5 minutes off; turn on automatic time synchronization and try again.`,
      {
        hints: [
          'Windows: Settings › Time & language › Date & time › Set time automatically, then "Sync now".',
          'macOS: System Settings › General › Date & Time › Set time and date automatically.',
          'Linux: run `timedatectl set-ntp true`.',
        ],
        details,
      },
    );
  }
  if (/Incorrect IP address/i.test(message)) {
    return new AuthError(
      `${name} refused this computer's IP address: add it to the key's IP list on HTX (API Management › Edit), or create a new read-only key bound to it.`,
      {
        details,
      },
    );
  }
  if (/Incorrect Access key/i.test(message)) {
    return new AuthError(`${name} does not know this API key (Access Key): copy it again, or create a new read-only key if it was deleted or expired.`, {
      hints: ['HTX deletes keys that are not bound to an IP address after 90 days.'],
      details,
    });
  }
  if (/Verification failure/i.test(message)) {
    return new AuthError(`${name} could not verify the request signature: the Secret Key does not belong to this Access Key, so copy the Secret Key again.`, {
      hints: ['HTX shows the Secret Key only once; if it is lost, create a new read-only key.'],
      details,
    });
  }
  return undefined;
}
