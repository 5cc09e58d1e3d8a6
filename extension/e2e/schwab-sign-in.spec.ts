import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allowSiteInChromeSettings, pair } from './capture-support';
import { type Companion, type Simulators, startCompanion, startSimulators } from './companion';
import { expect, freePort, readExtensionStorage, test } from './fixtures';

/**
 * Schwab's sign-in as a person goes through it, in real Chromium against the Schwab simulator:
 * the options page's “Authorize with Schwab” opens Schwab's login in a tab, the person allows
 * access, Schwab redirects to the registered callback `https://127.0.0.1:8182` (where nothing
 * listens), and the background worker picks the code up from that tab, hands it to the
 * companion and closes the tab; the connection is added and syncs.
 */
test('Authorize with Schwab: login tab, callback caught by the extension, connection added and synced', async ({ context, serviceWorker, extensionId }) => {
  test.setTimeout(300_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'omnifolio-e2e-schwab-'));
  let simulators: Simulators | null = null;
  let companion: Companion | null = null;
  try {
    simulators = await startSimulators();
    companion = await startCompanion({ port: await freePort(), dataDir, providerUrls: simulators.allUrls });
    const app = simulators.connections.find((c) => c.providerId === 'schwab');
    if (app === undefined) throw new Error('The demo environment holds no Schwab customer.');
    // Headless Chromium shows no permission prompt: grant the callback host as a person would in Chrome's settings.
    await allowSiteInChromeSettings(context, extensionId, '127.0.0.1');

    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await pair(options, companion.port, companion.pairingCode);
    await options.getByTestId('provider-select').selectOption('schwab');
    await options.getByTestId('connection-label').fill('Schwab');
    await options.getByTestId('credential-appKey').fill(app.credentials.appKey ?? '');
    await options.getByTestId('credential-appSecret').fill(app.credentials.appSecret ?? '');

    const schwabTab = context.waitForEvent('page');
    await options.getByTestId('schwab-authorize-start').click();
    const tab = await schwabTab;
    await tab.waitForURL(/\/v1\/oauth\/authorize\?client_id=/);
    await expect(tab.getByRole('heading', { name: 'Charles Schwab (simulated)' })).toBeVisible();
    await tab.getByRole('button', { name: 'Allow' }).click();

    await expect(options.getByTestId('schwab-done')).toHaveText('Schwab is authorized and syncing now.', { timeout: 60_000 });
    await expect.poll(() => tab.isClosed(), { timeout: 15_000 }).toBe(true);

    const pairing = (await readExtensionStorage(serviceWorker, 'pairing')) as { token: string };
    type Listed = { label: string; providerId: string; status: string; lastError: { message: string } | null };
    const listed = async () => {
      const response = await fetch(`http://127.0.0.1:${companion?.port}/api/connections`, { headers: { authorization: `Bearer ${pairing.token}` } });
      return ((await response.json()) as Listed[]).find((c) => c.providerId === 'schwab');
    };
    await expect.poll(async () => (await listed())?.status, { timeout: 120_000, intervals: [500] }).toBe('ok');
    // The options page lists it with its sign-in, ready for next week's Re-authorize.
    const row = options.getByTestId('connection-row').filter({ hasText: 'Schwab' });
    await expect(row.getByTestId('schwab-reauthorize')).toBeVisible({ timeout: 30_000 });
  } catch (error) {
    writeFileSync(test.info().outputPath('companion.log'), companion?.output() ?? '(not started)');
    writeFileSync(test.info().outputPath('simulators.log'), simulators?.output() ?? '(not started)');
    throw error;
  } finally {
    await companion?.stop();
    await simulators?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
