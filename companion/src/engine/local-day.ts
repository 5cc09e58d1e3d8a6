/**
 * Calendar days in the user's time zone. A day is a `YYYY-MM-DD` string; the day an
 * instant belongs to depends on the zone (23:30 UTC on 31 December is already 1 January in
 * Zurich). Date arithmetic on day strings runs in UTC, where every day has 24 hours, so
 * daylight-saving changes cannot skip or repeat a day.
 */
export type LocalDay = string;

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/**
 * Zone offset per zone and UTC hour. Offsets change only on whole UTC hours, and a rebuild
 * asks for hundreds of thousands of instants: a number-keyed map per zone, no string keys.
 */
const offsetsByZone = new Map<string, Map<number, number>>();
/** The ISO end of each day per zone (endOfLocalDay). */
const dayEndsByZone = new Map<string, Map<LocalDay, string>>();
/** `YYYY-MM-DD` per day since the epoch, written once. */
const dayNames = new Map<number, LocalDay>();

/** The value kept under `key`, computed once; a cache past its bound starts over. */
function kept<K, V>(cache: Map<K, V>, key: K, compute: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = compute();
    if (cache.size > 200_000) cache.clear();
    cache.set(key, value);
  }
  return value;
}

/** The day an instant falls on in the given IANA time zone. */
export function localDayOf(instant: string | Date, timeZone: string): LocalDay {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  const hour = Math.floor(ms / HOUR_MS);
  const offsets = kept(offsetsByZone, timeZone, () => new Map<number, number>());
  const offset = kept(offsets, hour, () => zoneOffsetMs(hour * HOUR_MS, timeZone));
  const index = Math.floor((ms + offset) / DAY_MS);
  return kept(dayNames, index, () => new Date(index * DAY_MS).toISOString().slice(0, 10));
}

const toUtc = (day: LocalDay) => new Date(`${day}T00:00:00Z`);
const fromUtc = (d: Date): LocalDay => d.toISOString().slice(0, 10);

export function addDays(day: LocalDay, days: number): LocalDay {
  const d = toUtc(day);
  d.setUTCDate(d.getUTCDate() + days);
  return fromUtc(d);
}

/** Same day n months later or earlier, clamped to the month's end (31 March − 1 month = 29 Feb in a leap year). */
export function addMonths(day: LocalDay, months: number): LocalDay {
  const d = toUtc(day);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return fromUtc(target);
}

/** Whole days from a to b (b − a). */
/** The earlier of two days (ISO dates compare as strings). */
export const minDay = (a: LocalDay, b: LocalDay): LocalDay => (a < b ? a : b);

/** The later of two days. */
export const maxDay = (a: LocalDay, b: LocalDay): LocalDay => (a > b ? a : b);

export function daysBetween(a: LocalDay, b: LocalDay): number {
  return Math.round((toUtc(b).getTime() - toUtc(a).getTime()) / 86_400_000);
}

/** Every day from `from` to `to`, both included. */
export function eachDay(from: LocalDay, to: LocalDay): LocalDay[] {
  const out: LocalDay[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

const partFormatters = new Map<string, Intl.DateTimeFormat>();

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
function zoneOffsetMs(instantMs: number, timeZone: string): number {
  let formatter = partFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    partFormatters.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(new Date(instantMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(instantMs / 1000) * 1000;
}

/**
 * Epoch ms of the wall-clock time `time` (`HH:MM`, `HH:MM:SS` or `HH:MM:SS.mmm`) on `day` in the
 * zone: an exchange's closing time as an instant (16:00 New York is 20:00 UTC in summer, 21:00 in
 * winter), or a broker's local timestamp.
 */
export function instantOfLocalTime(day: LocalDay, time: string, timeZone: string): number {
  const wall = Date.parse(`${day}T${time.length === 5 ? `${time}:00` : time}Z`);
  // Two passes: the offset at the guess may differ from the offset at the answer across a DST change.
  const guess = wall - zoneOffsetMs(wall, timeZone);
  return wall - zoneOffsetMs(guess, timeZone);
}

/** The zone's wall clock at an instant, as `YYYY-MM-DD HH:MM:SS` (how Futu OpenD takes times). */
export function wallClockOf(instantMs: number, timeZone: string): string {
  return new Date(Math.floor(instantMs / 1000) * 1000 + zoneOffsetMs(instantMs, timeZone)).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * The last millisecond of a day in the zone, as an ISO instant: the moment a daily
 * snapshot stands for. (Midnight itself already belongs to the next day.)
 */
export function endOfLocalDay(day: LocalDay, timeZone: string): string {
  // Kept per zone and day: the equity curve asks for every day of five years on each request,
  // and each answer costs two Intl offset lookups.
  return kept(
    kept(dayEndsByZone, timeZone, () => new Map<LocalDay, string>()),
    day,
    () => {
      const nextMidnightWall = Date.parse(`${addDays(day, 1)}T00:00:00Z`);
      // Two passes: the offset at the guess may differ from the offset at the answer across a DST change.
      let instant = nextMidnightWall - zoneOffsetMs(nextMidnightWall, timeZone);
      instant = nextMidnightWall - zoneOffsetMs(instant, timeZone);
      return new Date(instant - 1).toISOString();
    },
  );
}
