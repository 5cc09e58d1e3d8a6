/**
 * A clock that a test can move forward. It follows real time (so request timestamps stay
 * plausible) plus whatever the test advanced, unless pinned, and `sleep` advances instead of waiting, so
 * "wait until the next minute" costs nothing in a test.
 *
 * Structurally it is a `ConnectorClock` (connectors/ccxt/clock.ts): pass the same instance
 * to the connector and the simulator and both agree on the time.
 */
export interface TestClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  advance(ms: number): void;
  /** Every sleep requested so far, in milliseconds. */
  readonly sleeps: readonly number[];
}

export interface TestClockOptions {
  /**
   * Pin the clock to this instant (epoch milliseconds): it then moves only when advanced or
   * slept. For tests that assert on an exact wait, where a millisecond of real time passing
   * between reading the clock and asserting would change the answer.
   */
  pinnedAt?: number;
}

export function createTestClock({ pinnedAt }: TestClockOptions = {}): TestClock {
  let advancedMs = 0;
  const sleeps: number[] = [];
  return {
    now: () => (pinnedAt ?? Date.now()) + advancedMs,
    async sleep(ms, signal) {
      signal?.throwIfAborted();
      sleeps.push(ms);
      advancedMs += Math.max(0, ms);
    },
    advance(ms) {
      advancedMs += ms;
    },
    sleeps,
  };
}
