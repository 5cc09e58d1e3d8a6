// Worker thread entry (started by ledger-worker.ts): builds one ledger from the database file on
// a read-only connection of its own, sends it back, and ends; the companion's thread keeps
// answering meanwhile. Plain JavaScript on purpose: on Node 20 a worker does not inherit tsx's
// loader, so the TypeScript it runs is loaded through tsx's API.
import { parentPort, workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const { buildLedgerFromFile } = await tsImport('./ledger-build.ts', import.meta.url);
try {
  parentPort.postMessage({ ok: true, build: buildLedgerFromFile(workerData) });
} catch (error) {
  parentPort.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
}
