import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Overview } from '@omnifolio/shared/api';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { EARLY_READ_KEYS, takeEarlyRead } from './early-read';
import type { CachedAnalytics } from './preferences';
import { readRemembered } from './remembered';
import { extensionPreferences, rememberedIn, STORAGE_KEYS, setCachedAnalytics, setCachedOverview, setCurrency } from './settings';

const SCRIPT = readFileSync(join(import.meta.dirname, '../../public/popup-early-read.js'), 'utf8');
const overview = { asOf: '2026-11-20T08:00:00.000Z', total: { usd: '1234.5' }, connections: [], holdings: [], unpriced: [] } as unknown as Overview;
const answers = (key: string) =>
  ({ key, fetchedAt: '2026-11-20T08:00:06.000Z', performance: { range: key.split(':')[0] }, history: { points: [] } }) as unknown as CachedAnalytics;

/** Runs the shipped script as the popup's HTML does, with `api` as the browser's `chrome` (MV3) and no `browser`. */
function runScript(api: unknown): void {
  vi.stubGlobal('browser', undefined);
  vi.stubGlobal('chrome', api);
  new Function(SCRIPT)();
}

describe('the popup’s early read of what its first frame shows', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    takeEarlyRead();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('reads the overview, the currency and the answers in one call, and gives exactly what the getters give', async () => {
    await setCachedOverview({ overview, fetchedAt: '2026-11-20T08:00:05.000Z' });
    await setCurrency('CHF');
    await setCachedAnalytics(answers('1M:CHF'));
    await fakeBrowser.storage.local.set({ [STORAGE_KEYS.pairing]: { port: 1, token: 'omf_secret', tokenId: 't' } });
    const asked: string[][] = [];
    const local = {
      get: (keys: string[]) => {
        asked.push(keys);
        return fakeBrowser.storage.local.get(keys);
      },
    };
    runScript({ storage: { local } });
    const early = takeEarlyRead();
    expect(early).not.toBeNull();
    // The script names the keys itself (it is plain JavaScript): they are the ones the popup parses.
    expect(asked).toEqual([[...EARLY_READ_KEYS]]);
    // Nothing it does not show: not the pairing's token.
    expect(EARLY_READ_KEYS).not.toContain(STORAGE_KEYS.pairing);
    const remembered = rememberedIn((await early) ?? {});
    expect(remembered).toEqual(await readRemembered(extensionPreferences));
    expect(remembered.currency).toBe('CHF');
    expect(remembered.cached?.fetchedAt).toBe('2026-11-20T08:00:05.000Z');
    expect(remembered.analytics.map((entry) => entry.key)).toEqual(['1M:CHF']);
  });

  it('is taken once: a second render, or a page without the script, reads for itself', () => {
    runScript({ storage: { local: { get: async () => ({}) } } });
    expect(takeEarlyRead()).not.toBeNull();
    expect(takeEarlyRead()).toBeNull();
  });

  it('leaves nothing, and throws nothing, where the storage API has no promises or is missing', () => {
    runScript({ storage: { local: { get: () => undefined } } });
    expect(takeEarlyRead()).toBeNull();
    runScript({
      storage: {
        local: {
          get: () => {
            throw new TypeError('No matching signature.');
          },
        },
      },
    });
    expect(takeEarlyRead()).toBeNull();
    runScript(undefined);
    expect(takeEarlyRead()).toBeNull();
  });

  it('checks what it read as the getters do: damaged entries are not remembered, the currency falls back to USD', () => {
    const damaged = { [STORAGE_KEYS.overview]: { overview: 'junk' }, [STORAGE_KEYS.currency]: 'XYZ', [STORAGE_KEYS.analytics]: [answers('1M:USD'), 'junk'] };
    expect(rememberedIn(damaged)).toEqual({ cached: null, currency: 'USD', analytics: [answers('1M:USD')] });
    expect(rememberedIn({})).toEqual({ cached: null, currency: 'USD', analytics: [] });
  });
});
