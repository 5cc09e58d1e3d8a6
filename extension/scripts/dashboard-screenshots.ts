import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

/**
 * Screenshots of the dashboard with the demo portfolio, for docs/screenshots/. Run against
 * a companion started with the demo (`pnpm omnifolio serve --demo`), passing the one-time
 * dashboard link it prints:
 *
 *   npx tsx scripts/dashboard-screenshots.ts 'http://127.0.0.1:47821/login?code=…' [--rebuild]
 *
 * Uses Debian's Chromium (never a downloaded browser). Takes the full tab in light and
 * dark, and the popup-sized layout is covered by the e2e test's own screenshots.
 */
const loginUrl = process.argv[2];
if (!loginUrl) {
  process.stderr.write('Pass the one-time dashboard link the companion printed at start.\n');
  process.exit(2);
}
const outDir = join(import.meta.dirname, '../../docs/screenshots');
mkdirSync(outDir, { recursive: true });

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true });
try {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto(loginUrl);
  await page.getByTestId('total-value').waitFor();
  if (process.argv.includes('--rebuild')) {
    // Recompute the daily snapshots first (after a change to how they are computed).
    const status = await page.evaluate(async () => (await fetch('/api/history/rebuild', { method: 'POST' })).status);
    if (status !== 200) throw new Error(`history rebuild answered ${status}`);
    await page.reload();
    await page.getByTestId('total-value').waitFor();
  }
  await page.getByTestId('equity-chart').waitFor({ timeout: 30_000 });
  await page.getByTestId('exposure').waitFor({ timeout: 30_000 });
  await page.screenshot({ path: join(outDir, 'dashboard-light.png'), fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: join(outDir, 'dashboard-dark.png'), fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 400, height: 600 });
  await page.screenshot({ path: join(outDir, 'dashboard-narrow.png'), fullPage: false });
} finally {
  await browser.close();
}
