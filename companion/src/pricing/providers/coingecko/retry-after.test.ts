import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from './retry-after.js';

describe('parseRetryAfter', () => {
  const now = Date.parse('2024-06-03T12:00:00Z');

  it('reads seconds', () => {
    expect(parseRetryAfter('30', now)).toBe(30_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('1.5', now)).toBe(1_500);
  });

  it('reads an HTTP date relative to now, never negative', () => {
    expect(parseRetryAfter('Mon, 03 Jun 2024 12:00:45 GMT', now)).toBe(45_000);
    expect(parseRetryAfter('Mon, 03 Jun 2024 11:59:00 GMT', now)).toBe(0);
  });

  it('returns undefined for nothing usable', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
  });
});
