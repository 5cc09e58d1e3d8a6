import { createServer } from 'node:net';
import { type BrowserContext, test as base, type Page, type Worker } from '@playwright/test';
import { launchWithExtension } from './launch-extension';

export interface ExtensionFixtures {
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
}

/** Chromium with the built extension loaded, a fresh profile per test. */
export const test = base.extend<ExtensionFixtures>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their dependencies as a destructured object
  context: async ({}, use) => {
    const context = await launchWithExtension();
    await use(context);
    await context.close();
  },
  serviceWorker: async ({ context }, use) => {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
    await use(worker);
  },
  extensionId: async ({ serviceWorker }, use) => {
    await use(new URL(serviceWorker.url()).host);
  },
});

export const expect = test.expect;

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The few chrome.* calls the tests make inside the service worker. */
interface ChromeInWorker {
  storage: { local: { set(items: Record<string, unknown>): Promise<void>; get(key: string): Promise<Record<string, unknown>> } };
  action: { getBadgeText(details: object): Promise<string>; getTitle(details: object): Promise<string> };
}

/** Writes extension storage from the service worker, as the extension itself would. */
export async function setExtensionStorage(worker: Worker, items: Record<string, unknown>): Promise<void> {
  await worker.evaluate((values) => (globalThis as unknown as { chrome: ChromeInWorker }).chrome.storage.local.set(values), items);
}

export async function readExtensionStorage(worker: Worker, key: string): Promise<unknown> {
  return worker.evaluate(async (k) => (await (globalThis as unknown as { chrome: ChromeInWorker }).chrome.storage.local.get(k))[k], key);
}

export async function badge(worker: Worker): Promise<{ text: string; title: string }> {
  return worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: ChromeInWorker };
    return { text: await chrome.action.getBadgeText({}), title: await chrome.action.getTitle({}) };
  });
}

/** Opens the popup page in a tab of the popup's size. */
export async function openPopup(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 400, height: 640 });
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  return page;
}
