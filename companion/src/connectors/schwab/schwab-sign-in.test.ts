import { describe, expect, it } from 'vitest';
import { schwabSignIn } from './schwab-sign-in.js';

const HOUR = 3_600_000;
const authorizedAt = '2026-11-16T08:00:00.000Z';
const at = (hoursAfter: number) => Date.parse(authorizedAt) + hoursAfter * HOUR;

describe('schwabSignIn: the 7-day sign-in and its warning', () => {
  it('says nothing until 24 hours before the end', () => {
    expect(schwabSignIn(authorizedAt, at(0))).toEqual({ state: 'ok', expiresAt: '2026-11-23T08:00:00.000Z', message: null });
    expect(schwabSignIn(authorizedAt, at(6 * 24 - 0.01)).state).toBe('ok');
  });

  it('warns from 24 hours before, counting down in whole hours, then minutes', () => {
    expect(schwabSignIn(authorizedAt, at(6 * 24)).message).toBe('Schwab sign-in expires in 24 h — Re-authorize.');
    expect(schwabSignIn(authorizedAt, at(6 * 24 + 13)).message).toBe('Schwab sign-in expires in 11 h — Re-authorize.');
    expect(schwabSignIn(authorizedAt, at(7 * 24 - 0.75))).toMatchObject({ state: 'expiring', message: 'Schwab sign-in expires in 45 min — Re-authorize.' });
  });

  it('is expired from the seventh day on', () => {
    expect(schwabSignIn(authorizedAt, at(7 * 24))).toMatchObject({ state: 'expired', message: 'Schwab sign-in has expired — Re-authorize to sync again.' });
  });

  it('is unknown without an authorization time (a refresh token pasted by hand)', () => {
    expect(schwabSignIn(undefined, at(0))).toEqual({ state: 'unknown', expiresAt: null, message: null });
    expect(schwabSignIn('not a date', at(0)).state).toBe('unknown');
  });
});
