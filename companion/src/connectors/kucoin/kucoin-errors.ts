import { AuthError, type BaseError, redactText, UnavailableError } from '@omnifolio/shared/errors';
import type { CcxtModule } from '../ccxt/load-ccxt.js';

/**
 * KuCoin codes that deserve a more precise sentence than ccxt's class gives: ccxt raises
 * `AuthenticationError` for 400003 (unknown key), 400004 (wrong passphrase), 400005 (bad
 * signature), 400006 (IP not in the key's whitelist) and 400007 (not allowed) alike, but each has
 * its own fix. 400002 (timestamp more than 5 s off) already arrives as InvalidNonce and becomes
 * ClockSkewError in the generic mapping; 429000 (a spent resource pool) is read with its
 * `gw-ratelimit-reset` header in kucoin-call.ts. ccxt's message is `kucoin {"code":"400004","msg":"Invalid KC-API-PASSPHRASE"}`.
 */
export function refineKucoinError(error: unknown, ccxt: CcxtModule, name: string): BaseError | undefined {
  if (!(error instanceof ccxt.BaseError)) return undefined;
  const code = /"code"\s*:\s*"(\d+)"/.exec(error.message)?.[1];
  const details = redactText(`${error.name}: ${error.message}`);
  if (/maintenance/i.test(error.message)) {
    return new UnavailableError(`${name} is down for maintenance; Omnifolio will try again later.`, { details });
  }
  switch (code) {
    case '400003':
      return new AuthError(`${name} does not know this API key: copy the whole key again, or create a new read-only key if it was deleted.`, { details });
    case '400004':
      return new AuthError(`${name} rejected the passphrase: enter the passphrase you chose when you created this API key (not your login password).`, {
        hints: ['If you no longer know it, create a new key with only the "General" permission; KuCoin cannot show the passphrase again.'],
        details,
      });
    case '400005':
      return new AuthError(`${name} could not verify the request signature: the secret does not belong to this API key, so copy the secret again.`, {
        details,
      });
    case '400006':
      return new AuthError(`${name} refused this computer's IP address: add it to the key's IP restriction on KuCoin, or create a key without one.`, {
        hints: ['The message in the companion log shows the address KuCoin saw.'],
        details,
      });
    case '400007':
      return new AuthError(`${name} says this API key may not read this data: edit the key on KuCoin and tick the "General" permission.`, { details });
    default:
      return undefined;
  }
}
