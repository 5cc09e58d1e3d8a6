import browser from 'webextension-polyfill';
import { companionBaseUrl, createCompanionClient } from './companion-client';
import { ProblemError } from './companion-error';
import { DASHBOARD_PATH } from './constants';
import type { EnvironmentChange, ExtensionEnvironment } from './environment';
import { extensionSchwabSignIn } from './extension-schwab-sign-in';
import type { CompanionAccess } from './probe';
import { clearPairing, extensionPreferences, getPairing, getPort, STORAGE_KEYS, savePairing, savePort, watchSettings } from './settings';
import { createWalletsClient } from './wallets-client';

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
    // The page lives on the companion's origin, where the extension's token does not reach:
    // a one-time link signs that tab in (routes/session.ts), as `pnpm omnifolio open` does.
    openWalletConnect: async () => {
      const pairing = await getPairing();
      if (pairing === null) {
        throw new ProblemError({
          code: 'not_paired',
          message: 'The extension is not paired with the companion yet.',
          hints: ['Pair it under Pairing on the options page, then connect the wallet.'],
        });
      }
      const client = createWalletsClient({ baseUrl: companionBaseUrl(pairing.port), auth: { kind: 'token', token: pairing.token } });
      const { url } = await client.connectPageUrl();
      await browser.tabs.create({ url });
    },
    schwab: extensionSchwabSignIn,
    pairing: { getPairing, savePairing, clearPairing, getPort, savePort },
    tokenLabel: `Omnifolio extension (${browserName})`,
  };
}
