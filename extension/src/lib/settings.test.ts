import type { Overview } from '@omnifolio/shared/api';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { CachedAnalytics } from './preferences';
import {
  clearPairing,
  getCachedAnalytics,
  getCachedOverview,
  getCurrency,
  getPairing,
  getPort,
  STORAGE_KEYS,
  savePairing,
  savePort,
  setCachedAnalytics,
  setCachedOverview,
  setCurrency,
  watchSettings,
} from './settings';

const overview: Overview = {
  asOf: '2025-01-02T10:00:00.000Z',
  total: { usd: '1234.5', chf: '1100.25' },
  pricing: { source: 'coingecko', asOf: '2025-01-02T09:59:00.000Z', stale: false },
  connections: [],
  holdings: [],
  unpriced: [],
};

/** The companion's answers for one range and currency; their content is the companion's, opaque here. */
const analytics = (key: string, fetchedAt = '2025-01-02T10:00:06.000Z'): CachedAnalytics =>
  ({
    key,
    fetchedAt,
    performance: { range: key.split(':')[0], periods: { '1D': { pnl: '12.5', returnRatio: '0.01' } } },
    history: {
      range: key.split(':')[0],
      currency: key.split(':')[1],
      timeZone: 'UTC',
      points: [{ at: '2025-01-01T23:59:59.999Z', value: '1234.5', unpriced: 0 }],
    },
    exposure: { currency: key.split(':')[1], assets: [] },
    allocation: { currency: key.split(':')[1], byPlatform: [] },
  }) as unknown as CachedAnalytics;

describe('settings in browser.storage.local', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('has no pairing and the default port before pairing', async () => {
    expect(await getPairing()).toBeNull();
    expect(await getPort()).toBe(47821);
  });

  it('stores exactly { port, token, tokenId } when paired, and the port with it', async () => {
    await savePairing({ port: 48000, token: 'tok_secret', tokenId: 'tid_1' });
    expect(await fakeBrowser.storage.local.get(STORAGE_KEYS.pairing)).toEqual({
      pairing: { port: 48000, token: 'tok_secret', tokenId: 'tid_1' },
    });
    expect(await getPairing()).toEqual({ port: 48000, token: 'tok_secret', tokenId: 'tid_1' });
    expect(await getPort()).toBe(48000);
  });

  it('remembers the last port typed before pairing, and refuses what is not a port', async () => {
    await savePort(50123);
    expect(await getPort()).toBe(50123);
    await expect(savePort(70000)).rejects.toThrow(/not a port number/);
    await expect(savePort(1.5)).rejects.toThrow(/not a port number/);
    expect(await getPort()).toBe(50123);
  });

  it('ignores a damaged stored pairing instead of sending a bad token', async () => {
    await fakeBrowser.storage.local.set({ pairing: { port: 'x', token: 'a', tokenId: 'b' } });
    expect(await getPairing()).toBeNull();
    await fakeBrowser.storage.local.set({ pairing: { port: 47821, token: '', tokenId: 'b' } });
    expect(await getPairing()).toBeNull();
    expect(await getPort()).toBe(47821);
  });

  it('remembers the currency, USD by default', async () => {
    expect(await getCurrency()).toBe('USD');
    await setCurrency('CHF');
    expect(await getCurrency()).toBe('CHF');
    await fakeBrowser.storage.local.set({ currency: 'EUR' });
    expect(await getCurrency()).toBe('EUR');
    await fakeBrowser.storage.local.set({ currency: 'ARS' });
    expect(await getCurrency()).toBe('USD');
  });

  it('caches the last overview with the time it arrived', async () => {
    expect(await getCachedOverview()).toBeNull();
    await setCachedOverview({ overview, fetchedAt: '2025-01-02T10:00:05.000Z' });
    expect(await getCachedOverview()).toEqual({ overview, fetchedAt: '2025-01-02T10:00:05.000Z' });
  });

  it('remembers the last answers of four ranges or currencies, newest first, one per range and currency', async () => {
    expect(await getCachedAnalytics()).toEqual([]);
    for (const key of ['1M:USD', 'ALL:USD', '1M:CHF', 'ALL:CHF']) await setCachedAnalytics(analytics(key));
    await setCachedAnalytics(analytics('1M:USD', '2025-01-02T10:05:00.000Z'));
    expect(await getCachedAnalytics()).toEqual([
      analytics('1M:USD', '2025-01-02T10:05:00.000Z'),
      analytics('ALL:CHF'),
      analytics('1M:CHF'),
      analytics('ALL:USD'),
    ]);
    await setCachedAnalytics(analytics('YTD:EUR'));
    expect((await getCachedAnalytics()).map((a) => a.key)).toEqual(['YTD:EUR', '1M:USD', 'ALL:CHF', '1M:CHF']);
  });

  it('ignores damaged remembered answers instead of showing them', async () => {
    await fakeBrowser.storage.local.set({ [STORAGE_KEYS.analytics]: [analytics('1M:USD'), { key: '1D:USD' }, 'junk', null] });
    expect(await getCachedAnalytics()).toEqual([analytics('1M:USD')]);
    await fakeBrowser.storage.local.set({ [STORAGE_KEYS.analytics]: { not: 'a list' } });
    expect(await getCachedAnalytics()).toEqual([]);
  });

  it('drops the cached overview and answers of the previous pairing when pairing again', async () => {
    await setCachedOverview({ overview, fetchedAt: '2025-01-02T10:00:05.000Z' });
    await setCachedAnalytics(analytics('1M:USD'));
    await savePairing({ port: 47821, token: 't', tokenId: 'i' });
    expect(await getCachedOverview()).toBeNull();
    expect(await getCachedAnalytics()).toEqual([]);
  });

  it('unpairing forgets the token and the cached portfolio but keeps port and currency', async () => {
    await savePairing({ port: 48001, token: 't', tokenId: 'i' });
    await setCurrency('CHF');
    await setCachedOverview({ overview, fetchedAt: '2025-01-02T10:00:05.000Z' });
    await setCachedAnalytics(analytics('1M:CHF'));
    await clearPairing();
    expect(await getPairing()).toBeNull();
    expect(await getCachedOverview()).toBeNull();
    expect(await getCachedAnalytics()).toEqual([]);
    expect(await getPort()).toBe(48001);
    expect(await getCurrency()).toBe('CHF');
  });

  it('tells listeners which of its keys changed, and stops when unsubscribed', async () => {
    const listener = vi.fn();
    const stop = watchSettings(listener);
    await savePairing({ port: 47821, token: 't', tokenId: 'i' });
    await fakeBrowser.storage.local.set({ unrelated: 1 });
    await setCurrency('CHF');
    stop();
    await setCurrency('USD');
    const calls = listener.mock.calls.map(([keys]) => [...(keys as string[])].sort());
    expect(calls).toContainEqual(['companionPort', 'pairing']);
    expect(calls).toContainEqual(['currency']);
    expect(calls.flat()).not.toContain('unrelated');
    expect(calls.filter((keys) => keys.includes('currency'))).toHaveLength(1);
  });
});
