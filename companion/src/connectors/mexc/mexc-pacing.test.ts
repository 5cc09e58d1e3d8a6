import { describe, expect, it } from 'vitest';
import { createTestClock } from '../../simulators/framework/test-clock.js';
import { paceMexc } from './mexc-pacing.js';

describe('paceMexc', () => {
  it('lets 50 myTrades requests (weight 10) into 10 s and holds the 51st until the first has left the window', async () => {
    const clock = createTestClock({ pinnedAt: Date.UTC(2026, 10, 24, 12) });
    const sentAt: number[] = [];
    for (let i = 0; i < 51; i += 1) await paceMexc(clock, 'myTrades', async () => sentAt.push(clock.now()));
    expect(clock.sleeps).toHaveLength(1);
    // Counted from when the first request ended: the 51st starts just over 10 s after it.
    expect(sentAt[50]! - sentAt[0]!).toBeGreaterThan(10_000);
    expect(sentAt[50]! - sentAt[0]!).toBeLessThan(10_500);
  });

  it('spaces contract/detail 5 s apart, one caller after the other even when they ask at once', async () => {
    const clock = createTestClock({ pinnedAt: Date.UTC(2026, 10, 24, 12) });
    const sentAt: number[] = [];
    await Promise.all([1, 2, 3].map(() => paceMexc(clock, 'contractDetail', async () => sentAt.push(clock.now()))));
    expect(clock.sleeps).toHaveLength(2);
    expect(sentAt[1]! - sentAt[0]!).toBeGreaterThan(5_000);
    expect(sentAt[2]! - sentAt[1]!).toBeGreaterThan(5_000);
  });
});
