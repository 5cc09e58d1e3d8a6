import { defineConfig } from 'wxt';

// The companion listens on loopback only; the extension talks to it and nothing else.
export default defineConfig({
  srcDir: 'src',
  modules: ['@wxt-dev/module-react'],
  manifest: {
    name: 'Omnifolio',
    description: 'Your whole wealth in one truthful number, computed on your own machine.',
    permissions: ['storage', 'alarms'],
    host_permissions: ['http://127.0.0.1/*', 'http://localhost/*'],
  },
});
