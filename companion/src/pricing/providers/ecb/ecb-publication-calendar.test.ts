import { describe, expect, it } from 'vitest';
import { easterSunday, isTargetWorkingDay, latestExpectedReferenceDay, workingDayOnOrBefore, workingDaysBetween } from './ecb-publication-calendar.js';

describe('the ECB publication calendar', () => {
  it('computes Easter Sunday (dates from published calendars)', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2000)).toBe('2000-04-23');
  });

  it('knows the TARGET closing days: weekends, New Year, Good Friday, Easter Monday, 1 May, 25 and 26 December', () => {
    expect(isTargetWorkingDay('2026-11-20')).toBe(true); // a Friday
    expect(isTargetWorkingDay('2026-11-21')).toBe(false); // Saturday
    expect(isTargetWorkingDay('2026-11-22')).toBe(false); // Sunday
    expect(isTargetWorkingDay('2026-01-01')).toBe(false);
    expect(isTargetWorkingDay('2026-04-03')).toBe(false); // Good Friday
    expect(isTargetWorkingDay('2026-04-06')).toBe(false); // Easter Monday
    expect(isTargetWorkingDay('2026-05-01')).toBe(false);
    expect(isTargetWorkingDay('2026-12-25')).toBe(false);
    expect(isTargetWorkingDay('2026-12-28')).toBe(true); // a Monday after Christmas
  });

  it('takes the latest publication on or before a day without one', () => {
    expect(workingDayOnOrBefore('2026-11-22')).toBe('2026-11-20'); // Sunday → Friday
    expect(workingDayOnOrBefore('2026-04-06')).toBe('2026-04-02'); // Easter Monday → Maundy Thursday
    expect(workingDayOnOrBefore('2026-12-27')).toBe('2026-12-24'); // Sunday after Christmas → 24 December
  });

  it('expects a day from 16:00 Frankfurt time, in winter (CET) and summer (CEST)', () => {
    // Monday 23 November 2026: 16:00 CET is 15:00 UTC.
    expect(latestExpectedReferenceDay(new Date('2026-11-23T14:59:00Z'))).toBe('2026-11-20');
    expect(latestExpectedReferenceDay(new Date('2026-11-23T15:00:00Z'))).toBe('2026-11-23');
    // Wednesday 1 July 2026: 16:00 CEST is 14:00 UTC.
    expect(latestExpectedReferenceDay(new Date('2026-07-01T13:59:00Z'))).toBe('2026-06-30');
    expect(latestExpectedReferenceDay(new Date('2026-07-01T14:00:00Z'))).toBe('2026-07-01');
    // A Saturday evening still has Friday's rates.
    expect(latestExpectedReferenceDay(new Date('2026-11-21T20:00:00Z'))).toBe('2026-11-20');
  });

  it('counts the working days a stored history is behind', () => {
    expect(workingDaysBetween('2026-11-20', '2026-11-23')).toBe(1); // Friday → Monday
    expect(workingDaysBetween('2026-11-23', '2026-11-23')).toBe(0);
    expect(workingDaysBetween('2026-04-02', '2026-04-07')).toBe(1); // over Easter
  });
});
