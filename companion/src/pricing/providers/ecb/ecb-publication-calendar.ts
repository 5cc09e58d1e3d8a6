import { addDays, localDayOf } from '../../../engine/local-day.js';

/**
 * When the ECB publishes reference rates: on TARGET working days, at about 16:00 CET
 * (Frankfurt time, CEST in summer). TARGET is closed on Saturdays, Sundays, 1 January, Good
 * Friday, Easter Monday, 1 May, 25 and 26 December, and the ECB publishes no rates then.
 *
 * What it does not model: the few early years in which the ECB also skipped 31 December,
 * and a publication the ECB makes late: a day is expected from 16:00 on, and the caller
 * decides how long past that an absent day makes the stored rates stale.
 */

export const ECB_TIME_ZONE = 'Europe/Berlin';
/** Minutes after midnight, Frankfurt time, from which a day's rates are expected. */
export const PUBLICATION_MINUTE = 16 * 60;

const frankfurtClock = new Intl.DateTimeFormat('en-GB', { timeZone: ECB_TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** True when TARGET is open on the day (`YYYY-MM-DD`), so the ECB sets rates for it. */
export function isTargetWorkingDay(day: string): boolean {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = date.getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  const monthDay = day.slice(5);
  if (monthDay === '01-01' || monthDay === '05-01' || monthDay === '12-25' || monthDay === '12-26') return false;
  const easter = easterSunday(date.getUTCFullYear());
  return day !== addDays(easter, -2) && day !== addDays(easter, 1);
}

/** The last TARGET working day on or before `day`. */
export function workingDayOnOrBefore(day: string): string {
  let d = day;
  while (!isTargetWorkingDay(d)) d = addDays(d, -1);
  return d;
}

/**
 * The newest reference day whose rates should be out at `now`: today (Frankfurt) once it is
 * a working day past 16:00, else the working day before.
 */
export function latestExpectedReferenceDay(now: Date): string {
  const today = localDayOf(now, ECB_TIME_ZONE);
  const [hour = '0', minute = '0'] = frankfurtClock.format(now).split(':');
  const published = Number(hour) * 60 + Number(minute) >= PUBLICATION_MINUTE;
  return isTargetWorkingDay(today) && published ? today : workingDayOnOrBefore(addDays(today, -1));
}

/** How many TARGET working days lie after `from` up to and including `to`. */
export function workingDaysBetween(from: string, to: string): number {
  let count = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isTargetWorkingDay(d)) count += 1;
  return count;
}

/** Easter Sunday of the Gregorian calendar (the anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
