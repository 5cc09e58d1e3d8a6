import { AuthError, type BaseError, ClockSkewError, RateLimitedError, redactText, UnavailableError } from '@omnifolio/shared/errors';
import type { CcxtModule } from '../ccxt/load-ccxt.js';
import type { ObservedResponse } from '../ccxt/metered-fetch.js';

/**
 * Kraken Futures' error strings (`{ "result": "error", "error": "…" }`; ccxt's message is
 * `krakenfutures {"result":"error",…}`) that deserve a sentence of their own:
 *
 * - `authenticationError`: an unknown key, a wrong secret, a key with General API "No access" or
 *   an IP outside the key's list all look the same; the sentence names each;
 * - `nonceBelowThreshold`, `nonceDuplicate`: Omnifolio sends no Nonce header (it is optional), so
 *   this means Kraken still tracks a nonce for the key from another program: a fresh key resets it;
 * - `apiLimitExceeded`: the `/derivatives` budget (500 units per 10 s) refills within seconds, the
 *   `/history` one (100 tokens per 10 minutes, account log 3 a page) at 10 tokens a minute, so the
 *   wait depends on which one the request used
 *   (https://docs.kraken.com/api/docs/guides/futures-rate-limits);
 * - `unavailable` (HTTP 503 in maintenance).
 */
const DERIVATIVES_WAIT_MS = 10_000;
const HISTORY_WAIT_MS = 60_000;

export function refineKrakenFuturesError(
  error: unknown,
  ccxt: CcxtModule,
  name: string,
  context: { lastResponse?: ObservedResponse; now: number },
): BaseError | undefined {
  if (!(error instanceof ccxt.BaseError)) return undefined;
  // The WebSocket API refuses a subscription signed with the wrong secret (or for an unknown key) with an alert.
  if (/Failed to (subscribe to authenticated feed|generate challenge)/.test(error.message)) {
    return new AuthError(`${name} refused to stream this key's balances: the public key and the private key do not belong together.`, {
      hints: ['Copy both keys again from Kraken Futures; the sync will say the same until they match.'],
      details: redactText(`${error.name}: ${error.message}`),
    });
  }
  const code = /"error"\s*:\s*"([A-Za-z]+)/.exec(error.message)?.[1];
  const details = redactText(`${error.name}: ${error.message}`);
  switch (code) {
    case 'authenticationError':
      return new AuthError(`${name} rejected the API key: the public key and the private key do not belong together, or the key was deleted.`, {
        hints: [
          'Copy both keys again from Kraken Futures (Settings › API keys); the private key is the long Base64 one, shown only when the key was created.',
          'A key created with General API "No access" cannot read: create one with "Read only".',
          `If the key is restricted to IP addresses, add this computer's public IP address on ${name}.`,
        ],
        details,
      });
    case 'nonceBelowThreshold':
    case 'nonceDuplicate':
      return new ClockSkewError(`${name} refused the request's nonce: another program used this key with larger nonces.`, {
        hints: [
          'Create a new read-only key for Omnifolio alone: a new key starts with a fresh nonce.',
          'Also check that this computer sets its clock automatically.',
        ],
        details,
      });
    case 'apiLimitExceeded': {
      const history = context.lastResponse?.url.includes('/api/history/') === true;
      return new RateLimitedError(
        history
          ? `${name} has used up this key's history budget (100 tokens per 10 minutes); Omnifolio will continue the history where it stopped.`
          : `${name} has used up this key's request budget (500 units per 10 seconds); Omnifolio will wait and try again.`,
        history ? HISTORY_WAIT_MS : DERIVATIVES_WAIT_MS,
        { hints: [`Other programs using this ${name} key count against the same budget.`], details },
      );
    }
    case 'unavailable':
      return new UnavailableError(`${name} is unavailable or in maintenance; Omnifolio will try again later.`, { details });
    default:
      return undefined;
  }
}
