import { describe, expect, it } from 'vitest';
import { syncFinished } from './sync-progress';
import { connectionSummary, overviewOf, syncRun } from './test-fixtures';

const started = syncRun({ id: 'r2', status: 'running', startedAt: '2025-03-01T12:10:00.000Z', finishedAt: null });

describe('syncFinished', () => {
  it('is false while the run we started is still running', () => {
    const overview = overviewOf({ connections: [connectionSummary({ status: 'syncing', lastSync: started })] });
    expect(syncFinished([started], overview)).toBe(false);
  });

  it('is false while the overview still shows an older, finished run', () => {
    const older = syncRun({ id: 'r1', startedAt: '2025-03-01T12:00:00.000Z' });
    expect(syncFinished([started], overviewOf({ connections: [connectionSummary({ lastSync: older })] }))).toBe(false);
    expect(syncFinished([started], overviewOf({ connections: [connectionSummary({ lastSync: null })] }))).toBe(false);
  });

  it('is true when our run succeeded or failed', () => {
    for (const status of ['succeeded', 'failed'] as const) {
      const done = { ...started, status, finishedAt: '2025-03-01T12:10:04.000Z' };
      expect(syncFinished([started], overviewOf({ connections: [connectionSummary({ lastSync: done })] }))).toBe(true);
    }
  });

  it('is true when a later run already finished after ours', () => {
    const later = syncRun({ id: 'r3', startedAt: '2025-03-01T12:11:00.000Z' });
    expect(syncFinished([started], overviewOf({ connections: [connectionSummary({ lastSync: later })] }))).toBe(true);
  });

  it('waits for every run, and counts a removed connection as done', () => {
    const other = syncRun({ id: 'x1', connectionId: 'conn-2', status: 'running', finishedAt: null });
    const overview = overviewOf({
      connections: [connectionSummary({ lastSync: { ...started, status: 'succeeded' } }), connectionSummary({ id: 'conn-2', lastSync: other })],
    });
    expect(syncFinished([started, other], overview)).toBe(false);
    expect(syncFinished([started, syncRun({ connectionId: 'gone' })], overview)).toBe(true);
    expect(syncFinished([], overview)).toBe(true);
  });
});
