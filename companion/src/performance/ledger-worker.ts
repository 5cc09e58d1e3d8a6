import { Worker } from 'node:worker_threads';
import type { LedgerBuild, LedgerBuildRequest } from './ledger-build.js';

/** A build ended by `stop()` (the companion is closing): nothing to fall back to. */
export class LedgerWorkerStoppedError extends Error {
  override name = 'LedgerWorkerStoppedError';
  constructor() {
    super('The ledger build was stopped because the companion is closing.');
  }
}

export interface LedgerWorker {
  /** Builds a ledger in a new worker thread; rejects if the worker fails. */
  build(request: LedgerBuildRequest): Promise<LedgerBuild>;
  /** Ends running builds and refuses new ones (the companion is closing); their promises reject with LedgerWorkerStoppedError. */
  stop(): Promise<void>;
}

/**
 * Runs ledger builds (ledger-build.ts) in worker threads, so that a whale's seconds of FIFO
 * and transfer matching never hold the companion's one thread: the dashboard, syncs and the
 * API go on answering. One short-lived worker per build (builds are rare: after a change);
 * the companion's close() stops a running one.
 * The worker's entry is plain JavaScript that loads the build through tsx's API
 * (ledger-build-worker.mjs), so it runs however the companion was started.
 */
export function createLedgerWorker(): LedgerWorker {
  const entry = new URL('./ledger-build-worker.mjs', import.meta.url);
  const running = new Set<Worker>();
  let stopped = false;
  return {
    build(request) {
      if (stopped) return Promise.reject(new LedgerWorkerStoppedError());
      return new Promise<LedgerBuild>((resolve, reject) => {
        // Referenced: a build someone awaits keeps the process alive; closing calls stop().
        const worker = new Worker(entry, { workerData: request });
        running.add(worker);
        let settled = false;
        const settle = (fn: () => void) => {
          if (settled) return;
          settled = true;
          running.delete(worker);
          fn();
        };
        worker.once('message', (message: { ok: true; build: LedgerBuild } | { ok: false; message: string }) =>
          settle(() => (message.ok ? resolve(message.build) : reject(new Error(`The ledger could not be built: ${message.message}`)))),
        );
        worker.once('error', (error) => settle(() => reject(error)));
        worker.once('exit', (code) =>
          settle(() => reject(stopped ? new LedgerWorkerStoppedError() : new Error(`The ledger worker ended (exit code ${code}) before it sent the ledger.`))),
        );
      });
    },
    async stop() {
      stopped = true;
      await Promise.all([...running].map((w) => w.terminate()));
    },
  };
}
