import { describe, expect, it } from 'vitest';
import type { CachedAnalytics, CachedOverview, PreferenceStore } from './preferences';
import { readRemembered } from './remembered';
import { overviewOf } from './test-fixtures';

const cached: CachedOverview = { overview: overviewOf(), fetchedAt: '2026-11-20T08:00:00.000Z' };
const analytics = [{ key: '1M:CHF', fetchedAt: '2026-11-20T08:00:01.000Z' } as unknown as CachedAnalytics];

function store(reads: Pick<PreferenceStore, 'getCachedOverview' | 'getCurrency' | 'getCachedAnalytics'>): PreferenceStore {
  return { ...reads, setCurrency: async () => undefined, setCachedOverview: async () => undefined, setCachedAnalytics: async () => undefined };
}

describe('what the dashboard remembers before its first render', () => {
  it('reads the last overview, the last currency and the last analytics', async () => {
    const remembered = await readRemembered(
      store({ getCachedOverview: async () => cached, getCurrency: async () => 'CHF', getCachedAnalytics: async () => analytics }),
    );
    expect(remembered).toEqual({ cached, currency: 'CHF', analytics });
  });

  it('gives nothing remembered, not an error, when the store cannot be read', async () => {
    const broken = store({
      getCachedOverview: async () => Promise.reject(new Error('storage unavailable')),
      getCurrency: async () => Promise.reject(new Error('storage unavailable')),
      getCachedAnalytics: async () => Promise.reject(new Error('storage unavailable')),
    });
    await expect(readRemembered(broken)).resolves.toEqual({ cached: null, currency: null, analytics: [] });
  });
});
