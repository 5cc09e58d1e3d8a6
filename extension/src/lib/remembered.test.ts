import { describe, expect, it } from 'vitest';
import type { CachedOverview, PreferenceStore } from './preferences';
import { readRemembered } from './remembered';
import { overviewOf } from './test-fixtures';

const cached: CachedOverview = { overview: overviewOf(), fetchedAt: '2026-11-20T08:00:00.000Z' };

function store(reads: Pick<PreferenceStore, 'getCachedOverview' | 'getCurrency'>): PreferenceStore {
  return { ...reads, setCurrency: async () => undefined, setCachedOverview: async () => undefined };
}

describe('what the dashboard remembers before its first render', () => {
  it('reads the last overview and the last currency', async () => {
    const remembered = await readRemembered(store({ getCachedOverview: async () => cached, getCurrency: async () => 'CHF' }));
    expect(remembered).toEqual({ cached, currency: 'CHF' });
  });

  it('gives nothing remembered, not an error, when the store cannot be read', async () => {
    const broken = store({
      getCachedOverview: async () => Promise.reject(new Error('storage unavailable')),
      getCurrency: async () => Promise.reject(new Error('storage unavailable')),
    });
    await expect(readRemembered(broken)).resolves.toEqual({ cached: null, currency: null });
  });
});
