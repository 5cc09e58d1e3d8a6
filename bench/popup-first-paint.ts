import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Overview } from '@omnifolio/shared/api';
import { launchWithExtension } from '../extension/e2e/launch-extension';
import { CHROMIUM, EXTENSION_DIR } from '../extension/e2e/paths';

/**
 * Run in the page before its own scripts, two marks of the total's first showing with a
 * number. `window.totalPainted`: when it was painted, from the Element Timing API
 * (`elementtiming="total"`, components/TotalValue.tsx). `window.totalFrame`: the start of the
 * animation frame that paints it (a MutationObserver notes the total's insertion, the next
 * `requestAnimationFrame` its frame). In this headless, software-rendered Chromium the pixels
 * follow the frame's start by 40–60 ms (style, layout, paint and raster of the whole popup);
 * the target is held against the paint, as the one-line page below is measured at its paint.
 * `window.restFrame`: the start of the frame that draws the rest of the dashboard (the curve's
 * panel, the holdings), which the popup renders after its summary is painted
 * (components/DashboardView.tsx). A string, as it runs in the browser, not in this Node process.
 */
const MARK_TOTAL = `
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (window.totalPainted === undefined && entry.identifier === 'total' && /\\d/.test(entry.element?.textContent || '')) {
        window.totalPainted = entry.renderTime || entry.loadTime;
      }
    }
  }).observe({ type: 'element', buffered: true });
  new MutationObserver(() => {
    const total = document.querySelector('[data-testid="total-value"]');
    if (window.totalFrame === undefined && total && /\\d/.test(total.textContent || '')) {
      window.totalFrame = -1;
      requestAnimationFrame(() => { window.totalFrame = performance.now(); });
    }
    if (window.restFrame === undefined && document.getElementById('curve-heading')) {
      window.restFrame = -1;
      requestAnimationFrame(() => { window.restFrame = performance.now(); });
    }
  }).observe(document, { childList: true, subtree: true, characterData: true });
`;
const PAINTED =
  '(window.totalPainted ?? -1) > 0 && (window.totalFrame ?? -1) > 0 && (window.restFrame ?? -1) > 0 && [window.totalPainted, window.totalFrame, window.restFrame]';
const FLOOR_PAGE = `data:text/html,${encodeURIComponent('<!doctype html><title>floor</title><p>$1,234.56</p>')}`;
const FIRST_CONTENTFUL_PAINT = "performance.getEntriesByName('first-contentful-paint')[0]?.startTime";

/**
 * The least an extension page can do to show the cached data: a classic script, loaded from
 * the extension like the popup's, reads the overview from storage and writes the total as one
 * line (its first contentful paint: the page has no other text). Added to a copy of the build
 * for the benchmark only; the extension ships without it.
 */
const SCRIPT_FLOOR = {
  html: '<!doctype html><title>floor</title><p id="total"></p><script src="/bench-floor.js"></script>',
  js: "chrome.storage.local.get('lastOverview').then(({ lastOverview }) => { document.getElementById('total').textContent = lastOverview.overview.total.usd; });",
};

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
  /** Milliseconds from navigation to the paint of the total with its number, one per later opening. */
  popup: number[];
  /** Milliseconds from navigation to the start of the frame that paints it, for the same openings. */
  frameStart: number[];
  /** Milliseconds from navigation to the start of the frame that draws the curve and the holdings, for the same openings. */
  restFrameStart: number[];
  /** The first contentful paint of a one-line page with no script: what the browser itself takes. */
  floor: number[];
  /** The first contentful paint of an extension page whose script reads the cached total and writes it (SCRIPT_FLOOR). */
  scriptFloor: number[];
}

/**
 * Opens the built popup in Debian's Chromium `samples` times, with `overview` as the last data
 * the background worker cached, `analytics` as the answers the popup remembered, and a pairing
 * whose companion does not answer, and measures when the total is first painted (Element
 * Timing, above), with the PnL and the curve in the same frame. So the figure is the popup's
 * own start (loading its scripts, reading storage, rendering every holding, the metrics and the
 * curve, and painting them), which is what "opens instantly from the last data" promises; the
 * refresh that follows is the companion's. Null when Chromium or the built extension is missing.
 */
export async function measurePopupFirstPaint(overview: Overview, samples: number, analytics?: RememberedAnalytics): Promise<FirstPaint | null> {
  if (!existsSync(CHROMIUM) || !existsSync(join(EXTENSION_DIR, 'popup.html'))) return null;
  const extensionDir = mkdtempSync(join(tmpdir(), 'omnifolio-paint-'));
  cpSync(EXTENSION_DIR, extensionDir, { recursive: true });
  writeFileSync(join(extensionDir, 'bench-floor.html'), SCRIPT_FLOOR.html);
  writeFileSync(join(extensionDir, 'bench-floor.js'), SCRIPT_FLOOR.js);
  // The measuring predicates are evaluated in the page; the extension's CSP forbids eval.
  const context = await launchWithExtension({ bypassCSP: true, extensionDir });
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
    await context.addInitScript({ content: MARK_TOTAL });

    const open = async <T>(url: string, ready: string): Promise<T> => {
      const page = await context.newPage();
      await page.setViewportSize({ width: 400, height: 640 });
      await page.goto(url);
      const at = await page.waitForFunction(ready, undefined, { timeout: 20_000 });
      const value = (await at.jsonValue()) as T;
      await page.close();
      return value;
    };
    const popupUrl = `chrome-extension://${extensionId}/popup.html`;
    // The first opening after the browser starts also compiles the bundle (then kept in the
    // code cache): reported apart, the samples are the openings after it.
    const [cold] = await open<[number, number, number]>(popupUrl, PAINTED);
    const popup: number[] = [];
    const frameStart: number[] = [];
    const restFrameStart: number[] = [];
    const floor: number[] = [];
    const scriptFloor: number[] = [];
    const scriptFloorUrl = `chrome-extension://${extensionId}/bench-floor.html`;
    await open<number>(scriptFloorUrl, FIRST_CONTENTFUL_PAINT);
    for (let i = 0; i < samples; i++) {
      const [painted, frame, restFrame] = await open<[number, number, number]>(popupUrl, PAINTED);
      popup.push(painted);
      frameStart.push(frame);
      restFrameStart.push(restFrame);
      // The browser's own share: a page of one line and no script, to its first contentful paint.
      floor.push(await open<number>(FLOOR_PAGE, FIRST_CONTENTFUL_PAINT));
      scriptFloor.push(await open<number>(scriptFloorUrl, FIRST_CONTENTFUL_PAINT));
    }
    return { cold, popup, frameStart, restFrameStart, floor, scriptFloor };
  } finally {
    await context.close();
    rmSync(extensionDir, { recursive: true, force: true });
  }
}
