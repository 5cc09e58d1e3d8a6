import { UnavailableError } from '@omnifolio/shared/errors';

/** CoinEx answered, but not with the shape we read. Not retried forever: the runner backs off. */
export function coinexUnreadable(what: string): UnavailableError {
  return new UnavailableError(`CoinEx answered something Omnifolio could not read (${what}); it will try again later.`, {
    hints: ['If this keeps happening, CoinEx may have changed its API; the companion log has the details.'],
  });
}

/**
 * CoinEx wraps every v2 answer as `{ code: 0, data, message: "OK", pagination? }`; ccxt has
 * already turned a non-zero code into an exception. Lists come back as arrays of objects.
 */
export function coinexList(body: unknown, what: string): Record<string, unknown>[] {
  const data = (body as { data?: unknown } | null)?.data;
  if (!Array.isArray(data) || !data.every((row) => row !== null && typeof row === 'object')) throw coinexUnreadable(what);
  return data as Record<string, unknown>[];
}

/** `pagination.has_next` of a paged list; a list without it is one page. */
export function coinexHasNext(body: unknown): boolean {
  return (body as { pagination?: { has_next?: unknown } } | null)?.pagination?.has_next === true;
}

export function coinexString(row: Record<string, unknown>, key: string, what: string): string {
  const value = row[key];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  throw coinexUnreadable(`${what}: ${key}`);
}

/** An amount CoinEx sent as a decimal string; an empty one is zero. */
export function coinexAmount(row: Record<string, unknown>, key: string, what: string): string {
  const value = row[key];
  if (value === '') return '0';
  if (typeof value === 'string') return value;
  throw coinexUnreadable(`${what}: ${key}`);
}
