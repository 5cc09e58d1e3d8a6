import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import { PREACT_COMPAT } from './build/preact-compat';

export default defineConfig({
  // WxtVitest resolves WXT's config and aliases, and installs `fakeBrowser` as the global
  // `browser`/`chrome`, which webextension-polyfill then uses as is.
  plugins: [WxtVitest()],
  // The same React-on-Preact as the build (build/preact-compat.ts): the tests run what ships.
  resolve: { alias: PREACT_COMPAT },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
  },
});
