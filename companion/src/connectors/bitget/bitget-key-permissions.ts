import { PermissionError, UnavailableError } from '@omnifolio/shared/errors';

/**
 * What a Bitget API key may do, from `GET /api/v2/spot/account/info` → `data.authorities`
 * (`["readonly"]`, `["readonly", "trade"]`, `["readonly", "trade", "transfer", "withdraw"]`; some keys
 * list finer grants such as `spot_trade` or `contract_trade`). A key that can withdraw is refused;
 * one that can trade or transfer works with a warning. An answer without `authorities` is refused
 * rather than guessed.
 */
export function reviewBitgetKeyPermissions(data: unknown): { warnings: string[] } {
  const authorities = (data as { authorities?: unknown } | null)?.authorities;
  if (!Array.isArray(authorities) || !authorities.every((a) => typeof a === 'string')) {
    throw new UnavailableError('Bitget did not say what this API key may do, so Omnifolio cannot check that it is read-only; it will try again later.');
  }
  const granted = (authorities as string[]).map((a) => a.toLowerCase());
  if (granted.some((a) => a.includes('withdraw'))) {
    throw new PermissionError(
      'This Bitget key can withdraw funds; Omnifolio only reads, so create a new key with only the "Read-only" permission and delete this one.',
      {
        hints: [
          'On Bitget: profile › API Management › Create API (system-generated); choose "Read-only", never "Withdraw" or trading permissions.',
          'Binding the key to this computer’s IP address adds protection.',
        ],
      },
    );
  }
  const warnings: string[] = [];
  if (granted.some((a) => a.includes('trade')))
    warnings.push('This Bitget key can also trade; it will work, but a key with only the "Read-only" permission is safer.');
  if (granted.some((a) => a.includes('transfer'))) {
    warnings.push('This Bitget key can also transfer funds between accounts; Omnifolio does not need that, so a "Read-only" key is safer.');
  }
  return { warnings };
}
