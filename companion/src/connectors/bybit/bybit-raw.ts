import { UnavailableError } from '@omnifolio/shared/errors';

/** Bybit answered, but not with the shape we read. Not retried forever: the runner backs off. */
export function bybitUnreadable(what: string): UnavailableError {
  return new UnavailableError(`Bybit answered something Omnifolio could not read (${what}); it will try again later.`, {
    hints: ['If this keeps happening, Bybit may have changed its API; the companion log has the details.'],
  });
}

/** Bybit wraps every answer as `{ retCode: 0, retMsg: "OK", result: {...}, time }`; ccxt's implicit API hands back that envelope. */
export function bybitResult(body: unknown, what: string): Record<string, unknown> {
  const result = (body as { result?: unknown } | null)?.result;
  if (result === null || typeof result !== 'object' || Array.isArray(result)) throw bybitUnreadable(what);
  return result as Record<string, unknown>;
}

/** `result[key]` as an array of rows (`list` mostly; deposits and withdrawals use `rows`). */
export function bybitRows(body: unknown, key: string, what: string): Record<string, unknown>[] {
  const rows = bybitResult(body, what)[key];
  if (!Array.isArray(rows) || !rows.every((row) => row !== null && typeof row === 'object')) throw bybitUnreadable(what);
  return rows as Record<string, unknown>[];
}

export const hasStrings = <K extends string>(row: unknown, keys: readonly K[]): row is Record<string, unknown> & Record<K, string> =>
  row !== null && typeof row === 'object' && keys.every((key) => typeof (row as Record<string, unknown>)[key] === 'string');
