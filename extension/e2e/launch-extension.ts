import { type BrowserContext, chromium } from '@playwright/test';
import { CHROMIUM, EXTENSION_DIR } from './paths';

/**
 * Debian's Chromium, headless, with the built extension loaded into a fresh profile: what the
 * end-to-end tests and the popup first-paint benchmark (bench/popup-first-paint.ts) run in.
 * `bypassCSP` lets a caller evaluate its own expressions in the extension's pages, whose CSP
 * forbids eval.
 */
export function launchWithExtension(options: { bypassCSP?: boolean } = {}): Promise<BrowserContext> {
  return chromium.launchPersistentContext('', {
    executablePath: CHROMIUM,
    headless: true,
    ...(options.bypassCSP ? { bypassCSP: true } : {}),
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}
