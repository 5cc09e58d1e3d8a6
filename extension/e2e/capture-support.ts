import type { BrowserContext, Page } from '@playwright/test';
import { expect } from './fixtures';
import { FIXTURE_SITES, type FixtureSite, readFixture } from './fixtures/provider-sites';

/**
 * Serves a provider's saved web app under its real hostname: every request to
 * `https://<host>/…` is answered from the fixtures (404 for anything else), so the
 * extension's shipped match patterns and host permissions are the ones exercised.
 */
export async function routeProviderSite(context: BrowserContext, site: FixtureSite, requests: string[] = []): Promise<void> {
  await context.route(`https://${site.host}/**`, async (route) => {
    const url = new URL(route.request().url());
    const key = url.pathname + url.search;
    requests.push(key);
    const response = (site.responses as Record<string, { file: string; contentType: string; contentDisposition?: string }>)[key];
    if (!response) {
      await route.fulfill({ status: 404, contentType: 'text/plain', body: `No fixture for ${key}` });
      return;
    }
    await route.fulfill({
      status: 200,
      body: readFixture(response.file),
      headers: { 'content-type': response.contentType, ...(response.contentDisposition ? { 'content-disposition': response.contentDisposition } : {}) },
    });
  });
}

/**
 * What a person does in Chrome's own extension settings (Site access → add a site): headless
 * Chromium cannot show the permission prompt, so the grant is made there, and the extension's
 * own `permissions.request` (from the options page's button) then finds it granted.
 */
export async function allowSiteInChromeSettings(context: BrowserContext, extensionId: string, host: string): Promise<void> {
  const page = await context.newPage();
  await page.goto(`chrome://extensions/?id=${extensionId}`);
  await page.evaluate(
    async ([id, pattern]) => {
      const { developerPrivate } = (globalThis as unknown as { chrome: { developerPrivate: { addHostPermission(id: string, host: string): Promise<void> } } })
        .chrome;
      await developerPrivate.addHostPermission(id as string, pattern as string);
    },
    [extensionId, `https://${host}/*`],
  );
  await page.close();
}

export async function pair(options: Page, port: number, pairingCode: string): Promise<void> {
  await options.getByTestId('pair-port').fill(String(port));
  await options.getByTestId('pair-code').fill(pairingCode);
  await options.getByTestId('pair-submit').click();
  await expect(options.getByTestId('paired-state')).toHaveAttribute('data-healthy', 'true');
}

export { FIXTURE_SITES };

/** The extension's real toolbar popup, driven over CDP: Playwright does not list action popups as pages. */
export interface ToolbarPopup {
  /** Evaluates an expression in the popup; `userGesture` makes it count as the person's click. */
  evaluate<T>(expression: string, options?: { userGesture?: boolean }): Promise<T>;
  close(): Promise<void>;
}

/**
 * Clicks the extension's toolbar button on a tab, as a person does (CDP
 * `Extensions.triggerAction`): the real popup opens, with `activeTab` granted for that tab.
 */
export async function openPopupOnTab(context: BrowserContext, extensionId: string, tabUrl: string): Promise<ToolbarPopup> {
  const browser = context.browser();
  if (!browser) throw new Error('No browser behind this context: cannot click the toolbar button.');
  const cdp = await browser.newBrowserCDPSession();
  const send = <T>(method: string, params: object) => cdp.send(method as never, params as never) as Promise<T>;
  const { targetInfos: tabs } = await send<{ targetInfos: { targetId: string; url: string }[] }>('Target.getTargets', { filter: [{ type: 'tab' }] });
  const tab = tabs.find((t) => t.url === tabUrl);
  if (!tab) throw new Error(`No tab at ${tabUrl}; tabs: ${tabs.map((t) => t.url).join(', ')}`);
  await send('Extensions.triggerAction', { id: extensionId, targetId: tab.targetId });
  const popupUrl = `chrome-extension://${extensionId}/popup.html`;
  let popupTarget: string | null = null;
  for (let i = 0; i < 50 && popupTarget === null; i++) {
    const { targetInfos } = await send<{ targetInfos: { targetId: string; url: string; type: string }[] }>('Target.getTargets', {});
    popupTarget = targetInfos.find((t) => t.type === 'page' && t.url === popupUrl)?.targetId ?? null;
    if (popupTarget === null) await new Promise((r) => setTimeout(r, 200));
  }
  if (popupTarget === null) throw new Error('The toolbar popup did not open.');
  const { sessionId } = await send<{ sessionId: string }>('Target.attachToTarget', { targetId: popupTarget, flatten: false });
  let nextId = 1;
  const pending = new Map<number, (message: { result?: { result?: { value?: unknown } }; error?: { message: string } }) => void>();
  cdp.on(
    'Target.receivedMessageFromTarget' as never,
    ((event: { sessionId: string; message: string }) => {
      if (event.sessionId !== sessionId) return;
      const message = JSON.parse(event.message) as { id?: number };
      if (message.id !== undefined) pending.get(message.id)?.(message as never);
    }) as never,
  );
  return {
    evaluate: <T>(expression: string, options: { userGesture?: boolean } = {}) =>
      new Promise<T>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, (message) => {
          pending.delete(id);
          if (message.error) reject(new Error(message.error.message));
          else resolve(message.result?.result?.value as T);
        });
        const call = {
          id,
          method: 'Runtime.evaluate',
          params: { expression, awaitPromise: true, returnByValue: true, userGesture: options.userGesture ?? false },
        };
        void send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify(call) }).catch(reject);
      }),
    close: async () => {
      await send('Target.closeTarget', { targetId: popupTarget }).catch(() => undefined);
      await cdp.detach();
    },
  };
}
