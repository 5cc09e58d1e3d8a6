import { UnavailableError } from '@omnifolio/shared/errors';

/** Kraken answered, but not with the shape we read. Not retried forever: the runner backs off. */
export function krakenUnreadable(what: string): UnavailableError {
  return new UnavailableError(`Kraken answered something Omnifolio could not read (${what}); it will try again later.`, {
    hints: ['If this keeps happening, Kraken may have changed its API; the companion log has the details.'],
  });
}

export const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Kraken wraps every answer as `{ "error": [], "result": … }`; ccxt has already raised on a non-empty `error`. */
export function krakenResult(body: unknown, what: string): Record<string, unknown> {
  const result = isRecord(body) ? body.result : undefined;
  if (!isRecord(result)) throw krakenUnreadable(what);
  return result;
}

/** Kraken's times are JSON numbers of seconds with four decimals; positions are in 1/10,000 s. */
export function krakenTimeUnits(time: unknown): bigint | undefined {
  if (typeof time !== 'number' || !Number.isFinite(time) || time < 0) return undefined;
  const [whole = '0', fraction = ''] = String(time).split('.');
  return BigInt(whole) * 10_000n + BigInt(fraction.padEnd(4, '0').slice(0, 4));
}

export const isoOfKrakenTime = (time: number): string => new Date(Math.round(time * 1000)).toISOString();

/** Kraken writes a position's net result with a sign (`+154186.9728`). */
export const unsigned = (value: string): string => (value.startsWith('+') ? value.slice(1) : value);
