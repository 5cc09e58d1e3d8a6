import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createComputeUnitPacer } from './alchemy-throughput.js';

describe('the Alchemy compute-unit pacer', () => {
  it('leaves no abort listener on the sync’s signal after its waits', async () => {
    const sync = new AbortController();
    const pace = createComputeUnitPacer(100);
    // The first request takes the whole budget; the second waits (in 25 ms steps) until the
    // first has been answered for a second.
    const first = await pace(90, sync.signal);
    first();
    const second = await pace(90, sync.signal);
    second();
    // Each of those waits listened for the sync's abort; a wait that ended must stop listening.
    expect(getEventListeners(sync.signal, 'abort')).toHaveLength(0);
  });

  it('ends a wait at once when the sync is aborted', async () => {
    const sync = new AbortController();
    const pace = createComputeUnitPacer(100);
    await pace(90, sync.signal);
    const waiting = pace(90, sync.signal);
    sync.abort(new Error('sync cancelled'));
    await expect(waiting).rejects.toThrow('sync cancelled');
  });
});
