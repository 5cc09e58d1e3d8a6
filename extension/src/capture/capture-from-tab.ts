import browser from 'webextension-polyfill';
import { getAddedHosts } from './capture-hosts';
import type { StartCaptureMessage } from './capture-messages';
import type { CaptureProvider } from './capture-provider';
import { hostPattern } from './capture-provider';
import { providerForHost } from './providers';
import { captureScriptFile } from './register-capture-scripts';

export interface CaptureTab {
  tabId: number;
  host: string;
  provider: CaptureProvider;
}

/**
 * The active tab, if it is one of the capture providers' web apps. Its URL is readable
 * through `activeTab` (the person opened the popup on it) or an earlier host grant.
 */
export async function findCaptureTab(): Promise<CaptureTab | null> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (!tab?.id || !tab.url) return null;
  let url: URL;
  try {
    url = new URL(tab.url);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:') return null;
  const provider = providerForHost(url.hostname, await getAddedHosts());
  return provider ? { tabId: tab.id, host: url.hostname, provider } : null;
}

/**
 * Asks for this one hostname (the browser shows its prompt; it must be called straight from
 * the click, before any other await, or the browser refuses for lack of a user gesture),
 * then puts the capture script in the tab and presses its button. The consent dialog and
 * the progress show on the page.
 */
export async function captureFromTab(tab: CaptureTab): Promise<'started' | 'denied'> {
  const granted = await browser.permissions.request({ origins: [hostPattern(tab.host)] });
  if (!granted) return 'denied';
  await browser.scripting.executeScript({ target: { tabId: tab.tabId }, files: [captureScriptFile(tab.provider.id)] });
  await browser.tabs.sendMessage(tab.tabId, { type: 'omnifolio/capture/start' } satisfies StartCaptureMessage);
  return 'started';
}
