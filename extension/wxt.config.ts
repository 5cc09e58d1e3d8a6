import { defineConfig } from 'wxt';
import { withPopupChunk } from './build/popup-chunk';
import { PREACT_COMPAT } from './build/preact-compat';
import { captureHostPermissions } from './src/capture/capture-host-permissions';

// The companion listens on loopback only; the extension talks to it and nothing else.
export default defineConfig({
  srcDir: 'src',
  modules: ['@wxt-dev/module-react'],
  // Explicit imports everywhere: code reads the same inside and outside WXT (tests, e2e).
  imports: false,
  // React's API on Preact (build/preact-compat.ts): a popup that starts from scratch at every click.
  vite: () => ({ resolve: { alias: PREACT_COMPAT } }),
  hooks: {
    'vite:build:extendConfig': (entrypoints, config) => {
      if (entrypoints.some((e) => e.type === 'popup')) withPopupChunk(config);
    },
  },
  manifest: ({ browser }) => ({
    name: 'Omnifolio',
    description: 'Your whole wealth in one truthful number, computed on your own machine.',
    // activeTab: the popup reads the URL of the tab it was opened on (is it a provider's web app?).
    permissions: ['storage', 'alarms', 'scripting', 'activeTab'],
    host_permissions: ['http://127.0.0.1/*', 'http://localhost/*'],
    // Statement capture: asked for at first use, per hostname, never at install (docs/capture.md).
    // Firefox builds are MV2, where optional hosts are listed in `optional_permissions`.
    ...(browser === 'firefox' ? { optional_permissions: captureHostPermissions() } : { optional_host_permissions: captureHostPermissions() }),
    action: { default_title: 'Omnifolio' },
    // AbortSignal.any (request timeouts in lib/companion-client.ts): Chrome 116, Firefox 124.
    minimum_chrome_version: '116',
    ...(browser === 'firefox'
      ? {
          // Nothing leaves this computer, which Firefox asks new add-ons to declare.
          browser_specific_settings: {
            gecko: { id: 'omnifolio@omnifolio.local', strict_min_version: '124.0', data_collection_permissions: { required: ['none'] } },
          },
        }
      : {}),
  }),
});
