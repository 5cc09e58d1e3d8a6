/**
 * Flex dates and times. IBKR writes them in the format chosen in the Flex query's delivery
 * settings, and older statements (before ~2020) used `yyyyMMdd;HHmmss`. Seen in real
 * statements: `20191030;091642`, `20221205`, `2011-08-08;134413`, `2011-12-30`,
 * `2015-10-06, 10:20:00`, `2011-08-12 19:35:04`, `20190312 16:58:12`.
 *
 * A Flex time has no zone: IBKR reports in the account's reporting time zone, US Eastern
 * unless the user changed it. `flexLocalToInstant` converts with that zone.
 */

export interface FlexLocalDateTime {
  /** `YYYY-MM-DD` */
  date: string;
  /** `HH:mm:ss`, or null when the field carries a date only. */
  time: string | null;
}

const PATTERN = /^(\d{4})-?(\d{2})-?(\d{2})(?:[;, T]+\s*(\d{2}):?(\d{2}):?(\d{2}))?$/;

/** Parses one Flex date or date-time. Empty fields give null; anything else unknown throws. */
export function parseFlexDate(value: string | undefined): FlexLocalDateTime | null {
  const text = value?.trim() ?? '';
  if (text === '') return null;
  const m = PATTERN.exec(text);
  if (m === null) throw new TypeError(`"${text}" is not a Flex date (expected yyyyMMdd, yyyyMMdd;HHmmss or yyyy-MM-dd).`);
  const [, y, mo, d, h, mi, s] = m;
  return { date: `${y}-${mo}-${d}`, time: h === undefined ? null : `${h}:${mi}:${s}` };
}

/** The field IBKR's own `HHmmss` `tradeTime` attribute, as `HH:mm:ss`. */
export function parseFlexTime(value: string | undefined): string | null {
  const text = value?.trim() ?? '';
  const m = /^(\d{2}):?(\d{2}):?(\d{2})$/.exec(text);
  return m === null ? null : `${m[1]}:${m[2]}:${m[3]}`;
}

/** Offset of `timeZone` from UTC at the given instant, in minutes. */
function offsetMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - instant.getTime()) / 60_000);
}

/**
 * The instant of a Flex local date-time in the reporting zone. A date without a time (cash
 * transactions are booked on a day) is taken at midnight of that day in the zone.
 */
export function flexLocalToInstant(local: FlexLocalDateTime, timeZone = 'America/New_York'): string {
  const [y, mo, d] = local.date.split('-').map(Number) as [number, number, number];
  const [h, mi, s] = (local.time ?? '00:00:00').split(':').map(Number) as [number, number, number];
  const naive = Date.UTC(y, mo - 1, d, h, mi, s);
  // Two passes settle the offset across a daylight-saving change.
  let instant = naive - offsetMinutes(new Date(naive), timeZone) * 60_000;
  instant = naive - offsetMinutes(new Date(instant), timeZone) * 60_000;
  return new Date(instant).toISOString();
}
