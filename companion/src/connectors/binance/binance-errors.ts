import { AuthError, type BaseError, redactText } from '@omnifolio/shared/errors';
import type { CcxtModule } from '../ccxt/load-ccxt.js';

/**
 * Binance error codes that deserve a more precise sentence than ccxt's class gives. ccxt
 * raises `AuthenticationError` for all of -2014, -2015 and -1022, but each points at a
 * different fix. Everything else falls through to the generic mapping (map-ccxt-error.ts),
 * including -1021 (clock) which ccxt already raises as InvalidNonce.
 *
 * ccxt's message is "binance {"code":-1022,"msg":"Signature for this request is not valid."}".
 */
export function refineBinanceError(error: unknown, ccxt: CcxtModule, name: string): BaseError | undefined {
  if (!(error instanceof ccxt.AuthenticationError) || error instanceof ccxt.PermissionDenied) return undefined;
  const code = /"code"\s*:\s*(-?\d+)/.exec(error.message)?.[1];
  const details = redactText(`${error.name}: ${error.message}`);
  switch (code) {
    case '-1022':
      return new AuthError(`${name} could not verify the request signature: the secret does not belong to this API key, so copy the secret again.`, {
        hints: ['Binance shows the secret only once, when the key is created; if you no longer have it, create a new key with only "Enable Reading".'],
        details,
      });
    case '-2014':
      return new AuthError(`${name} says the API key is malformed: copy the whole key again, without spaces.`, { details });
    case '-2015':
      return new AuthError(
        `${name} rejected the API key: check that you copied the whole key and secret, and that the key is not restricted to other IP addresses.`,
        {
          hints: [
            'If the key is restricted to IP addresses, add this computer’s public IP address on Binance (API Management › Edit restrictions).',
            'The key must have "Enable Reading" ticked.',
            'If you deleted the key on Binance, create a new one with only "Enable Reading".',
          ],
          details,
        },
      );
    default:
      return undefined;
  }
}
