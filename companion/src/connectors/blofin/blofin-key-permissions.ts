import { blofinUnreadable } from './blofin-raw.js';

/**
 * What a BloFin API key may do, from `GET /api/v1/user/query-apikey` → `data.readOnly`
 * (1: read only; 0: read and write). BloFin does not list a read-write key's permissions
 * (Trade, Transfer, Withdraw), so such a key works with a warning that it may be able to move
 * funds; Omnifolio cannot tell whether withdrawals are among them. An answer without `readOnly`
 * is refused rather than guessed.
 */
export function reviewBlofinKeyPermissions(data: unknown): { warnings: string[] } {
  const readOnly = (data as { readOnly?: unknown } | null)?.readOnly;
  if (readOnly !== 0 && readOnly !== 1 && readOnly !== '0' && readOnly !== '1') throw blofinUnreadable('what this API key may do');
  if (String(readOnly) === '1') return { warnings: [] };
  return {
    warnings: [
      'This BloFin key is not read-only: it can trade, and BloFin does not say whether it can also transfer or withdraw. It will work, but create a key with only the "Read" permission and delete this one.',
    ],
  };
}
