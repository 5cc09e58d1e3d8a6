import type { Logger } from '../logging/logger.js';
import { LedgerWorkerStoppedError } from './ledger-worker.js';

export interface PerformanceWarmUp {
  /** Asks for a warm-up; requests closer together than the delay make one. */
  request(): void;
  /** Cancels a pending warm-up (the companion is closing). */
  stop(): void;
}

/**
 * Runs `warm` (PerformanceService.warm in the base currency) a moment after the data last
 * changed. The moment matters: "Sync now" finishes one connection after another, each
 * changing the ledger, and rebuilding a large ledger after each would cost seconds apiece;
 * waiting `delayMs` after the last change rebuilds once. A failure is logged, never thrown:
 * the next request builds what it needs itself, as it would without the warm-up.
 */
export function createPerformanceWarmUp(params: { warm: () => void | Promise<void>; delayMs: number; log: Logger }): PerformanceWarmUp {
  let timer: NodeJS.Timeout | null = null;
  const failed = (error: unknown) => {
    // The companion is closing: nothing was meant to be prepared.
    if (error instanceof LedgerWorkerStoppedError) return;
    params.log.warn({ err: String(error) }, 'performance could not be prepared ahead; the next request builds it');
  };
  const run = () => {
    timer = null;
    try {
      Promise.resolve(params.warm()).catch(failed);
    } catch (error) {
      failed(error);
    }
  };
  return {
    request() {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(run, params.delayMs);
      // A pending warm-up never keeps the process alive.
      timer.unref();
    },
    stop() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
