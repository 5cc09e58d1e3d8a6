import { defineConfig } from 'wxt';

// The companion listens on loopback only; the extension talks to it and nothing else.
export default defineConfig({
  srcDir: 'src',
  modules: ['@wxt-dev/module-react'],
  // Explicit imports everywhere: code reads the same inside and outside WXT (tests, e2e).
  imports: false,
  manifest: ({ browser }) => ({
    name: 'Omnifolio',
    description: 'Your whole wealth in one truthful number, computed on your own machine.',
    permissions: ['storage', 'alarms'],
    host_permissions: ['http://127.0.0.1/*', 'http://localhost/*'],
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
