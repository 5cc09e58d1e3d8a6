import { describe, expect, it } from 'vitest';
import { latestOnOrBefore } from './latest-on-or-before.js';

describe('the latest day on or before a day', () => {
  // Friday 13, Monday 16 and Tuesday 17 November 2026.
  const days = ['2026-11-13', '2026-11-16', '2026-11-17'];

  it('is the day itself when it is in the series', () => {
    expect(days.map((d) => latestOnOrBefore(days, d))).toEqual(days);
  });

  it('carries Friday over the weekend, and the last day forward past the end', () => {
    expect(latestOnOrBefore(days, '2026-11-14')).toBe('2026-11-13');
    expect(latestOnOrBefore(days, '2026-11-15')).toBe('2026-11-13');
    expect(latestOnOrBefore(days, '2026-12-31')).toBe('2026-11-17');
  });

  it('has none before the first day, or in an empty series', () => {
    expect(latestOnOrBefore(days, '2026-11-12')).toBeUndefined();
    expect(latestOnOrBefore([], '2026-11-16')).toBeUndefined();
  });
});
