import { PermissionError, UnavailableError } from '@omnifolio/shared/errors';

/**
 * What an OKX API key may do, from `GET /api/v5/account/config` → `data[0].perm`
 * (`"read_only"`, `"read_only,trade"`, `"read_only,withdraw,trade"`). A key that can withdraw is
 * refused; one that can trade works with a warning. An answer without `perm` is refused rather
 * than guessed.
 */
export function reviewOkxKeyPermissions(body: unknown): { warnings: string[] } {
  const perm = Array.isArray(body) ? (body[0] as { perm?: unknown } | undefined)?.perm : undefined;
  if (typeof perm !== 'string') {
    throw new UnavailableError('OKX did not say what this API key may do, so Omnifolio cannot check that it is read-only; it will try again later.');
  }
  const permissions = new Set(perm.split(',').map((p) => p.trim()));
  if (permissions.has('withdraw')) {
    throw new PermissionError(
      'This OKX key can withdraw funds; Omnifolio only reads, so create a new key with only the "Read" permission and delete this one.',
      {
        hints: [
          'On OKX: Profile › API keys › Create API key; choose "Read" only, never "Withdraw" or "Trade".',
          'Binding the key to this computer’s IP address adds protection.',
        ],
      },
    );
  }
  if (permissions.has('trade')) {
    return { warnings: ['This OKX key can also trade; it will work, but a key with only the "Read" permission is safer.'] };
  }
  return { warnings: [] };
}
