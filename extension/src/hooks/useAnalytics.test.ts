import { describe, expect, it } from 'vitest';
import type { CachedAnalytics } from '../lib/preferences';
import { recall } from './useAnalytics';

/** Remembered answers; their content is the companion's, opaque here. */
const answers = (key: string, fetchedAt: string) =>
  ({ key, fetchedAt, performance: { key }, history: { key }, exposure: { fetchedAt }, allocation: { fetchedAt } }) as unknown as CachedAnalytics;

describe('answers remembered from earlier openings', () => {
  it('fill in each range and currency; a currency’s exposure and allocation are the newest remembered', () => {
    const memory = new Map<string, unknown>();
    recall(
      [answers('1M:USD', '2026-11-24T10:00:00.000Z'), answers('ALL:USD', '2026-11-23T09:00:00.000Z'), answers('1M:CHF', '2026-11-22T08:00:00.000Z')],
      memory,
    );
    expect(memory.get('p:1M:USD')).toEqual({ key: '1M:USD' });
    expect(memory.get('h:ALL:USD')).toEqual({ key: 'ALL:USD' });
    expect(memory.get('e:USD')).toEqual({ fetchedAt: '2026-11-24T10:00:00.000Z' });
    expect(memory.get('a:USD')).toEqual({ fetchedAt: '2026-11-24T10:00:00.000Z' });
    expect(memory.get('e:CHF')).toEqual({ fetchedAt: '2026-11-22T08:00:00.000Z' });
  });

  it('never replace an answer this page already has', () => {
    const memory = new Map<string, unknown>([['p:1M:USD', { fresh: true }]]);
    recall([answers('1M:USD', '2026-11-24T10:00:00.000Z')], memory);
    expect(memory.get('p:1M:USD')).toEqual({ fresh: true });
  });
});
