import type { SyncRunView } from '@omnifolio/shared/api';
import { describe, expect, it } from 'vitest';
import { syncRun } from './test-fixtures';
import { waitForRun } from './wait-for-run';

function clientAnswering(...answers: SyncRunView[]) {
  const asked: string[] = [];
  return {
    asked,
    client: {
      syncRun: async (id: string) => {
        asked.push(id);
        const next = answers.shift();
        if (next === undefined) throw new Error('asked more often than expected');
        return next;
      },
    },
  };
}

describe('waitForRun', () => {
  const running = syncRun({ id: 'r1', status: 'running', finishedAt: null });

  it('polls the run until it is no longer running and returns how it ended', async () => {
    const failed = syncRun({ id: 'r1', status: 'failed', error: { code: 'auth_failed', message: 'Binance rejected the key.', hints: [] } });
    const { client, asked } = clientAnswering(running, running, failed);
    expect(await waitForRun(client, running, { pollMs: 1 })).toEqual(failed);
    expect(asked).toEqual(['r1', 'r1', 'r1']);
  });

  it('does not poll a run that already finished', async () => {
    const { client, asked } = clientAnswering();
    const done = syncRun({ id: 'r2' });
    expect(await waitForRun(client, done)).toBe(done);
    expect(asked).toEqual([]);
  });

  it('gives up after the timeout and says so with null', async () => {
    const { client } = clientAnswering(...Array.from({ length: 100 }, () => running));
    expect(await waitForRun(client, running, { pollMs: 5, timeoutMs: 20 })).toBeNull();
  });
});
