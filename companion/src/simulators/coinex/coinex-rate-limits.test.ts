import { describe, expect, it } from 'vitest';
import { COINEX_IP_LIMIT, CoinexRateLimiter } from './coinex-rate-limits.js';

describe('CoinEx rate limits', () => {
  it('lets a bucket of 10 a second burst 10, then one every 100 ms as it refills', () => {
    const limiter = new CoinexRateLimiter();
    const tenPerSecond = { perSecond: 10 };
    for (let i = 0; i < 10; i += 1) expect(limiter.charge('key /v2/assets/spot/balance', tenPerSecond, 1_000)).toBeUndefined();
    expect(limiter.charge('key /v2/assets/spot/balance', tenPerSecond, 1_000)).toBe(100);
    // Another endpoint has its own bucket.
    expect(limiter.charge('key /v2/assets/futures/balance', tenPerSecond, 1_000)).toBeUndefined();
    expect(limiter.charge('key /v2/assets/spot/balance', tenPerSecond, 1_050)).toBe(50);
    expect(limiter.charge('key /v2/assets/spot/balance', tenPerSecond, 1_100)).toBeUndefined();
    expect(limiter.charge('key /v2/assets/spot/balance', tenPerSecond, 1_100)).toBe(100);
  });

  it('refuses the 401st request of one instant from an IP, whatever the endpoints', () => {
    const limiter = new CoinexRateLimiter();
    for (let i = 0; i < 400; i += 1) expect(limiter.charge('ip', COINEX_IP_LIMIT, 5_000)).toBeUndefined();
    expect(limiter.charge('ip', COINEX_IP_LIMIT, 5_000)).toBe(3);
  });
});
