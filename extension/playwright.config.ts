import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests: the built extension in Debian's Chromium (never a downloaded browser),
 * against the real companion and its provider simulators, spawned by the tests.
 */
export default defineConfig({
  testDir: './e2e',
  globalSetup: './e2e/global-setup.ts',
  // One browser with an extension at a time: the machines have two cores.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  outputDir: 'test-results/artifacts',
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
});
