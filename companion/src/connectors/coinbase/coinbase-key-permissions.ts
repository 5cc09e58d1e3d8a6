import { PermissionError, UnavailableError } from '@omnifolio/shared/errors';
import { isRecord } from './coinbase-raw.js';

const HOW_TO =
  'On coinbase.com: Settings › API › Create API key (Coinbase Developer Platform); under "API restrictions" tick "View" only, never "Trade" or "Transfer", and choose the ECDSA signature algorithm.';

/**
 * What a Coinbase API key may do, from `GET /api/v3/brokerage/key_permissions`:
 * `{ "can_view": true, "can_trade": false, "can_transfer": false, "portfolio_uuid": "…", "portfolio_type": "DEFAULT" }`.
 * `can_transfer` means the key can send funds away: refused. `can_trade`: works, with a warning.
 * An answer without the three flags is refused rather than guessed.
 */
export function reviewCoinbaseKeyPermissions(body: unknown): { warnings: string[] } {
  if (!isRecord(body) || typeof body.can_view !== 'boolean' || typeof body.can_trade !== 'boolean' || typeof body.can_transfer !== 'boolean') {
    throw new UnavailableError('Coinbase did not say what this API key may do, so Omnifolio cannot check that it is read-only; it will try again later.');
  }
  if (body.can_transfer) {
    throw new PermissionError(
      'This Coinbase key can transfer funds out of your account; Omnifolio only reads, so create a new key with only the "View" permission and delete this one.',
      { hints: [HOW_TO, 'Restricting the key to this computer’s IP address adds protection.'] },
    );
  }
  if (!body.can_view) {
    throw new PermissionError('This Coinbase key may not view your accounts; create a key with the "View" permission.', { hints: [HOW_TO] });
  }
  if (body.can_trade) {
    return { warnings: ['This Coinbase key can also trade; it will work, but a key with only the "View" permission is safer.'] };
  }
  return { warnings: [] };
}
