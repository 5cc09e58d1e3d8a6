import { UnavailableError } from '@omnifolio/shared/errors';

/** Coinbase answered, but not with the shape we read. Not retried forever: the runner backs off. */
export function coinbaseUnreadable(what: string): UnavailableError {
  return new UnavailableError(`Coinbase answered something Omnifolio could not read (${what}); it will try again later.`, {
    hints: ['If this keeps happening, Coinbase may have changed its API; the companion log has the details.'],
  });
}

export const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** `{ "value": "1.5", "currency": "BTC" }` (v3) → "1.5"; undefined when absent or not a string. */
export function amountValue(money: unknown): string | undefined {
  if (!isRecord(money)) return undefined;
  const value = money.value ?? money.amount;
  return typeof value === 'string' && value !== '' ? value : undefined;
}
