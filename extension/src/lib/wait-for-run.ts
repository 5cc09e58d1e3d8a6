import type { SyncRunView } from '@omnifolio/shared/api';
import type { CompanionClient } from './companion-client';

/**
 * Polls one sync run until it is no longer running. Returns the finished run, or `null`
 * when it outlasted `timeoutMs` (it goes on in the companion).
 */
export async function waitForRun(
  client: Pick<CompanionClient, 'syncRun'>,
  run: SyncRunView,
  { timeoutMs = 180_000, pollMs = 1_000 }: { timeoutMs?: number; pollMs?: number } = {},
): Promise<SyncRunView | null> {
  const deadline = Date.now() + timeoutMs;
  let current = run;
  while (current.status === 'running') {
    if (Date.now() > deadline) return null;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
    current = await client.syncRun(current.id);
  }
  return current;
}
