import browser from 'webextension-polyfill';
import type { CaptureProviderId } from './capture-provider';
import type { AddedHosts } from './providers';

/**
 * Hostnames the person added because a provider moved its web app. Stored per provider in
 * extension storage; each one still needs the person's grant (an optional host permission)
 * before the capture runs there.
 */
export const CAPTURE_HOSTS_KEY = 'captureAddedHosts';

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

/** A bare hostname from what the person typed (a URL is accepted); null when it is none. */
export function parseHostname(input: string): string | null {
  const trimmed = input.trim().toLowerCase();
  if (trimmed === '') return null;
  let host = trimmed;
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(trimmed)) {
    try {
      const url = new URL(trimmed);
      if (url.protocol !== 'https:') return null;
      host = url.hostname;
    } catch {
      return null;
    }
  }
  host = host.replace(/\/.*$/, '');
  return HOSTNAME.test(host) && !/^[0-9.]+$/.test(host) ? host : null;
}

export async function getAddedHosts(): Promise<AddedHosts> {
  const stored = (await browser.storage.local.get(CAPTURE_HOSTS_KEY))[CAPTURE_HOSTS_KEY];
  if (typeof stored !== 'object' || stored === null) return {};
  const result: AddedHosts = {};
  for (const [id, hosts] of Object.entries(stored as Record<string, unknown>)) {
    if (Array.isArray(hosts)) result[id as CaptureProviderId] = hosts.filter((h): h is string => typeof h === 'string' && parseHostname(h) === h);
  }
  return result;
}

export async function addHost(providerId: CaptureProviderId, host: string): Promise<void> {
  const added = await getAddedHosts();
  const hosts = new Set(added[providerId] ?? []);
  hosts.add(host);
  await browser.storage.local.set({ [CAPTURE_HOSTS_KEY]: { ...added, [providerId]: [...hosts] } });
}

export async function removeHost(providerId: CaptureProviderId, host: string): Promise<void> {
  const added = await getAddedHosts();
  await browser.storage.local.set({ [CAPTURE_HOSTS_KEY]: { ...added, [providerId]: (added[providerId] ?? []).filter((h) => h !== host) } });
}
