import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Companion, type Simulators, startCompanion, startSimulators } from './companion';
import { displayed, expectedTotals } from './expected-totals';
import { badge, expect, freePort, openPopup, test } from './fixtures';
import { RESULTS_DIR } from './paths';

/**
 * The whole path a person takes: pair the extension with a running companion, add a Binance
 * connection (the simulator, with real request signing), sync, and read the total, which must
 * equal, to the last digit, the total computed here from the simulator's own data files.
 */
test('pair, add Binance, sync, and see the exact total in the popup, the dashboard and the companion’s page', async ({
  context,
  serviceWorker,
  extensionId,
}) => {
  test.setTimeout(240_000);
  const expected = expectedTotals();
  expect(expected.unpriced).toEqual(['SRM']);

  const dataDir = mkdtempSync(join(tmpdir(), 'omnifolio-e2e-'));
  let simulators: Simulators | null = null;
  let companion: Companion | null = null;
  try {
    simulators = await startSimulators();
    companion = await startCompanion({ port: await freePort(), dataDir, providerUrls: simulators.urls });
    const { port, pairingCode, dashboardUrl } = companion;

    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);

    await test.step('a wrong pairing code is refused in the companion’s words', async () => {
      await options.getByTestId('pair-port').fill(String(port));
      await options.getByTestId('pair-code').fill('AAAA-AAAA');
      await options.getByTestId('pair-submit').click();
      await expect(options.getByTestId('form-error')).toContainText('That pairing code is not right.');
    });

    await test.step('before pairing, the popup says "Not paired yet" and offers the options page', async () => {
      const popup = await openPopup(context, extensionId);
      const notPaired = popup.getByTestId('not-paired');
      await expect(notPaired).toBeVisible();
      await expect(notPaired).toContainText('Not paired yet');
      await expect(notPaired.getByRole('button', { name: 'Open options to pair' })).toBeVisible();
      await popup.locator('body').screenshot({ path: join(RESULTS_DIR, 'popup-not-paired.png') });
      await popup.close();
    });

    await test.step('pair with the code the companion printed', async () => {
      await options.getByTestId('pair-code').fill(pairingCode);
      await options.getByTestId('pair-submit').click();
      await expect(options.getByTestId('paired-state')).toContainText(`Paired with the companion at http://127.0.0.1:${port}`);
      await expect(options.getByTestId('paired-state')).toHaveAttribute('data-healthy', 'true');
      await expect.poll(async () => (await badge(serviceWorker)).text, { timeout: 20_000 }).toBe('');
    });

    await test.step('add the Binance connection: test first, then save', async () => {
      await options.getByTestId('provider-select').selectOption('binance');
      for (const [key, value] of Object.entries(simulators?.binanceCredentials ?? {})) {
        await options.getByTestId(`credential-${key}`).fill(value);
      }
      await options.getByTestId('connection-label').fill('Binance main');
      await expect(options.getByTestId('save-connection')).toBeDisabled();
      await options.getByTestId('test-connection').click();
      await expect(options.getByTestId('test-result')).toContainText('The credentials work');
      await expect(options.getByTestId('form-error')).toHaveCount(0);
      await options.getByTestId('save-connection').click();
      await expect(options.getByTestId('form-saved')).toContainText('Binance main is saved');
      await expect(options.getByTestId('connection-row').filter({ hasText: 'Binance main' })).toBeVisible();
      await expect(options.getByTestId('connection-row').filter({ hasText: 'Binance main' })).toHaveAttribute('data-status', 'ok', { timeout: 60_000 });
      await options.screenshot({ path: join(RESULTS_DIR, 'options.png'), fullPage: true });
    });

    const popup = await openPopup(context, extensionId);
    const total = popup.getByTestId('total-value');

    await test.step('Sync now, then the popup total equals the independently computed total (USD)', async () => {
      const sync = popup.getByTestId('sync-now');
      await expect(sync).toBeEnabled({ timeout: 30_000 });
      await sync.click();
      await expect(sync).toHaveAttribute('data-state', 'idle', { timeout: 120_000 });
      await expect(popup.getByTestId('sync-error')).toHaveCount(0);
      await expect(total).toHaveAttribute('data-currency', 'USD');
      await expect(total).toHaveAttribute('data-value', expected.usd);
      await expect(total).toHaveText(displayed(expected.usd, 'USD'));
      const row = popup.getByTestId('connection-row').filter({ hasText: 'Binance main' });
      await expect(row).toHaveAttribute('data-status', 'ok');
      await expect(row).toContainText('Up to date');
      // The popup shows the five largest holdings; the full dashboard shows all.
      await expect(popup.getByTestId('holding-row')).toHaveCount(Math.min(5, expected.priced.length + expected.unpriced.length));
      await expect(popup.getByTestId('unpriced-note')).toContainText('SRM');
    });

    await test.step('toggle to CHF: the exact CHF total', async () => {
      await popup.getByTestId('currency-toggle').click();
      await expect(total).toHaveAttribute('data-currency', 'CHF');
      await expect(total).toHaveAttribute('data-value', expected.chf);
      await expect(total).toHaveText(displayed(expected.chf, 'CHF'));
      await popup.locator('body').screenshot({ path: join(RESULTS_DIR, 'popup.png') });
    });

    await test.step('the full dashboard in the extension shows the same total, all holdings, SRM unpriced', async () => {
      const href = await popup.getByTestId('open-dashboard').getAttribute('href');
      expect(href).toBe(`chrome-extension://${extensionId}/dashboard.html`);
      const dashboard = await context.newPage();
      await dashboard.goto(href ?? '');
      await expect(dashboard.getByTestId('total-value')).toHaveAttribute('data-value', expected.chf);
      await expect(dashboard.getByTestId('holding-row')).toHaveCount(expected.priced.length + expected.unpriced.length);
      const srm = dashboard.getByTestId('holding-row').filter({ hasText: 'SRM' });
      await expect(srm).toHaveAttribute('data-priced', 'false');
      await expect(srm).toContainText('unpriced');
      await dashboard.close();
    });

    await test.step('the companion’s own page, opened from its one-time link, shows the same total', async () => {
      const page = await context.newPage();
      await page.setViewportSize({ width: 1200, height: 900 });
      await page.goto(dashboardUrl);
      await page.waitForURL(`http://127.0.0.1:${port}/`);
      const pageTotal = page.getByTestId('total-value');
      await expect(pageTotal).toHaveAttribute('data-currency', 'USD');
      await expect(pageTotal).toHaveAttribute('data-value', expected.usd);
      await expect(pageTotal).toHaveText(displayed(expected.usd, 'USD'));
      await page.getByTestId('currency-toggle').click();
      await expect(pageTotal).toHaveAttribute('data-value', expected.chf);
      await expect(page.getByTestId('holding-row').filter({ hasText: 'SRM' })).toContainText('unpriced');
      await page.screenshot({ path: join(RESULTS_DIR, 'companion-page.png'), fullPage: true });
      await page.close();
    });

    await test.step('with the companion stopped, the popup says so and keeps the last numbers, its PnL and curve too', async () => {
      // What the popup showed in CHF: the month's PnL and the month's curve, once they arrived.
      const chart = popup.getByTestId('equity-chart');
      await expect(chart).toBeVisible();
      await expect(popup.getByTestId('pnl-1M').locator('.metric__value')).not.toHaveText('—');
      const month = await popup.getByTestId('pnl-1M').textContent();
      const points = await chart.getAttribute('data-points');
      expect(Number(points)).toBeGreaterThan(1);
      await popup.close();

      await companion?.stop();
      const again = await openPopup(context, extensionId);
      await expect(again.getByTestId('companion-down')).toContainText(
        'The Omnifolio companion is not running. Start it with npm start in the Omnifolio folder.',
      );
      await expect(again.getByTestId('total-value')).toHaveAttribute('data-value', expected.chf);
      await expect(again.getByTestId('pnl-1M')).toHaveText(month ?? '');
      await expect(again.getByTestId('equity-chart')).toHaveAttribute('data-points', points ?? '');
      await again.locator('body').screenshot({ path: join(RESULTS_DIR, 'popup-after-stop.png') });
    });

    await test.step('after a restart on the same data folder the pairing still works', async () => {
      companion = await startCompanion({ port, dataDir, providerUrls: simulators?.urls ?? {} });
      const again = await openPopup(context, extensionId);
      await expect(again.getByTestId('companion-down')).toHaveCount(0);
      await expect(again.getByTestId('total-value')).toHaveAttribute('data-value', expected.chf);
      await again.close();
    });

    await test.step('removing the connection asks first, then the popup has nothing to add up', async () => {
      const row = options.getByTestId('connection-row').filter({ hasText: 'Binance main' });
      await row.getByTestId('remove-connection').click();
      await expect(row).toContainText('Remove “Binance main” and its data?');
      await row.getByTestId('remove-connection-confirm').click();
      await expect(options.getByTestId('connection-row')).toHaveCount(0);
      const empty = await openPopup(context, extensionId);
      await expect(empty.getByTestId('empty-portfolio')).toContainText('No connections yet');
      await expect(empty.getByTestId('holding-row')).toHaveCount(0);
      await empty.close();
    });

    await test.step('stop the companion again', async () => {
      await companion?.stop();
    });

    await test.step('unpairing while the companion is stopped forgets the token and says it was not revoked', async () => {
      await options.reload();
      await expect(options.getByTestId('paired-state')).toContainText('The Omnifolio companion is not running');
      await options.getByTestId('unpair').click();
      await options.getByTestId('unpair-confirm').click();
      await expect(options.getByTestId('pair-code')).toBeVisible();
      await expect(options.getByText('Unpaired here, but the companion was not running, so it still accepts the old token.')).toBeVisible();
      await expect.poll(async () => (await badge(serviceWorker)).text, { timeout: 20_000 }).toBe('off');
    });
  } finally {
    await companion?.stop();
    await simulators?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
