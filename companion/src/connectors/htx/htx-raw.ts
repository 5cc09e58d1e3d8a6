import { UnavailableError } from '@omnifolio/shared/errors';

/** HTX answered, but not with the shape we read. Not retried forever: the runner backs off. */
export function htxUnreadable(what: string): UnavailableError {
  return new UnavailableError(`HTX answered something Omnifolio could not read (${what}); it will try again later.`, {
    hints: ['If this keeps happening, HTX may have changed its API; the companion log has the details.'],
  });
}

/**
 * HTX wraps answers three ways: the v1 spot gateway and the v1 contract API as
 * `{ status: "ok", data }`, the v2 spot API and the v5 contract API as `{ code: 200, data }`.
 * ccxt has already turned `status: "error"` and the known error codes into exceptions; whatever
 * else is not a success is unreadable here.
 */
export function htxData(body: unknown, what: string): unknown {
  if (body === null || typeof body !== 'object') throw htxUnreadable(what);
  const envelope = body as { status?: unknown; code?: unknown; data?: unknown };
  const success = envelope.status === 'ok' || envelope.code === 200 || envelope.code === '200';
  if (!success || envelope.data === undefined || envelope.data === null) throw htxUnreadable(what);
  return envelope.data;
}

export function htxList(body: unknown, what: string): Record<string, unknown>[] {
  const data = htxData(body, what);
  if (!Array.isArray(data) || !data.every((row) => row !== null && typeof row === 'object')) throw htxUnreadable(what);
  return data as Record<string, unknown>[];
}

/** An amount HTX sent as a string (or, in a few contract fields, a JSON number). */
export function htxAmount(row: Record<string, unknown>, key: string, what: string): string {
  const value = row[key];
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw htxUnreadable(`${what}: ${key}`);
}

export function htxString(row: Record<string, unknown>, key: string, what: string): string {
  const value = row[key];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  throw htxUnreadable(`${what}: ${key}`);
}
