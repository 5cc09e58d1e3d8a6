import { AuthError, type BaseError, ClockSkewError, RateLimitedError, redactText } from '@omnifolio/shared/errors';
import type { CcxtModule } from '../ccxt/load-ccxt.js';
import type { ObservedResponse } from '../ccxt/metered-fetch.js';

/**
 * Gate labels that deserve a more precise sentence than ccxt's class gives. ccxt raises
 * `AuthenticationError` for INVALID_KEY, INVALID_SIGNATURE, IP_FORBIDDEN and REQUEST_EXPIRED
 * alike, but each has its own fix; REQUEST_EXPIRED (timestamp more than 60 s off) is a clock
 * problem, not a key problem. TOO_MANY_REQUESTS carries no Retry-After; Gate says when its window
 * resets in `X-Gate-RateLimit-Reset-Timestamp`.
 * ccxt's message is `gate {"label":"INVALID_KEY","message":"Invalid key provided"}`.
 */
export function refineGateError(
  error: unknown,
  ccxt: CcxtModule,
  name: string,
  context: { lastResponse?: ObservedResponse; now: number },
): BaseError | undefined {
  if (!(error instanceof ccxt.BaseError)) return undefined;
  const label = /"label"\s*:\s*"([A-Z_]+)"/.exec(error.message)?.[1];
  const details = redactText(`${error.name}: ${error.message}`);
  switch (label) {
    case 'INVALID_KEY':
      return new AuthError(`${name} does not know this API key: copy the whole key again, or create a new read-only key if it was deleted.`, {
        hints: ['Gate keys are created under profile › API Management; use an "API v4" key.'],
        details,
      });
    case 'INVALID_SIGNATURE':
      return new AuthError(`${name} could not verify the request signature: the secret does not belong to this API key, so copy the secret again.`, {
        hints: ['Gate shows the secret only once; if it is lost, create a new read-only key.'],
        details,
      });
    case 'IP_FORBIDDEN':
      return new AuthError(`${name} refused this computer's IP address: add it to the key's IP allow-list on Gate, or create a key without an IP binding.`, {
        details,
      });
    case 'REQUEST_EXPIRED':
      return new ClockSkewError(
        `${name} refused the request because this computer's clock is more than 60 seconds off; turn on automatic time synchronization and try again.`,
        {
          hints: [
            'Windows: Settings › Time & language › Date & time › Set time automatically, then "Sync now".',
            'macOS: System Settings › General › Date & Time › Set time and date automatically.',
            'Linux: run `timedatectl set-ntp true`.',
          ],
          details,
        },
      );
    case 'TOO_MANY_REQUESTS': {
      const reset = Number(context.lastResponse?.headers.get('x-gate-ratelimit-reset-timestamp') ?? Number.NaN);
      if (!Number.isFinite(reset)) return undefined;
      // Gate documents the reset as a timestamp; accept seconds or milliseconds.
      const waitMs = Math.max(1_000, (reset < 1e12 ? reset * 1000 : reset) - context.now);
      return new RateLimitedError(`${name} asks Omnifolio to slow down; it will continue in ${Math.ceil(waitMs / 1000)} s.`, waitMs, { details });
    }
    default:
      return undefined;
  }
}
