import { describe, expect, it } from 'vitest';
import { pacedClock } from './paced-clock.test-support.js';
import { SlidingWindowPacer } from './sliding-window-pacer.js';

describe('SlidingWindowPacer', () => {
  it('lets N requests through per window and key, then waits until the oldest has left it, plus the margin', async () => {
    const clock = pacedClock(1_000_000, { limit: 3, windowMs: 30_000, marginMs: 1_000 });
    const { pacer, waits } = clock;
    const signal = new AbortController().signal;
    const sent: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      await pacer.take('acc-1', signal);
      sent.push(clock.at);
      clock.at += 5_000;
    }
    // Another key is counted apart.
    await pacer.take('acc-2', signal);
    expect(waits).toEqual([]);
    // The fourth for acc-1 at 15 s: the first left the window at 30 s + 1 s margin.
    await pacer.take('acc-1', signal);
    expect(waits).toEqual([16_000]);
    expect(clock.at - sent[0]!).toBe(31_000);
  });

  it('stops waiting when the sync is aborted', async () => {
    const pacer = new SlidingWindowPacer({ limit: 1, windowMs: 60_000 });
    const controller = new AbortController();
    await pacer.take('k', controller.signal);
    const waiting = pacer.take('k', controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
  });
});
