import { type BrowserContext, chromium } from '@playwright/test';
import { CHROMIUM, EXTENSION_DIR } from './paths';

/**
 * Debian's Chromium, headless, with the built extension loaded into a fresh profile: what the
 * end-to-end tests and the popup first-paint benchmark (bench/popup-first-paint.ts) run in.
 * `bypassCSP` lets a caller evaluate its own expressions in the extension's pages, whose CSP
 * forbids eval. `extensionDir` loads another copy of the build (the benchmark adds a page to one).
 */
export function launchWithExtension(options: { bypassCSP?: boolean; extensionDir?: string } = {}): Promise<BrowserContext> {
  const dir = options.extensionDir ?? EXTENSION_DIR;
  return chromium.launchPersistentContext('', {
    executablePath: CHROMIUM,
    headless: true,
    ...(options.bypassCSP ? { bypassCSP: true } : {}),
    args: [
      `--disable-extensions-except=${dir}`,
      `--load-extension=${dir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}
