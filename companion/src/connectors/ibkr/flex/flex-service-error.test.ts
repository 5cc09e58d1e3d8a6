import { AuthError, NotSupportedError, RateLimitedError, UnavailableError, ValidationError } from '@omnifolio/shared/errors';
import { describe, expect, it } from 'vitest';
import { FLEX_NOT_READY_CODES, flexServiceError } from './flex-service-error.js';

/**
 * Every error code of IBKR's Flex Web Service reference becomes an error of the kind that
 * decides what happens next (AuthError: stop and ask the person; RateLimitedError: wait;
 * UnavailableError: try again later; ValidationError: fix a field), quoting IBKR's words and
 * saying what to do.
 */
const cases: [code: string, ibkrSays: string, kind: new (...args: never[]) => Error, whatToDo: RegExp][] = [
  ['1003', 'Statement is not available.', UnavailableError, /period/],
  ['1010', 'Legacy Flex Queries are no longer supported.', NotSupportedError, /new Activity Flex Query/],
  ['1011', 'Service account is inactive.', AuthError, /Enable it/],
  ['1012', 'Token has expired.', AuthError, /generate a new token/],
  ['1013', 'IP restriction.', AuthError, /IP address/],
  ['1014', 'Query is invalid.', ValidationError, /Query ID/],
  ['1015', 'Token is invalid.', AuthError, /generate a new token/],
  ['1016', 'Account in invalid.', ValidationError, /select the accounts/],
  ['1018', 'Too many requests have been made from this token. Please try again shortly.', RateLimitedError, /Wait a minute/],
  ['1019', 'Statement generation in progress. Please try again shortly.', UnavailableError, /next sync/],
  ['1020', 'Invalid request or unable to validate request.', ValidationError, /token and query id/],
];

describe('Flex Web Service error codes', () => {
  it.each(cases)('%s "%s" is the right kind of error, quotes IBKR and says what to do', (code, ibkrSays, kind, whatToDo) => {
    const error = flexServiceError(code, ibkrSays);
    expect(error).toBeInstanceOf(kind);
    expect(error.shortMessage).toContain(`IBKR said: "${ibkrSays}" (code ${code}).`);
    expect(error.hints.join(' ')).toMatch(whatToDo);
  });

  it('asks to wait a minute after 1018, the minute IBKR counts ten requests in', () => {
    expect((flexServiceError('1018', '') as RateLimitedError).retryAfterMs).toBe(60_000);
  });

  it('treats the "still working" codes as not ready, and only those', () => {
    expect([...FLEX_NOT_READY_CODES].sort()).toEqual(['1001', '1004', '1005', '1006', '1007', '1008', '1009', '1019', '1021']);
    for (const code of ['1003', '1012', '1018', '1020']) expect(FLEX_NOT_READY_CODES.has(code), code).toBe(false);
  });
});
