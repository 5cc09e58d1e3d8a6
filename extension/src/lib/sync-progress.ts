import type { Overview, SyncRunView } from '@omnifolio/shared/api';

/**
 * True once every run started by "Sync now" has finished, judged from an overview.
 * A connection's `lastSync` is either that run (finished when no longer `running`), or a
 * later run that has finished, which means ours did too. A removed connection counts as done.
 */
export function syncFinished(runs: readonly SyncRunView[], overview: Overview): boolean {
  return runs.every((run) => {
    const connection = overview.connections.find((c) => c.id === run.connectionId);
    if (connection === undefined) return true;
    const last = connection.lastSync;
    if (last === null || last.status === 'running') return false;
    if (last.id === run.id) return true;
    return Date.parse(last.startedAt) >= Date.parse(run.startedAt);
  });
}

/** How long "Sync now" keeps polling before saying the sync goes on in the background. */
export const SYNC_WAIT_MS = 3 * 60_000;
export const SYNC_POLL_MS = 1_000;
