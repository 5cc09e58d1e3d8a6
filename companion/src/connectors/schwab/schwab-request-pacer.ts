import { SlidingWindowPacer } from '../sliding-window-pacer.js';

/**
 * Keeps requests under Schwab's documented limit of 120 Trader API requests per minute per app
 * (keyed by app key): the 121st within 60 seconds waits until the oldest leaves the window. A 429
 * that happens anyway (another program using the same app) is still handled by the client.
 */
export class SchwabRequestPacer extends SlidingWindowPacer {
  constructor(options: { perMinute?: number; now?: () => number; sleep?: (ms: number, signal: AbortSignal) => Promise<void> } = {}) {
    super({ limit: options.perMinute ?? 120, windowMs: 60_000, now: options.now, sleep: options.sleep });
  }
}
