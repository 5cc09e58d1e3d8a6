import type { Overview } from '@omnifolio/shared/api';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  clearPairing,
  getCachedOverview,
  getCurrency,
  getPairing,
  getPort,
  STORAGE_KEYS,
  savePairing,
  savePort,
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

  it('drops the cached overview of the previous pairing when pairing again', async () => {
    await setCachedOverview({ overview, fetchedAt: '2025-01-02T10:00:05.000Z' });
    await savePairing({ port: 47821, token: 't', tokenId: 'i' });
    expect(await getCachedOverview()).toBeNull();
  });

  it('unpairing forgets the token and the cached portfolio but keeps port and currency', async () => {
    await savePairing({ port: 48001, token: 't', tokenId: 'i' });
    await setCurrency('CHF');
    await setCachedOverview({ overview, fetchedAt: '2025-01-02T10:00:05.000Z' });
    await clearPairing();
    expect(await getPairing()).toBeNull();
    expect(await getCachedOverview()).toBeNull();
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
