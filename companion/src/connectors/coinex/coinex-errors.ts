import { AuthError, type BaseError, ClockSkewError, redactText } from '@omnifolio/shared/errors';
import type { CcxtModule } from '../ccxt/load-ccxt.js';

/**
 * CoinEx error codes that deserve a more precise sentence than ccxt's class gives. ccxt keeps
 * only CoinEx's message (`coinex Signature verification failed, please check …`), so the message
 * is what is matched:
 * - 4005 unknown access_id and 4006/4008 bad signature arrive as AuthenticationError alike, but
 *   each has its own fix;
 * - 4007 (IP not on the key's list) arrives as PermissionDenied, which would read "may not read
 *   this data";
 * - 4010 (request expired: the timestamp is more than 5 s off) and 4017 (signature expired)
 *   arrive as a plain ExchangeError and are a clock problem.
 * Rate limits (4213) and unavailability (4001, 3008) ccxt already maps.
 */
export function refineCoinexError(error: unknown, ccxt: CcxtModule, name: string): BaseError | undefined {
  if (!(error instanceof ccxt.ExchangeError)) return undefined;
  const message = error.message;
  const details = redactText(`${error.name}: ${message}`);
  if (/Expired request|Signature expired/i.test(message)) {
    return new ClockSkewError(
      `${name} refused the request because this computer's clock is more than 5 seconds off; turn on automatic time synchronization and try again.`,
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
  if (/IP address prohibited/i.test(message)) {
    return new AuthError(
      `${name} refused this computer's IP address: add it to the key's IP whitelist on CoinEx (API management), or create a key without one.`,
      {
        details,
      },
    );
  }
  if (/Abnormal access_id|access_id not exist/i.test(message)) {
    return new AuthError(
      `${name} does not know this Access ID: copy it again, or create a new key if it was deleted (a new key takes about 10 minutes to work).`,
      {
        details,
      },
    );
  }
  if (/Signature verification failed|Abnormal X-COIN-SIGN/i.test(message)) {
    return new AuthError(`${name} could not verify the request signature: the Secret Key does not belong to this Access ID, so copy the Secret Key again.`, {
      details,
    });
  }
  return undefined;
}
