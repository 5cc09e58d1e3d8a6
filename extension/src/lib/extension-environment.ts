import browser from 'webextension-polyfill';
import { companionBaseUrl, createCompanionClient } from './companion-client';
import { DASHBOARD_PATH } from './constants';
import type { EnvironmentChange, ExtensionEnvironment } from './environment';
import type { CompanionAccess } from './probe';
import { clearPairing, extensionPreferences, getPairing, getPort, STORAGE_KEYS, savePairing, savePort, watchSettings } from './settings';

/** The companion as the extension reaches it: on 127.0.0.1 with the token from pairing. */
export async function extensionAccess(): Promise<CompanionAccess> {
  const pairing = await getPairing();
  const baseUrl = companionBaseUrl(pairing?.port ?? (await getPort()));
  return {
    baseUrl,
    paired: pairing !== null,
    client: createCompanionClient({
      baseUrl,
      auth: pairing ? { kind: 'token', token: pairing.token } : { kind: 'none' },
    }),
  };
}

export function createExtensionEnvironment(options: { dashboard?: boolean } = {}): ExtensionEnvironment {
  const browserName = import.meta.env.FIREFOX ? 'Firefox' : 'Chrome';
  return {
    mode: 'extension',
    access: extensionAccess,
    preferences: extensionPreferences,
    subscribe(listener: (change: EnvironmentChange) => void) {
      return watchSettings((keys) => {
        if (keys.includes(STORAGE_KEYS.pairing) || keys.includes(STORAGE_KEYS.port)) listener('access');
        else if (keys.includes(STORAGE_KEYS.overview)) listener('overview');
      });
    },
    openOptions: () => void browser.runtime.openOptionsPage(),
    dashboardUrl: options.dashboard ? null : browser.runtime.getURL(DASHBOARD_PATH),
    pairing: { getPairing, savePairing, clearPairing, getPort, savePort },
    tokenLabel: `Omnifolio extension (${browserName})`,
  };
}
