import { AuthError, type BaseError, redactText } from '@omnifolio/shared/errors';
import type { CcxtModule } from '../ccxt/load-ccxt.js';

/**
 * Bitget codes that deserve a more precise sentence than ccxt's class gives: ccxt raises
 * `AuthenticationError` for 40006/40037 (unknown key), 40012 (wrong passphrase) and 40009/40010
 * (bad signature) alike, and `PermissionDenied` for 40018 (IP not bound to the key) and 40014
 * (missing permission), but each has its own fix. 40008 (timestamp more than 30 s off) arrives
 * as InvalidNonce (ClockSkewError), 429 as DDoSProtection (RateLimitedError with Retry-After) and
 * 40200 as OnMaintenance in the generic mapping.
 * ccxt's message is `bitget {"code":"40012","msg":"apikey/password is incorrect","requestTime":…,"data":null}`.
 */
export function refineBitgetError(error: unknown, ccxt: CcxtModule, name: string): BaseError | undefined {
  if (!(error instanceof ccxt.AuthenticationError)) return undefined;
  const code = /"code"\s*:\s*"(\d+)"/.exec(error.message)?.[1];
  const details = redactText(`${error.name}: ${error.message}`);
  switch (code) {
    case '40006':
    case '40037':
      return new AuthError(`${name} does not know this API key: copy the whole key again, or create a new read-only key if it was deleted.`, { details });
    case '40012':
      return new AuthError(`${name} rejected the passphrase: enter the passphrase you chose when you created this API key (not your login password).`, {
        hints: ['If you no longer know it, create a new read-only key on Bitget; the passphrase cannot be shown again.'],
        details,
      });
    case '40009':
    case '40010':
      return new AuthError(`${name} could not verify the request signature: the secret key does not belong to this API key, so copy the secret again.`, {
        details,
      });
    case '40018':
      return new AuthError(`${name} refused this computer's IP address: add it to the key's IP binding on Bitget, or create a key without one.`, { details });
    case '40014':
      return new AuthError(`${name} says this API key may not read this data: edit the key on Bitget and give it the "Read-only" permission.`, { details });
    default:
      return undefined;
  }
}
