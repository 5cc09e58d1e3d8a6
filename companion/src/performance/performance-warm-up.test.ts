import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPerformanceWarmUp } from './performance-warm-up.js';

afterEach(() => vi.useRealTimers());

function logCatcher() {
  const warnings: unknown[][] = [];
  return { warnings, log: { warn: (...args: unknown[]) => void warnings.push(args) } as never };
}

describe('preparing performance after the data changed', () => {
  it('makes one warm-up of several changes in a row, after the last of them', () => {
    vi.useFakeTimers();
    let warmed = 0;
    const { log } = logCatcher();
    const warmUp = createPerformanceWarmUp({ warm: () => void warmed++, delayMs: 2_000, log });
    // "Sync now": three connections finish 1.5 s apart.
    warmUp.request();
    vi.advanceTimersByTime(1_500);
    warmUp.request();
    vi.advanceTimersByTime(1_500);
    warmUp.request();
    expect(warmed).toBe(0);
    vi.advanceTimersByTime(1_999);
    expect(warmed).toBe(0);
    vi.advanceTimersByTime(1);
    expect(warmed).toBe(1);
    // A later change is another warm-up.
    warmUp.request();
    vi.advanceTimersByTime(2_000);
    expect(warmed).toBe(2);
  });

  it('logs a failure instead of throwing, and runs again on the next change', () => {
    vi.useFakeTimers();
    let calls = 0;
    const { log, warnings } = logCatcher();
    const warmUp = createPerformanceWarmUp({
      warm: () => {
        calls++;
        if (calls === 1) throw new Error('no ECB rate for EUR yet');
      },
      delayMs: 10,
      log,
    });
    warmUp.request();
    vi.advanceTimersByTime(10);
    expect(warnings).toEqual([[{ err: 'Error: no ECB rate for EUR yet' }, 'performance could not be prepared ahead; the next request builds it']]);
    warmUp.request();
    vi.advanceTimersByTime(10);
    expect(calls).toBe(2);
    expect(warnings).toHaveLength(1);
  });

  it('does nothing once stopped', () => {
    vi.useFakeTimers();
    let warmed = 0;
    const warmUp = createPerformanceWarmUp({ warm: () => void warmed++, delayMs: 10, log: logCatcher().log });
    warmUp.request();
    warmUp.stop();
    vi.advanceTimersByTime(1_000);
    expect(warmed).toBe(0);
  });
});
