import { describe, expect, it } from 'vitest';
import { BlofinRateLimiter } from './blofin-rate-limits.js';

const MINUTE = 60_000;

describe('BloFin rate limits', () => {
  it('suspends for an hour past 1500 requests in five minutes although no minute reached 500', () => {
    const limiter = new BlofinRateLimiter();
    // 300 requests a minute, each minute's spread over its first 30 s: about 300 in any 60 s.
    for (let i = 0; i < 1500; i += 1) expect(limiter.charge(Math.floor(i / 300) * MINUTE + (i % 300) * 100)).toBeUndefined();
    const at = 4 * MINUTE + 299 * 100 + 1;
    expect(limiter.charge(at)).toBe(60 * MINUTE);
    expect(limiter.charge(at + 59 * MINUTE)).toBe(MINUTE);
    expect(limiter.charge(at + 60 * MINUTE)).toBeUndefined();
  });

  it('suspends for five minutes past 500 requests in one minute', () => {
    const limiter = new BlofinRateLimiter();
    for (let i = 0; i < 500; i += 1) expect(limiter.charge(i * 100)).toBeUndefined();
    expect(limiter.charge(50_000)).toBe(5 * MINUTE);
    expect(limiter.charge(50_000 + 5 * MINUTE)).toBeUndefined();
  });
});
