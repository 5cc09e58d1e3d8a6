import { setTimeout as delay } from 'node:timers/promises';

/**
 * Keeps requests under a provider's documented "at most N per window" limit: before a request
 * that would be the (N+1)th within the window for its key, it waits until the oldest one leaves
 * the window. Keys separate what the provider counts separately (an app key, an account and
 * protocol). A refusal that happens anyway (another program on the same key) is the client's to
 * handle.
 */
export class SlidingWindowPacer {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #marginMs: number;
  readonly #now: () => number;
  readonly #sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly #sent = new Map<string, number[]>();

  /**
   * `marginMs`: how much longer than the window to wait. The provider counts a request from when it
   * arrived, a moment after it was sent; waiting the exact window, the next request can arrive
   * while the provider still counts the oldest.
   */
  constructor(options: {
    limit: number;
    windowMs: number;
    marginMs?: number;
    now?: () => number;
    sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  }) {
    this.#limit = options.limit;
    this.#windowMs = options.windowMs;
    this.#marginMs = options.marginMs ?? 0;
    this.#now = options.now ?? Date.now;
    this.#sleep = options.sleep ?? ((ms, signal) => delay(ms, undefined, { signal }));
  }

  /** Resolves when a request under `key` may go out, and counts it. */
  async take(key: string, signal: AbortSignal): Promise<void> {
    const times = this.#sent.get(key) ?? [];
    this.#sent.set(key, times);
    for (;;) {
      const now = this.#now();
      while (times.length > 0 && now - times[0]! >= this.#windowMs + this.#marginMs) times.shift();
      if (times.length < this.#limit) {
        times.push(now);
        return;
      }
      await this.#sleep(times[0]! + this.#windowMs + this.#marginMs - now, signal);
    }
  }
}
