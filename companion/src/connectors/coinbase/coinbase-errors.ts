import { AuthError, type BaseError, redactText } from '@omnifolio/shared/errors';
import type { CcxtModule } from '../ccxt/load-ccxt.js';

/**
 * Coinbase answers every authentication failure alike, HTTP 401 with the body `Unauthorized`:
 * an unknown or deleted key, a signature by another private key, a token outside its two-minute
 * lifetime (a wrong clock), a key restricted to other IP addresses. ccxt raises
 * AuthenticationError with no detail, so the sentence names every cause in the order people
 * hit them. Rate limits (`rate_limit_exceeded`), maintenance (503) and `PERMISSION_DENIED`
 * arrive as ccxt's own classes and keep the generic mapping.
 */
export function refineCoinbaseError(error: unknown, ccxt: CcxtModule, name: string): BaseError | undefined {
  if (!(error instanceof ccxt.AuthenticationError) || error instanceof ccxt.PermissionDenied) return undefined;
  return new AuthError(
    `${name} rejected the API key: check that the key name and the whole private key belong together and that the key still exists; this computer's clock must also be right to the minute.`,
    {
      hints: [
        'Enter the key name (organizations/…/apiKeys/…) as the API key name and the private key, from -----BEGIN EC PRIVATE KEY----- to -----END EC PRIVATE KEY-----, as the private key.',
        'Coinbase refuses requests signed more than two minutes off its clock: turn on automatic time synchronization.',
        `If the key is restricted to IP addresses on ${name}, add this computer's public IP address.`,
      ],
      details: redactText(`${error.name}: ${error.message}`),
    },
  );
}
