import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { captureFromTab, findCaptureTab } from './capture-from-tab';
import { addHost } from './capture-hosts';

describe('the popup’s “Capture from this tab”', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
    // The browser window the popup belongs to: `currentWindow` in the popup's query.
    await fakeBrowser.windows.create({ focused: true });
  });

  it('offers capture only on a provider’s web app over HTTPS, including a hostname the person added', async () => {
    const tab = await fakeBrowser.tabs.create({ url: 'https://app.finpension.ch/portfolio/3a/1/transactions', active: true });
    expect(await findCaptureTab()).toMatchObject({ tabId: tab.id, host: 'app.finpension.ch', provider: { id: 'finpension' } });

    await fakeBrowser.tabs.update(tab.id, { url: 'https://example.com/' });
    expect(await findCaptureTab()).toBeNull();

    await fakeBrowser.tabs.update(tab.id, { url: 'https://web.swissborg.com/statements' });
    expect(await findCaptureTab()).toBeNull();
    await addHost('swissborg', 'web.swissborg.com');
    expect(await findCaptureTab()).toMatchObject({ host: 'web.swissborg.com', provider: { id: 'swissborg' } });
  });

  it('asks for this one hostname, then injects the provider’s script and presses its button; nothing happens when refused', async () => {
    const calls: string[] = [];
    let grant = false;
    fakeBrowser.permissions.request = vi.fn(async (p: { origins?: string[] }) => {
      calls.push(`request ${p.origins?.join(' ')}`);
      return grant;
    }) as never;
    fakeBrowser.scripting.executeScript = vi.fn(async (i: { target: { tabId: number }; files?: string[] }) => {
      calls.push(`inject ${i.target.tabId} ${i.files?.join(' ')}`);
      return [];
    }) as never;
    fakeBrowser.tabs.sendMessage = vi.fn(async (tabId: number, message: unknown) => {
      calls.push(`send ${tabId} ${JSON.stringify(message)}`);
      return { started: true };
    }) as never;
    const tab = await fakeBrowser.tabs.create({ url: 'https://app.frankly.ch/briefkasten', active: true });
    const captureTab = await findCaptureTab();
    if (!captureTab) throw new Error('expected the frankly tab');

    expect(await captureFromTab(captureTab)).toBe('denied');
    expect(calls).toEqual(['request https://app.frankly.ch/*']);

    grant = true;
    calls.length = 0;
    expect(await captureFromTab(captureTab)).toBe('started');
    expect(calls).toEqual([
      'request https://app.frankly.ch/*',
      `inject ${tab.id} content-scripts/frankly.js`,
      `send ${tab.id} {"type":"omnifolio/capture/start"}`,
    ]);
  });
});
