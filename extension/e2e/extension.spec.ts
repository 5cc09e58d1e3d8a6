import { type AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import { badge, expect, freePort, openPopup, readExtensionStorage, setExtensionStorage, test } from './fixtures';
import { RESULTS_DIR } from './paths';

/**
 * The extension on its own, with no companion running: it loads, says plainly that the
 * companion is not running, and shows the last numbers it had.
 */

const cachedOverview = {
  overview: {
    asOf: '2025-03-01T12:00:05.000Z',
    total: { usd: '15549.219722831660715251656608', chf: '13974.083764963221340188253952' },
    pricing: { source: 'coingecko', asOf: '2025-03-01T12:00:00.000Z', stale: false },
    connections: [
      {
        id: 'c1',
        label: 'Binance main',
        kind: 'exchange',
        providerId: 'binance',
        demo: false,
        status: 'ok',
        value: { usd: '15549.219722831660715251656608', chf: '13974.083764963221340188253952' },
        unpricedCount: 1,
        lastSync: null,
        lastSuccessAt: '2025-03-01T12:00:03.000Z',
        lastError: null,
        warnings: [],
      },
    ],
    holdings: [
      {
        assetId: 'btc',
        symbol: 'BTC',
        name: 'Bitcoin',
        quantity: '0.00328947',
        priceUsd: '67187.3358',
        value: { usd: '221.010745689426', chf: '198.623458462289' },
        sources: [{ connectionId: 'c1', label: 'Binance main', quantity: '0.00328947' }],
      },
      {
        assetId: 'srm',
        symbol: 'SRM',
        name: null,
        quantity: '12.4',
        priceUsd: null,
        value: null,
        sources: [{ connectionId: 'c1', label: 'Binance main', quantity: '12.4' }],
      },
    ],
    unpriced: [{ assetId: 'srm', symbol: 'SRM', quantity: '12.4' }],
  },
  fetchedAt: '2025-03-01T12:00:06.000Z',
};

test('with the companion stopped, the badge says "off" and the popup says how to start it', async ({ context, serviceWorker, extensionId }) => {
  const port = await freePort();
  await setExtensionStorage(serviceWorker, { companionPort: port });
  await expect.poll(async () => (await badge(serviceWorker)).text).toBe('off');
  expect((await badge(serviceWorker)).title).toBe('Omnifolio: The Omnifolio companion is not running. Start it with `npm start` in the Omnifolio folder.');

  const popup = await openPopup(context, extensionId);
  const down = popup.getByTestId('companion-down');
  await expect(down).toBeVisible();
  await expect(down).toContainText('The Omnifolio companion is not running. Start it with npm start in the Omnifolio folder.');
  await expect(down).toContainText(`The extension looks for it at http://127.0.0.1:${port}.`);
  await expect(popup.getByTestId('total-value')).toHaveCount(0);
  await expect(popup.getByTestId('sync-now')).toBeDisabled();
  await popup.locator('body').screenshot({ path: join(RESULTS_DIR, 'popup-companion-down.png') });

  // "Check again" asks again and keeps saying the same thing while nothing answers.
  await down.getByRole('button', { name: 'Check again' }).click();
  await expect(popup.getByTestId('companion-down')).toBeVisible();
});

test('the popup opens with the last numbers it had, marked as old, and remembers the currency', async ({ context, serviceWorker, extensionId }) => {
  const port = await freePort();
  await setExtensionStorage(serviceWorker, {
    pairing: { port, token: 'not-a-real-token', tokenId: 'tok_1' },
    lastOverview: cachedOverview,
  });
  const popup = await openPopup(context, extensionId);
  const total = popup.getByTestId('total-value');
  await expect(total).toHaveAttribute('data-value', '15549.219722831660715251656608');
  await expect(total).toHaveAttribute('data-currency', 'USD');
  await expect(total).toHaveText('$15,549.22');
  await expect(popup.getByTestId('companion-down')).toBeVisible();
  await expect(popup.getByText(/Last known value, received/)).toBeVisible();
  // Nothing remembered of the curve, and no companion to ask: not "Loading…" for ever.
  await expect(popup.getByTestId('equity-chart-empty')).toHaveText('The curve shows when the companion answers.');

  const srm = popup.getByTestId('holding-row').filter({ hasText: 'SRM' });
  await expect(srm).toContainText('unpriced');
  await expect(srm).not.toContainText('$0.00');
  await expect(popup.getByTestId('unpriced-note')).toContainText('12.4 SRM');
  await popup.locator('body').screenshot({ path: join(RESULTS_DIR, 'popup-cached.png') });
  await popup.emulateMedia({ colorScheme: 'dark' });
  await popup.locator('body').screenshot({ path: join(RESULTS_DIR, 'popup-cached-dark.png') });
  await popup.emulateMedia({ colorScheme: 'light' });

  await popup.getByTestId('currency-toggle').click();
  await expect(total).toHaveAttribute('data-currency', 'CHF');
  await expect(total).toHaveAttribute('data-value', '13974.083764963221340188253952');
  await expect(total).toHaveText('CHF 13,974.08');
  await expect.poll(() => readExtensionStorage(serviceWorker, 'currency')).toBe('CHF');

  const again = await openPopup(context, extensionId);
  await expect(again.getByTestId('total-value')).toHaveAttribute('data-currency', 'CHF');
  await expect(again.getByTestId('total-value')).toHaveText('CHF 13,974.08');
  // Read by popup-early-read.js while the popup's modules loaded (src/lib/early-read.ts).
  expect(await again.evaluate(() => (performance.getEntriesByName('omnifolio:remembered')[0] as PerformanceMark | undefined)?.detail)).toBe('early read');
});

test('the popup paints its summary alone, then draws the curve and the holdings below it', async ({ context, serviceWorker, extensionId }) => {
  // A companion that takes the connection and never answers: the popup shows its cache and no
  // notice comes above the total while the test looks.
  const silent = createServer(() => undefined);
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const { port } = silent.address() as AddressInfo;
  await setExtensionStorage(serviceWorker, { pairing: { port, token: 'not-a-real-token', tokenId: 'tok_1' }, lastOverview: cachedOverview });
  // Notes the start of the frame that first paints the total (where it stood), and when the
  // curve's panel entered the page: causes, not durations, so the order holds on any machine.
  await context.addInitScript(() => {
    const seen = window as unknown as { summaryFrame?: number; summaryTop?: number; restInserted?: number };
    new MutationObserver(() => {
      const total = document.querySelector('[data-testid="total-value"]');
      if (total !== null && seen.summaryFrame === undefined) {
        seen.summaryFrame = -1;
        requestAnimationFrame(() => {
          seen.summaryFrame = performance.now();
          seen.summaryTop = total.getBoundingClientRect().top;
        });
      }
      if (document.getElementById('curve-heading') !== null) seen.restInserted ??= performance.now();
    }).observe(document, { childList: true, subtree: true });
  });
  const popup = await openPopup(context, extensionId);
  await expect(popup.getByTestId('holding-row').filter({ hasText: 'BTC' })).toBeVisible();
  await expect(popup.getByTestId('equity-chart-empty')).toBeVisible();
  const seen = await popup.evaluate(() => {
    const { summaryFrame, summaryTop, restInserted } = window as unknown as { summaryFrame: number; summaryTop: number; restInserted: number };
    return { summaryFrame, summaryTop, restInserted, topNow: document.querySelector('[data-testid="total-value"]')?.getBoundingClientRect().top };
  });
  expect(seen.summaryFrame).toBeGreaterThan(0);
  // The rest entered after the frame with the total began: that frame painted the summary alone.
  expect(seen.restInserted).toBeGreaterThan(seen.summaryFrame);
  // And it went below: the total did not move.
  expect(seen.topNow).toBe(seen.summaryTop);
  await popup.close();
  silent.close();
});

test('the options page starts with pairing and explains what went wrong in words', async ({ context, extensionId }) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(options.getByTestId('pair-port')).toHaveValue('47821');
  await expect(options.getByTestId('paired-state')).toHaveCount(0);
  await expect(options.getByTestId('provider-select')).toHaveCount(0);

  await options.getByTestId('pair-port').fill('not a port');
  await options.getByTestId('pair-code').fill('ABCD-EFGH');
  await options.getByTestId('pair-submit').click();
  await expect(options.getByTestId('form-error')).toContainText('The port must be a whole number from 1 to 65535.');

  const port = await freePort();
  await options.getByTestId('pair-port').fill(String(port));
  await options.getByTestId('pair-submit').click();
  const error = options.getByTestId('form-error');
  await expect(error).toContainText(`Nothing answers at http://127.0.0.1:${port}.`);
  await expect(error).toContainText('Is the companion running? Start it with npm start in the Omnifolio folder.');
  await expect(options.getByTestId('paired-state')).toHaveCount(0);
});

test('the dashboard page inside the extension shows the same state as the popup', async ({ context, serviceWorker, extensionId }) => {
  await setExtensionStorage(serviceWorker, { companionPort: await freePort() });
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/dashboard.html`);
  await expect(page.getByTestId('companion-down')).toBeVisible();
  await expect(page.getByTestId('open-dashboard')).toHaveCount(0);
});
