import { PermissionError } from '@omnifolio/shared/errors';
import { isRecord } from './kraken-raw.js';

const HOW_TO =
  'On Kraken: Settings › API › Create API key; tick only "Query Funds", "Query Open Orders & Trades", "Query Closed Orders & Trades" and "Query Ledger Entries", nothing under "Withdraw Funds", "Create & Modify Orders" or "Cancel/Close Orders".';

/** What a read-only key needs, by GetApiKeyInfo's names, and what is missed without it. */
const NEEDED: Record<string, string> = {
  'query-funds': 'Query Funds (balances, Earn)',
  'query-open-trades': 'Query Open Orders & Trades (margin positions)',
  'query-closed-trades': 'Query Closed Orders & Trades (trade history)',
  'query-ledger': 'Query Ledger Entries (deposits, withdrawals, rewards, fees)',
};
const TRADING = ['modify-trades', 'cancel-close-trades', 'earn-funds'];

/**
 * What a Kraken API key may do, from `POST /0/private/GetApiKeyInfo` (needs no permission):
 * `{ "apiKeyName": "…", "permissions": ["query-funds", "withdraw-funds", "query-open-trades", "modify-trades"], … }`.
 * `withdraw-funds` is refused; placing or cancelling orders and moving funds into Earn are
 * warned about; each missing read permission is named with what Omnifolio cannot read without it.
 * An answer without a permission list is refused rather than guessed.
 */
export function reviewKrakenKeyPermissions(result: unknown): { warnings: string[] } {
  const permissions = isRecord(result) ? result.permissions : undefined;
  if (!Array.isArray(permissions) || !permissions.every((p) => typeof p === 'string')) {
    throw new PermissionError('Kraken did not say what this API key may do, so Omnifolio cannot check that it is read-only.', { hints: [HOW_TO] });
  }
  const granted = new Set(permissions as string[]);
  if (granted.has('withdraw-funds')) {
    throw new PermissionError(
      'This Kraken key can withdraw funds; Omnifolio only reads, so create a new key with only the "Query" permissions and delete this one.',
      { hints: [HOW_TO, 'Restricting the key to this computer’s IP address adds protection.'] },
    );
  }
  const warnings: string[] = [];
  if (TRADING.some((p) => granted.has(p))) {
    warnings.push('This Kraken key can also place orders or move funds into Earn; it will work, but a key with only the "Query" permissions is safer.');
  }
  const missing = Object.entries(NEEDED)
    .filter(([p]) => !granted.has(p))
    .map(([, label]) => label);
  if (missing.length > 0) warnings.push(`This Kraken key lacks ${missing.join(', ')}; Omnifolio cannot read that part until you add the permission.`);
  return { warnings };
}
