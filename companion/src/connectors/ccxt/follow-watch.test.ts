import { AuthError, UnavailableError } from '@omnifolio/shared/errors';
import { describe, expect, it } from 'vitest';
import { createTestClock } from '../../simulators/framework/test-clock.js';
import { followWatch, followWatchUntilSubscribed } from './follow-watch.js';

/** A watch whose calls a test settles one by one. */
function scriptedWatch() {
  const calls: { resolve: (v: unknown) => void; reject: (e: unknown) => void }[] = [];
  const waiting: ((n: number) => void)[] = [];
  return {
    watch: () =>
      new Promise<unknown>((resolve, reject) => {
        calls.push({ resolve, reject });
        for (const w of waiting.splice(0)) w(calls.length);
      }),
    /** Resolves with the call once the loop has made call number `n` (1-based). */
    async call(n: number) {
      while (calls.length < n) await new Promise<number>((resolve) => waiting.push(resolve));
      return calls[n - 1] as { resolve: (v: unknown) => void; reject: (e: unknown) => void };
    },
  };
}

describe('followWatch', () => {
  it('reports each failure, backs off 1 s, 2 s, … and catches up before each retry; success resets the back-off', async () => {
    const clock = createTestClock();
    const scripted = scriptedWatch();
    const errors: [string, boolean][] = [];
    let retries = 0;
    const stop = new AbortController();
    followWatch({
      watch: scripted.watch,
      toError: (e) => e as Error,
      onError: (e, final) => errors.push([e.message, final]),
      beforeRetry: async () => {
        retries += 1;
      },
      close: async () => undefined,
      clock,
      signal: stop.signal,
    });
    (await scripted.call(1)).reject(new UnavailableError('down'));
    (await scripted.call(2)).reject(new UnavailableError('still down'));
    (await scripted.call(3)).resolve('an update');
    (await scripted.call(4)).reject(new UnavailableError('down again'));
    await scripted.call(5);
    expect(errors).toEqual([
      ['down', false],
      ['still down', false],
      ['down again', false],
    ]);
    expect(clock.sleeps).toEqual([1_000, 2_000, 1_000]);
    expect(retries).toBe(3);
    stop.abort();
  });

  it('stops for good on a refused key: reported as final, the stream closed, no retry', async () => {
    const clock = createTestClock();
    const scripted = scriptedWatch();
    const errors: boolean[] = [];
    let closed = false;
    const done = new Promise<void>((resolve) => {
      followWatch({
        watch: scripted.watch,
        toError: (e) => e as Error,
        onError: (_e, final) => errors.push(final),
        close: async () => {
          closed = true;
          resolve();
        },
        clock,
        signal: new AbortController().signal,
      });
    });
    (await scripted.call(1)).reject(new AuthError('key revoked'));
    await done;
    expect(errors).toEqual([true]);
    expect(closed).toBe(true);
    expect(clock.sleeps).toEqual([]);
  });
});

describe('followWatchUntilSubscribed', () => {
  const parameters = (scripted: ReturnType<typeof scriptedWatch>, stop: AbortController, log: string[]) => ({
    watch: scripted.watch,
    toError: (e: unknown) => e as Error,
    onError: (e: Error, final: boolean) => log.push(`${e.message} final=${final}`),
    close: async () => {
      log.push('closed');
      stop.abort();
    },
    clock: createTestClock(),
    signal: stop.signal,
  });

  it('opens once the subscriptions are acknowledged; a later failure is only reported', async () => {
    const scripted = scriptedWatch();
    const stop = new AbortController();
    const log: string[] = [];
    let acknowledge!: () => void;
    const subscribed = new Promise<void>((resolve) => {
      acknowledge = resolve;
    });
    const opened = followWatchUntilSubscribed(subscribed, parameters(scripted, stop, log));
    await scripted.call(1);
    acknowledge();
    await opened;
    (await scripted.call(1)).reject(new UnavailableError('dropped'));
    await scripted.call(2);
    expect(log).toEqual(['dropped final=false']);
    stop.abort();
  });

  it('a key refused before the acknowledgement rejects the open and closes the stream', async () => {
    const scripted = scriptedWatch();
    const stop = new AbortController();
    const log: string[] = [];
    const opened = followWatchUntilSubscribed(new Promise<void>(() => undefined), parameters(scripted, stop, log));
    (await scripted.call(1)).reject(new AuthError('invalid key'));
    await expect(opened).rejects.toThrow('invalid key');
    expect(log[0]).toBe('invalid key final=true');
    expect(log).toContain('closed');
  });
});
