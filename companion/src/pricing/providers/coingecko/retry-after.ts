/**
 * Reads an HTTP `Retry-After` header: either delay-seconds (`"30"`) or an HTTP date
 * (`"Wed, 21 Oct 2015 07:28:00 GMT"`). Returns the wait in milliseconds, or `undefined`
 * when the header is absent or unreadable so the caller can apply its own default.
 *
 * A date in the past means "now" (0 ms): clocks differ, and waiting a negative time is
 * not a thing. Fractional seconds are accepted although RFC 9110 allows only integers,
 * because some servers send them and rounding them away would retry too early.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  // An HTTP date names its month; this keeps Date.parse from reading "-5" as a year.
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
