import { setTimeout as sleepTimer } from 'node:timers/promises';

/**
 * Time as a connector sees it. Injected so that tests run "wait until the next minute"
 * without waiting, and so that the timestamps ccxt signs come from the same clock as the
 * connector's own windows (a simulator sharing the clock then agrees on "now").
 */
export interface ConnectorClock {
  now(): number;
  /** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const systemClock: ConnectorClock = {
  now: () => Date.now(),
  sleep: async (ms, signal) => {
    await sleepTimer(ms, undefined, { signal });
  },
};
