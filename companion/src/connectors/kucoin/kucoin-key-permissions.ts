import { PermissionError, UnavailableError } from '@omnifolio/shared/errors';

/**
 * What a KuCoin API key may do, from `GET /api/v1/user/api-key` → `data.permission`, a comma-separated
 * list: "General" (read), "Spot", "Margin", "Futures" (trading), "Earn", "InnerTransfer", "Transfer",
 * "Withdrawal". A key that can withdraw is refused; one that can trade or move funds works with a
 * warning. An answer without `permission` is refused rather than guessed.
 */
const TRADING = ['Spot', 'Margin', 'Futures', 'Earn'];
const MOVING = ['InnerTransfer', 'Transfer'];

export function reviewKucoinKeyPermissions(data: unknown): { warnings: string[] } {
  const permission = (data as { permission?: unknown } | null)?.permission;
  if (typeof permission !== 'string') {
    throw new UnavailableError('KuCoin did not say what this API key may do, so Omnifolio cannot check that it is read-only; it will try again later.');
  }
  const granted = permission.split(',').map((p) => p.trim());
  if (granted.some((p) => p.toLowerCase().startsWith('withdraw'))) {
    throw new PermissionError(
      'This KuCoin key can withdraw funds; Omnifolio only reads, so create a new key with only the "General" permission and delete this one.',
      {
        hints: [
          'On KuCoin: Account › API Management › Create API; tick "General" only, never "Withdrawal", "Spot", "Margin" or "Futures" trading.',
          'Restricting the key to this computer’s IP address adds protection.',
        ],
      },
    );
  }
  const warnings: string[] = [];
  const trading = TRADING.filter((p) => granted.includes(p));
  if (trading.length > 0) {
    warnings.push(`This KuCoin key can also trade (${trading.join(', ')}); it will work, but a key with only the "General" permission is safer.`);
  }
  const moving = MOVING.filter((p) => granted.includes(p));
  if (moving.length > 0) {
    warnings.push(
      `This KuCoin key can also move funds between accounts (${moving.join(', ')}); Omnifolio does not need that, so a "General"-only key is safer.`,
    );
  }
  return { warnings };
}
