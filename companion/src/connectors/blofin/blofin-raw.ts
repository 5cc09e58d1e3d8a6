import { UnavailableError } from '@omnifolio/shared/errors';

/** BloFin answered, but not with the shape we read. Not retried forever: the runner backs off. */
export function blofinUnreadable(what: string): UnavailableError {
  return new UnavailableError(`BloFin answered something Omnifolio could not read (${what}); it will try again later.`, {
    hints: ['If this keeps happening, BloFin may have changed its API; the companion log has the details.'],
  });
}

/** BloFin wraps every answer as `{ code: "0", msg: "success", data }`; ccxt's implicit API hands back that envelope. */
export function blofinData(body: unknown, what: string): unknown {
  const data = (body as { data?: unknown } | null)?.data;
  if (data === undefined || data === null) throw blofinUnreadable(what);
  return data;
}

export function blofinRows(body: unknown, what: string): Record<string, unknown>[] {
  const data = blofinData(body, what);
  if (!Array.isArray(data) || !data.every((row) => row !== null && typeof row === 'object')) throw blofinUnreadable(what);
  return data as Record<string, unknown>[];
}

export const hasStrings = <K extends string>(row: unknown, keys: readonly K[]): row is Record<string, unknown> & Record<K, string> =>
  row !== null && typeof row === 'object' && keys.every((key) => typeof (row as Record<string, unknown>)[key] === 'string');
