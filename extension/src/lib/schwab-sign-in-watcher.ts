import browser from 'webextension-polyfill';
import { toProblem } from './companion-error';
import { pairedSchwabClient } from './extension-schwab-sign-in';
import { isSchwabCallback, type SchwabWatchMessage, type SchwabWatchOutcome, schwabOutcomeKey } from './schwab-callback';

/** The companion forgets a sign-in after 15 minutes; so does the watcher. */
const WATCH_MS = 15 * 60_000;

/**
 * In the background worker: opens Schwab's authorize page in a tab, watches that tab (and
 * only it) until it reaches the registered callback URL, hands the address to the companion,
 * closes the tab, and leaves the outcome in storage for the page that asked. The page keeps
 * its paste field as the fallback (a callback host permission refused, a browser without the
 * tabs events, the worker stopped).
 */
export function startSchwabSignInWatcher(): void {
  browser.runtime.onMessage.addListener((message: unknown) => {
    const m = message as Partial<SchwabWatchMessage> | null;
    if (m?.type !== 'schwab:authorize' || typeof m.state !== 'string' || typeof m.authorizeUrl !== 'string' || typeof m.callbackUrl !== 'string')
      return undefined;
    void watch(m as SchwabWatchMessage);
    return Promise.resolve({ watching: true });
  });
}

async function watch({ state, authorizeUrl, callbackUrl }: SchwabWatchMessage): Promise<void> {
  const tab = await browser.tabs.create({ url: authorizeUrl });
  const tabId = tab.id;
  if (tabId === undefined) return;
  await new Promise<void>((resolve) => {
    let done = false;
    const finish = () => {
      done = true;
      clearTimeout(timer);
      browser.tabs.onUpdated.removeListener(onUpdated);
      browser.tabs.onRemoved.removeListener(onRemoved);
      resolve();
    };
    const onUpdated = (id: number, change: { url?: string }) => {
      if (done || id !== tabId || change.url === undefined || !isSchwabCallback(change.url, callbackUrl)) return;
      const address = change.url;
      finish();
      void complete(state, address).then(() => browser.tabs.remove(tabId).catch(() => undefined));
    };
    const onRemoved = (id: number) => {
      if (id === tabId) finish();
    };
    const timer = setTimeout(finish, WATCH_MS);
    browser.tabs.onUpdated.addListener(onUpdated);
    browser.tabs.onRemoved.addListener(onRemoved);
  });
}

async function complete(state: string, address: string): Promise<void> {
  let outcome: SchwabWatchOutcome;
  try {
    const connection = await (await pairedSchwabClient()).complete(state, address);
    outcome = { ok: true, label: connection.label, message: null };
  } catch (error) {
    outcome = { ok: false, label: null, message: toProblem(error).message };
  }
  await browser.storage.local.set({ [schwabOutcomeKey(state)]: outcome });
}
