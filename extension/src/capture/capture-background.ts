import browser, { type Runtime } from 'webextension-polyfill';
import { companionBaseUrl } from '../lib/companion-client';
import { getPairing } from '../lib/settings';
import { createStatementsClient } from '../lib/statements-client';
import { CAPTURE_HOSTS_KEY, getAddedHosts } from './capture-hosts';
import { isCaptureRequest } from './capture-messages';
import { handleCaptureRequest } from './handle-capture-request';
import { registerCaptureScripts } from './register-capture-scripts';

/**
 * The background worker's part of statement capture: it forwards what content scripts
 * captured to the companion (they hold no token and cannot reach it), and keeps the capture
 * scripts registered for the hostnames the person granted.
 */
export function startCaptureBackground(): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    if (!isCaptureRequest(message)) return undefined;
    // Only content scripts in a tab may capture; the URL is the browser's, not the page's word.
    const senderUrl = sender.tab ? (sender.url ?? sender.tab.url ?? null) : null;
    return (async () => {
      const pairing = await getPairing();
      const client = pairing ? createStatementsClient({ baseUrl: companionBaseUrl(pairing.port), auth: { kind: 'token', token: pairing.token } }) : null;
      return handleCaptureRequest(message, { client, senderUrl, addedHosts: await getAddedHosts() });
    })();
  });

  // One registration at a time: two interleaved runs would register the same script id twice.
  let queue: Promise<unknown> = Promise.resolve();
  const sync = () => {
    queue = queue.then(registerCaptureScripts).catch((error: unknown) => console.error('Omnifolio: could not register the capture scripts', error));
  };
  browser.permissions.onAdded.addListener(sync);
  browser.permissions.onRemoved.addListener(sync);
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && CAPTURE_HOSTS_KEY in changes) sync();
  });
  sync();
}
