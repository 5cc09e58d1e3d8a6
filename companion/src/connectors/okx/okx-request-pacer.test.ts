import { describe, expect, it } from 'vitest';
import { createTestClock } from '../../simulators/framework/test-clock.js';
import { OkxRequestPacer } from './okx-request-pacer.js';

describe('OkxRequestPacer', () => {
  it('lets five bills-archive requests through in 2 s and holds the sixth until the first answer is 2 s old', async () => {
    const clock = createTestClock({ pinnedAt: Date.UTC(2026, 10, 24, 12) });
    const pacer = new OkxRequestPacer(clock);
    const signal = new AbortController().signal;
    const answeredAt: number[] = [];
    for (let i = 0; i < 6; i += 1)
      await pacer.run('privateGetAccountBillsArchive', signal, async () => {
        answeredAt.push(clock.now());
        clock.advance(10);
      });
    expect(clock.sleeps).toHaveLength(1);
    // The first answer arrived 10 ms after its request was sent; the sixth goes 2 s (and 1 ms) after that answer.
    expect((answeredAt[5] as number) - (answeredAt[0] as number)).toBe(2_011);
  });

  it('does not pace endpoints it has no limit for', async () => {
    const clock = createTestClock({ pinnedAt: Date.UTC(2026, 10, 24, 12) });
    const pacer = new OkxRequestPacer(clock);
    for (let i = 0; i < 50; i += 1) await pacer.run('privateGetAccountBalance', new AbortController().signal, async () => undefined);
    expect(clock.sleeps).toEqual([]);
  });
});
