import { describe, expect, it } from 'vitest';
import { addMonths, daysBetween, eachDay, endOfLocalDay, localDayOf } from './local-day.js';
import { rangeBaseDay } from './performance-range.js';

describe('rangeBaseDay', () => {
  it('measures each range from the close before it starts', () => {
    expect(rangeBaseDay('1D', '2024-03-01')).toBe('2024-02-29');
    expect(rangeBaseDay('1W', '2024-03-01')).toBe('2024-02-23');
    expect(rangeBaseDay('1M', '2024-03-31')).toBe('2024-02-29'); // clamped to the month's end
    expect(rangeBaseDay('YTD', '2024-03-01')).toBe('2023-12-31');
    expect(rangeBaseDay('1Y', '2024-02-29')).toBe('2023-02-28');
    expect(rangeBaseDay('ALL', '2024-03-01')).toBeNull();
  });
});

describe('local days', () => {
  it('puts an instant on the day of the user’s zone', () => {
    expect(localDayOf('2023-12-31T23:30:00Z', 'Europe/Zurich')).toBe('2024-01-01');
    expect(localDayOf('2024-01-01T03:00:00Z', 'America/New_York')).toBe('2023-12-31');
  });

  it('counts days across a daylight-saving change without losing one', () => {
    // Zurich moved clocks forward on 2024-03-31: still one calendar day each.
    expect(eachDay('2024-03-30', '2024-04-01')).toEqual(['2024-03-30', '2024-03-31', '2024-04-01']);
    expect(daysBetween('2023-01-01', '2024-01-01')).toBe(365);
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
  });
});

describe('endOfLocalDay', () => {
  it('is the last millisecond before the zone’s midnight, summer and winter', () => {
    // Zurich is UTC+1 in January, UTC+2 in July.
    expect(endOfLocalDay('2024-01-15', 'Europe/Zurich')).toBe('2024-01-15T22:59:59.999Z');
    expect(endOfLocalDay('2024-07-15', 'Europe/Zurich')).toBe('2024-07-15T21:59:59.999Z');
    // The day clocks go forward still ends at local midnight (UTC+2 by then).
    expect(endOfLocalDay('2024-03-31', 'Europe/Zurich')).toBe('2024-03-31T21:59:59.999Z');
    expect(endOfLocalDay('2024-01-15', 'UTC')).toBe('2024-01-15T23:59:59.999Z');
    expect(localDayOf(endOfLocalDay('2024-03-31', 'Europe/Zurich'), 'Europe/Zurich')).toBe('2024-03-31');
  });
});
