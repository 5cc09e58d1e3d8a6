import { UnavailableError } from '@omnifolio/shared/errors';

/** Gate answered, but not with the shape we read. Not retried forever: the runner backs off. */
export function gateUnreadable(what: string): UnavailableError {
  return new UnavailableError(`Gate answered something Omnifolio could not read (${what}); it will try again later.`, {
    hints: ['If this keeps happening, Gate may have changed its API; the companion log has the details.'],
  });
}

export type GateRow = Record<string, unknown>;

/** A list of objects whose `keys` are all strings, or `gateUnreadable(what)`. */
export function gateRows(body: unknown, keys: readonly string[], what: string): GateRow[] {
  if (!Array.isArray(body) || !body.every((row) => hasStrings(row, keys))) throw gateUnreadable(what);
  return body as GateRow[];
}

export function hasStrings(row: unknown, keys: readonly string[]): row is GateRow {
  return row !== null && typeof row === 'object' && keys.every((key) => typeof (row as GateRow)[key] === 'string');
}

/** Gate's string field `key` of a row already checked by `gateRows`/`hasStrings`. */
export const str = (row: GateRow, key: string): string => row[key] as string;
