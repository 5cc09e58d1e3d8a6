import { PermissionError } from '@omnifolio/shared/errors';
import { bybitUnreadable } from './bybit-raw.js';

/**
 * What a Bybit API key may do, from `GET /v5/user/query-api` → `result`:
 * `{ "readOnly": 0, "permissions": { "Wallet": ["AccountTransfer", "SubMemberTransfer", "Withdraw"],
 *    "Spot": ["SpotTrade"], "ContractTrade": ["Order", "Position"], … }, "ips": ["*"] }`
 * A key whose Wallet scope includes `Withdraw` is refused. A key that is not read-only
 * (`readOnly: 0`) can place orders and move funds between the user's own accounts: it works,
 * with a warning. An answer without these fields is refused rather than guessed.
 */
export function reviewBybitKeyPermissions(result: Record<string, unknown>): { warnings: string[] } {
  const { readOnly, permissions } = result;
  if ((readOnly !== 0 && readOnly !== 1) || permissions === null || typeof permissions !== 'object') throw bybitUnreadable('what this API key may do');
  const scopes = permissions as Record<string, unknown>;
  const wallet = Array.isArray(scopes.Wallet) ? (scopes.Wallet as unknown[]) : [];
  if (wallet.includes('Withdraw')) {
    throw new PermissionError(
      'This Bybit key can withdraw funds; Omnifolio only reads, so create a new key with "Read-Only" permissions and delete this one.',
      {
        hints: [
          'On Bybit: Account › API › Create New Key › System-generated API Keys; choose "Read-Only" and never tick "Withdrawal".',
          'Binding the key to this computer’s IP address adds protection.',
        ],
      },
    );
  }
  if (readOnly === 0) {
    return { warnings: ['This Bybit key can also trade; it will work, but a key created with "Read-Only" permissions is safer.'] };
  }
  return { warnings: [] };
}
