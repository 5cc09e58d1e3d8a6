import { describe, expect, it } from 'vitest';
import { createPagePreferences } from './page-preferences';
import type { CachedAnalytics } from './preferences';
import { overviewOf } from './test-fixtures';

/** The Web Storage interface over a Map, as the companion's page has it in `localStorage`. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

describe('preferences of the page served by the companion', () => {
  it('remembers the currency across page loads', async () => {
    const storage = memoryStorage();
    await createPagePreferences(storage).setCurrency('CHF');
    expect(await createPagePreferences(storage).getCurrency()).toBe('CHF');
    storage.setItem('omnifolio.currency', 'JPY');
    expect(await createPagePreferences(storage).getCurrency()).toBe('JPY');
    // Not a currency values are shown in (the ECB publishes no ARS rate): USD.
    storage.setItem('omnifolio.currency', 'ARS');
    expect(await createPagePreferences(storage).getCurrency()).toBe('USD');
  });

  it('keeps the overview only for the life of the page, never in localStorage', async () => {
    const storage = memoryStorage();
    const preferences = createPagePreferences(storage);
    await preferences.setCachedOverview({ overview: overviewOf(), fetchedAt: '2025-03-01T12:00:00.000Z' });
    expect((await preferences.getCachedOverview())?.fetchedAt).toBe('2025-03-01T12:00:00.000Z');
    expect(storage.length).toBe(0);
    expect(await createPagePreferences(storage).getCachedOverview()).toBeNull();
  });

  it('keeps the analytics only for the life of the page too, one per range and currency', async () => {
    const storage = memoryStorage();
    const preferences = createPagePreferences(storage);
    const answers = (key: string, fetchedAt: string) => ({ key, fetchedAt }) as unknown as CachedAnalytics;
    await preferences.setCachedAnalytics(answers('ALL:USD', '2025-03-01T12:00:00.000Z'));
    await preferences.setCachedAnalytics(answers('1M:USD', '2025-03-01T12:00:01.000Z'));
    await preferences.setCachedAnalytics(answers('ALL:USD', '2025-03-01T12:00:02.000Z'));
    expect(await preferences.getCachedAnalytics()).toEqual([answers('ALL:USD', '2025-03-01T12:00:02.000Z'), answers('1M:USD', '2025-03-01T12:00:01.000Z')]);
    expect(storage.length).toBe(0);
    expect(await createPagePreferences(storage).getCachedAnalytics()).toEqual([]);
  });

  it('works where storage is blocked', async () => {
    const preferences = createPagePreferences(null);
    await preferences.setCurrency('CHF');
    expect(await preferences.getCurrency()).toBe('USD');
  });
});
