/**
 * Coinbase writes times as RFC 3339 with anything from no fraction (`2024-11-03T13:50:09Z`, v2)
 * to nanoseconds (`2023-01-18T01:37:38.091377090Z`, fills). Fills are ordered and filtered by
 * `sequence_timestamp` in microseconds, which a millisecond Date would merge.
 */
const RFC3339 = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/;

/** Microseconds since the epoch; undefined when unreadable. */
export function coinbaseMicros(time: string): bigint | undefined {
  const match = RFC3339.exec(time);
  if (match === null) return undefined;
  const whole = Date.parse(`${match[1]}${match[3]}`);
  if (!Number.isFinite(whole)) return undefined;
  return BigInt(whole) * 1000n + BigInt((match[2] ?? '').padEnd(6, '0').slice(0, 6));
}

/** `2023-11-26T10:19:47.507001Z` from microseconds: the form Coinbase accepts in sequence-timestamp filters. */
export function coinbaseTimeOfMicros(micros: bigint): string {
  const ms = micros / 1000n;
  const iso = new Date(Number(ms)).toISOString();
  return `${iso.slice(0, 19)}.${(micros % 1_000_000n).toString().padStart(6, '0')}Z`;
}

/** ISO 8601 with milliseconds, for records. */
export function coinbaseIsoOf(time: string): string | undefined {
  const micros = coinbaseMicros(time);
  return micros === undefined ? undefined : new Date(Number(micros / 1000n)).toISOString();
}
