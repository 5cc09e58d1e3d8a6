import { PermissionError } from '@omnifolio/shared/errors';

/**
 * What a Gate API key may do, from `GET /account/main_keys`, which lists every key of the main
 * account with its areas (`perms: [{ "name": "wallet", "read_only": false }, …]`) and the key itself
 * masked to its first 12 characters (`"c5dcfbf1f3a7*****"`). Gate v4 has no "this key" endpoint;
 * the masked prefix finds ours.
 *
 * - `wallet` writable: the key can withdraw and transfer (Gate's withdrawal permission lives in the
 *   wallet area): refused.
 * - a trading area writable (spot/margin, futures, delivery, options, unified, loan, copy…): works with
 *   a warning.
 * - the list cannot be read (a sub-account key, or a key without the "account" read permission)
 *   or our key is not in it: the generic warning, as for exchanges that report nothing.
 */
export interface GateKeyReview {
  warnings: string[];
}

const UNCHECKED =
  "Omnifolio could not read this Gate key's permissions (give the key read access to “Account” so it can); make sure it can only read, and never allow withdrawals.";

export const GATE_UNCHECKED_WARNING = UNCHECKED;

export function reviewGateKeyPermissions(body: unknown, apiKey: string): GateKeyReview {
  if (!Array.isArray(body)) return { warnings: [UNCHECKED] };
  const ours = body.find((entry) => {
    const masked = (entry as { key?: unknown } | null)?.key;
    if (typeof masked !== 'string') return false;
    const prefix = masked.replace(/\*+$/, '');
    return prefix.length >= 8 && apiKey.startsWith(prefix);
  }) as { perms?: unknown } | undefined;
  if (ours === undefined || !Array.isArray(ours.perms)) return { warnings: [UNCHECKED] };
  const writable = new Set(
    (ours.perms as { name?: unknown; read_only?: unknown }[]).filter((p) => p.read_only === false && typeof p.name === 'string').map((p) => p.name as string),
  );
  if (writable.has('wallet')) {
    throw new PermissionError('This Gate key can withdraw and transfer funds; Omnifolio only reads, so create a new read-only key and delete this one.', {
      hints: [
        'On Gate: profile › API Management › Create API Key (API v4). Give every area you use "Read Only", and never turn on Withdraw or wallet "Read and Write".',
        'Binding the key to this computer’s IP address adds protection.',
      ],
    });
  }
  const trading = [...writable].filter((name) => name !== 'account').sort();
  if (trading.length > 0) {
    return { warnings: [`This Gate key can also trade (${trading.join(', ')}); it will work, but a key with "Read Only" everywhere is safer.`] };
  }
  return { warnings: [] };
}
