import { describe, expect, it } from 'vitest';
import { instantOfLocalTime, wallClockOf } from './local-day.js';

// Worked by hand: Hong Kong is UTC+8 all year; New York is UTC−5 in winter and UTC−4 from the
// second Sunday of March (8 March 2026, 02:00).
describe('a market’s wall clock', () => {
  it('reads a broker’s local time with seconds and milliseconds as an instant', () => {
    expect(new Date(instantOfLocalTime('2026-05-11', '10:30:00', 'Asia/Hong_Kong')).toISOString()).toBe('2026-05-11T02:30:00.000Z');
    expect(new Date(instantOfLocalTime('2026-03-06', '09:45:00.250', 'America/New_York')).toISOString()).toBe('2026-03-06T14:45:00.250Z');
    expect(new Date(instantOfLocalTime('2026-03-09', '09:45:00.250', 'America/New_York')).toISOString()).toBe('2026-03-09T13:45:00.250Z');
    // HH:MM still means whole minutes, as for an exchange's close.
    expect(new Date(instantOfLocalTime('2026-03-09', '16:00', 'America/New_York')).toISOString()).toBe('2026-03-09T20:00:00.000Z');
  });

  it('writes an instant as the market’s YYYY-MM-DD HH:MM:SS, seconds truncated', () => {
    expect(wallClockOf(Date.parse('2026-05-11T02:30:59.900Z'), 'Asia/Hong_Kong')).toBe('2026-05-11 10:30:59');
    expect(wallClockOf(Date.parse('2026-03-06T14:45:00Z'), 'America/New_York')).toBe('2026-03-06 09:45:00');
    expect(wallClockOf(Date.parse('2026-03-09T13:45:00Z'), 'America/New_York')).toBe('2026-03-09 09:45:00');
  });
});
