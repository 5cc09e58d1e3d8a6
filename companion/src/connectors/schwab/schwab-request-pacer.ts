/**
 * Keeps requests under Schwab's documented limit of 120 Trader API requests per minute per app:
 * before a request that would be the 121st within 60 seconds, it waits until the oldest one
 * leaves the window. A 429 that happens anyway (another program using the same app) is still
 * handled by the client.
 */
export class SchwabRequestPacer {
  readonly #perMinute: number;
  readonly #now: () => number;
  readonly #sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly #sent = new Map<string, number[]>();

  constructor(options: { perMinute?: number; now?: () => number; sleep?: (ms: number, signal: AbortSignal) => Promise<void> } = {}) {
    this.#perMinute = options.perMinute ?? 120;
    this.#now = options.now ?? Date.now;
    this.#sleep = options.sleep ?? abortableSleep;
  }

  /** Resolves when a request for `appKey` may go out, and counts it. */
  async take(appKey: string, signal: AbortSignal): Promise<void> {
    const times = this.#sent.get(appKey) ?? [];
    this.#sent.set(appKey, times);
    for (;;) {
      const now = this.#now();
      while (times.length > 0 && now - times[0]! >= 60_000) times.shift();
      if (times.length < this.#perMinute) {
        times.push(now);
        return;
      }
      await this.#sleep(times[0]! + 60_000 - now, signal);
    }
  }
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    signal.throwIfAborted();
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
