import browser from 'webextension-polyfill';
import { getAddedHosts } from './capture-hosts';
import { hostPattern } from './capture-provider';
import { CAPTURE_PROVIDERS, hostsOf } from './providers';

/** Where WXT puts a runtime-registered content script `<name>.content/index.ts`. */
export function captureScriptFile(providerId: string): string {
  return `content-scripts/${providerId}.js`;
}

const SCRIPT_ID_PREFIX = 'omnifolio-capture-';

/**
 * Keeps the capture content scripts registered for exactly the hostnames the person granted.
 * Nothing is declared in the manifest's `content_scripts`: that would grant the hosts at
 * install. Called at start and whenever permissions or added hostnames change.
 */
export async function registerCaptureScripts(): Promise<string[]> {
  const added = await getAddedHosts();
  const granted = (await browser.permissions.getAll()).origins ?? [];
  const existing = await browser.scripting.getRegisteredContentScripts();
  const ours = existing.filter((s) => s.id.startsWith(SCRIPT_ID_PREFIX)).map((s) => s.id);
  if (ours.length > 0) await browser.scripting.unregisterContentScripts({ ids: ours });
  const registered: string[] = [];
  for (const provider of CAPTURE_PROVIDERS) {
    const matches = hostsOf(provider, added)
      .map(hostPattern)
      .filter((pattern) => granted.includes(pattern));
    if (matches.length === 0) continue;
    await browser.scripting.registerContentScripts([
      { id: `${SCRIPT_ID_PREFIX}${provider.id}`, matches, js: [captureScriptFile(provider.id)], runAt: 'document_idle', persistAcrossSessions: true },
    ]);
    registered.push(...matches);
  }
  return registered;
}
