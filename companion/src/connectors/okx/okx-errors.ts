import { AuthError, type BaseError, redactText } from '@omnifolio/shared/errors';
import type { CcxtModule } from '../ccxt/load-ccxt.js';

/**
 * OKX codes that deserve a more precise sentence than ccxt's class gives: ccxt raises
 * `AuthenticationError` for a wrong passphrase (50105), an unknown key (50111) and a bad
 * signature (50113) alike, but each has its own fix. 50102 (timestamp) already arrives as
 * InvalidNonce and becomes ClockSkewError in the generic mapping.
 * ccxt's message is `okx {"code":"50105","msg":"Invalid OK-ACCESS-PASSPHRASE.","data":[]}`.
 * The private WebSocket's login answers the same faults with its own codes (60024 passphrase,
 * 60007 signature, 60005 key), in `okx {"event":"error","code":"60024",…}`.
 */
export function refineOkxError(error: unknown, ccxt: CcxtModule, name: string): BaseError | undefined {
  if (!(error instanceof ccxt.AuthenticationError) || error instanceof ccxt.PermissionDenied) return undefined;
  const code = /"code"\s*:\s*"(\d+)"/.exec(error.message)?.[1];
  const details = redactText(`${error.name}: ${error.message}`);
  switch (code) {
    case '50105':
    case '60024':
      return new AuthError(`${name} rejected the passphrase: enter the passphrase you chose when you created this API key (not your login password).`, {
        hints: ['If you no longer know it, create a new read-only key on OKX; the passphrase cannot be shown again.'],
        details,
      });
    case '50113':
    case '60007':
      return new AuthError(`${name} could not verify the request signature: the secret key does not belong to this API key, so copy the secret again.`, {
        details,
      });
    case '50111':
    case '60005':
      return new AuthError(`${name} does not know this API key: copy the whole key again, or create a new read-only key if it was deleted.`, { details });
    case '50110':
      return new AuthError(`${name} refused this computer's IP address: add it to the key's IP allow-list on OKX, or create a key without an IP binding.`, {
        details,
      });
    default:
      return undefined;
  }
}
