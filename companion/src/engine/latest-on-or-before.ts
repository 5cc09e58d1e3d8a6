/**
 * The latest of `days` (sorted ascending, `YYYY-MM-DD`) on or before `day`; undefined when
 * all are after it. Every daily series carries its last value forward this way: a weekend
 * takes Friday's close or reference rate, a day before the first has none (never a guess).
 */
export function latestOnOrBefore(days: readonly string[], day: string): string | undefined {
  let lo = 0;
  let hi = days.length - 1;
  let found: string | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const candidate = days[mid]!;
    if (candidate <= day) {
      found = candidate;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
