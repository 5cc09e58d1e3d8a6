import { SlidingWindowPacer } from './sliding-window-pacer.js';

export interface PacedClock {
  /** The time now, in ms; a test may move it. */
  at: number;
  /** Every wait the pacer asked for, in ms. */
  waits: number[];
  now(): number;
  pacer: SlidingWindowPacer;
}

/**
 * A test clock and a pacer that runs on it: instead of sleeping, the pacer moves the clock and
 * records each wait. A simulator given `now` counts its rate limit on the same clock.
 */
export function pacedClock(start: number, limits: { limit: number; windowMs: number; marginMs?: number }): PacedClock {
  const clock: PacedClock = {
    at: start,
    waits: [],
    now: () => clock.at,
    pacer: new SlidingWindowPacer({
      ...limits,
      now: () => clock.at,
      sleep: async (ms) => {
        clock.waits.push(ms);
        clock.at += ms;
      },
    }),
  };
  return clock;
}
