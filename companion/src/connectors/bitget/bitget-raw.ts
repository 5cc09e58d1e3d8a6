import { UnavailableError } from '@omnifolio/shared/errors';
import { dec } from '@omnifolio/shared/money';

/** Bitget answered, but not with the shape we read. Not retried forever: the runner backs off. */
export function bitgetUnreadable(what: string): UnavailableError {
  return new UnavailableError(`Bitget answered something Omnifolio could not read (${what}); it will try again later.`, {
    hints: ['If this keeps happening, Bitget may have changed its API; the companion log has the details.'],
  });
}

/** Bitget wraps every answer as `{ code: "00000", msg: "success", requestTime, data }`. */
export function bitgetData(body: unknown, what: string): unknown {
  if (body === null || typeof body !== 'object' || !('data' in body)) throw bitgetUnreadable(what);
  return (body as { data: unknown }).data;
}

export type BitgetRow = Record<string, unknown>;

/** A list of rows, or Bitget's answer was not one. */
export function bitgetRows(data: unknown, what: string): BitgetRow[] {
  if (!Array.isArray(data) || !data.every((row) => row !== null && typeof row === 'object')) throw bitgetUnreadable(what);
  return data as BitgetRow[];
}

/** An amount Bitget may leave empty ("" or missing means zero). */
export function bitgetAmount(row: BitgetRow, key: string, what: string) {
  const value = row[key];
  if (value === undefined || value === null || value === '') return dec('0');
  if (typeof value !== 'string') throw bitgetUnreadable(what);
  return dec(value);
}

export function bitgetText(row: BitgetRow, key: string, what: string): string {
  const value = row[key];
  if (typeof value !== 'string' || value === '') throw bitgetUnreadable(what);
  return value;
}
