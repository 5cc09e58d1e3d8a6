import browser from 'webextension-polyfill';
import { companionBaseUrl } from './companion-client';
import { callbackPermission, type SchwabWatchMessage, type SchwabWatchOutcome, schwabOutcomeKey } from './schwab-callback';
import { createSchwabClient, type SchwabClient } from './schwab-client';
import type { SchwabSignInHost } from './schwab-sign-in-host';
import { getPairing } from './settings';

/** The Schwab client with the extension's pairing token. */
export async function pairedSchwabClient(): Promise<SchwabClient> {
  const pairing = await getPairing();
  if (!pairing) throw new Error('The extension is not paired with the companion.');
  return createSchwabClient({ baseUrl: companionBaseUrl(pairing.port), auth: { kind: 'token', token: pairing.token } });
}

/** The sign-in inside the extension: the background worker watches the login tab (schwab-sign-in-watcher.ts). */
export const extensionSchwabSignIn: SchwabSignInHost = {
  client: pairedSchwabClient,
  async requestCallbackAccess(callbackUrl) {
    try {
      return await browser.permissions.request({ origins: [callbackPermission(callbackUrl)] });
    } catch {
      return false;
    }
  },
  async open(start, watched) {
    if (!watched) {
      await browser.tabs.create({ url: start.authorizeUrl });
      return;
    }
    const message: SchwabWatchMessage = { type: 'schwab:authorize', ...start };
    await browser.runtime.sendMessage(message);
  },
  // The background worker leaves its outcome in local storage under the sign-in's state.
  onOutcome(state, listener) {
    const key = schwabOutcomeKey(state);
    const onChanged = (changes: Record<string, browser.Storage.StorageChange>) => {
      const outcome = changes[key]?.newValue as SchwabWatchOutcome | undefined;
      if (outcome === undefined) return;
      void browser.storage.local.remove(key);
      listener(outcome);
    };
    browser.storage.local.onChanged.addListener(onChanged);
    return () => browser.storage.local.onChanged.removeListener(onChanged);
  },
};
