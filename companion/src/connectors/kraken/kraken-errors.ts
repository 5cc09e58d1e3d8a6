import { AuthError, type BaseError, RateLimitedError, redactText, UnavailableError } from '@omnifolio/shared/errors';
import type { CcxtModule } from '../ccxt/load-ccxt.js';
import { KRAKEN_COUNTER_DRAIN_MS } from './kraken-call-pacer.js';

/**
 * Kraken errors that deserve a more precise sentence than ccxt's class gives. ccxt's message is
 * `kraken {"error":["EAPI:Invalid key"]}`.
 * - `EAPI:Invalid key` and `EAPI:Invalid signature` are both AuthenticationError, with different fixes;
 * - `EAPI:Invalid nonce` arrives as InvalidNonce, which the generic mapping reads as clock skew; on
 *   Kraken it means another program used this key with a larger nonce;
 * - `EAPI:Rate limit exceeded` carries no Retry-After: the wait is the time the Starter counter
 *   needs to drain;
 * - `EService:Unavailable` (maintenance) and `EService:Busy` (overload) each say which.
 * `EGeneral:Permission denied` is named per endpoint by the connector (kraken-connector.ts).
 */
export function refineKrakenError(error: unknown, ccxt: CcxtModule, name: string): BaseError | undefined {
  if (!(error instanceof ccxt.BaseError)) return undefined;
  const code = /"error"\s*:\s*\[\s*"([^"]+)"/.exec(error.message)?.[1];
  const details = redactText(`${error.name}: ${error.message}`);
  switch (code) {
    case 'EAPI:Invalid key':
      return new AuthError(`${name} does not know this API key: copy the whole key again, or create a new one if it was deleted.`, { details });
    case 'EAPI:Invalid signature':
      return new AuthError(`${name} could not verify the request signature: the private key does not belong to this API key, so copy it again, whole.`, {
        details,
      });
    case 'EAPI:Invalid nonce':
      return new AuthError(
        `${name} refused the request's nonce: another program has used this API key. Create a separate key for Omnifolio, or raise the key's nonce window on ${name}.`,
        { details },
      );
    case 'EAPI:Rate limit exceeded':
      return new RateLimitedError(
        `${name}'s call counter for this key is full (other programs using the key count too); Omnifolio will try again in ${Math.ceil(KRAKEN_COUNTER_DRAIN_MS / 1000)} s.`,
        KRAKEN_COUNTER_DRAIN_MS,
        { details },
      );
    case 'EService:Unavailable':
      return new UnavailableError(`${name} is down for maintenance; Omnifolio will try again later.`, { details });
    case 'EService:Busy':
      return new UnavailableError(`${name} is overloaded right now; Omnifolio will try again later.`, { details });
    default:
      return undefined;
  }
}
