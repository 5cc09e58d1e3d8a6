import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  // WxtVitest resolves WXT's config and aliases, and installs `fakeBrowser` as the global
  // `browser`/`chrome`, which webextension-polyfill then uses as is.
  plugins: [WxtVitest()],
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
  },
});
