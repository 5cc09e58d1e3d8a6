import { PermissionError, UnavailableError } from '@omnifolio/shared/errors';

/**
 * What an HTX API key may do, from `GET /v2/user/api-key?uid=…&accessKey=…` →
 * `data[0].permission` (`"readOnly"`, `"readOnly,trade"`, `"readOnly,trade,withdraw"`). A key
 * that can withdraw is refused; one that can trade works with a warning. An answer that does not
 * list this key is refused rather than guessed.
 */
export function reviewHtxKeyPermissions(data: unknown, apiKey: string): { warnings: string[] } {
  const key = Array.isArray(data) ? (data as { accessKey?: unknown; permission?: unknown }[]).find((k) => k?.accessKey === apiKey) : undefined;
  if (typeof key?.permission !== 'string') {
    throw new UnavailableError('HTX did not say what this API key may do, so Omnifolio cannot check that it is read-only; it will try again later.');
  }
  const permissions = new Set(key.permission.split(',').map((p) => p.trim()));
  if (permissions.has('withdraw')) {
    throw new PermissionError(
      'This HTX key can withdraw funds; Omnifolio only reads, so create a new key with only the "Read-only" permission and delete this one.',
      {
        hints: [
          'On HTX: Profile › API Management › Create API key; tick "Read-only" only, never "Trade" or "Withdraw".',
          'Binding the key to this computer’s IP address adds protection (HTX also lets unbound keys expire after 90 days).',
        ],
      },
    );
  }
  if (permissions.has('trade')) {
    return { warnings: ['This HTX key can also trade; it will work, but a key with only the "Read-only" permission is safer.'] };
  }
  return { warnings: [] };
}
