import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Overview } from '@omnifolio/shared/api';
import { launchWithExtension } from '../extension/e2e/launch-extension';
import { CHROMIUM, EXTENSION_DIR } from '../extension/e2e/paths';

/**
 * Run in the page before its own scripts: the first time the total shows a number, the next
 * animation frame (the one that paints it) stores its time in `window.firstDataPaint`.
 * A string, as it runs in the browser, not in this Node process.
 */
const MARK_FIRST_DATA_PAINT = `
  new MutationObserver(() => {
    const total = document.querySelector('[data-testid="total-value"]');
    if (window.firstDataPaint === undefined && total && /\\d/.test(total.textContent || '')) {
      window.firstDataPaint = -1;
      requestAnimationFrame(() => { window.firstDataPaint = performance.now(); });
    }
  }).observe(document, { childList: true, subtree: true, characterData: true });
`;
const FLOOR_PAGE = `data:text/html,${encodeURIComponent('<!doctype html><title>floor</title><p>$1,234.56</p>')}`;

/**
 * The companion's answers for the popup's range and currency (`1M:USD`), as the popup
 * remembers them from its last opening (extension/src/lib/preferences.ts): with them its first
 * frame also draws the PnL and the month's curve, as a user's popup does after its first use.
 */
export interface RememberedAnalytics {
  key: string;
  performance: unknown;
  history: unknown;
  exposure: unknown;
  allocation: unknown;
}

export interface FirstPaint {
  /** The first opening after the browser started, bundle compiled from scratch. */
  cold: number;
  /** Milliseconds from navigation to the frame after the total appeared, one per later opening. */
  popup: number[];
  /** The first contentful paint of a one-line page with no script: what the browser itself takes. */
  floor: number[];
}

/**
 * Opens the built popup in Debian's Chromium `samples` times, with `overview` as the last data
 * the background worker cached, `analytics` as the answers the popup remembered, and a pairing
 * whose companion does not answer, and measures
 * when the total is first on screen: a MutationObserver installed before the page's scripts
 * notes the first time the total shows a number, and the next animation frame is when it was
 * painted, with the PnL and the curve in the same frame. So the figure is the popup's own start
 * (load, React, reading storage, rendering every holding, the metrics and the curve), which is what "opens instantly from the last data" promises; the refresh
 * that follows is the companion's. Null when Chromium or the built extension is missing.
 */
export async function measurePopupFirstPaint(overview: Overview, samples: number, analytics?: RememberedAnalytics): Promise<FirstPaint | null> {
  if (!existsSync(CHROMIUM) || !existsSync(join(EXTENSION_DIR, 'popup.html'))) return null;
  // The measuring predicates are evaluated in the page; the extension's CSP forbids eval.
  const context = await launchWithExtension({ bypassCSP: true });
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
    const extensionId = new URL(worker.url()).host;
    // Port 9 (discard) refuses at once: the popup shows the cache and says the companion is down.
    const stored = {
      pairing: { port: 9, token: 'omf_bench', tokenId: 'bench' },
      companionPort: 9,
      lastOverview: { overview, fetchedAt: new Date().toISOString() },
      ...(analytics ? { lastAnalytics: [{ ...analytics, fetchedAt: new Date().toISOString() }] } : {}),
    };
    await worker.evaluate(
      (items) => (globalThis as unknown as { chrome: { storage: { local: { set(i: object): Promise<void> } } } }).chrome.storage.local.set(items),
      stored,
    );
    await context.addInitScript({ content: MARK_FIRST_DATA_PAINT });

    const open = async (url: string, ready: string): Promise<number> => {
      const page = await context.newPage();
      await page.setViewportSize({ width: 400, height: 640 });
      await page.goto(url);
      const at = await page.waitForFunction(ready, undefined, { timeout: 20_000 });
      const value = (await at.jsonValue()) as number;
      await page.close();
      return value;
    };
    // The first opening after the browser starts also compiles the bundle (then kept in the
    // code cache): reported apart, the samples are the openings after it.
    const cold = await open(`chrome-extension://${extensionId}/popup.html`, '(window.firstDataPaint ?? -1) > 0 && window.firstDataPaint');
    const popup: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < samples; i++) {
      popup.push(await open(`chrome-extension://${extensionId}/popup.html`, '(window.firstDataPaint ?? -1) > 0 && window.firstDataPaint'));
      // The browser's own share: a page of one line and no script, to its first contentful paint.
      floor.push(await open(FLOOR_PAGE, "performance.getEntriesByName('first-contentful-paint')[0]?.startTime"));
    }
    return { cold, popup, floor };
  } finally {
    await context.close();
  }
}
