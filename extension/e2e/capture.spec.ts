import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allowSiteInChromeSettings, FIXTURE_SITES, openPopupOnTab, pair, routeProviderSite } from './capture-support';
import { type Companion, startCompanion } from './companion';
import { expect, freePort, test } from './fixtures';
import { readFixture } from './fixtures/provider-sites';
import { RESULTS_DIR } from './paths';

interface ChromeInWorker {
  permissions: { getAll(): Promise<{ origins?: string[] }> };
  scripting: { getRegisteredContentScripts(): Promise<{ id: string; matches?: string[] }[]> };
}

/**
 * One-click statement capture in real Chromium: the providers' real hostnames are routed to
 * saved pages of their web apps; the extension is granted one hostname at a time, shows its
 * capture button on the page, asks for consent once per provider, reads the statements and
 * tables with the page's session and hands them to a real companion, which stores and parses them.
 */
test('capture from SwissBorg, Finpension and frankly: consent, capture, what the companion made of it, revoke', async ({
  context,
  serviceWorker,
  extensionId,
}) => {
  test.setTimeout(300_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'omnifolio-capture-e2e-'));
  let companion: Companion | null = null;
  try {
    await test.step('installed without access to any provider site', async () => {
      const origins = (await serviceWorker.evaluate(() => (globalThis as unknown as { chrome: ChromeInWorker }).chrome.permissions.getAll())).origins ?? [];
      expect(origins.sort()).toEqual(['http://127.0.0.1/*', 'http://localhost/*']);
    });

    companion = await startCompanion({ port: await freePort(), dataDir, providerUrls: {} });
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await pair(options, companion.port, companion.pairingCode);
    const statements = options.locator('#statements');
    await expect(statements.getByTestId('capture-site')).toHaveCount(3);

    const requests: string[] = [];
    for (const site of Object.values(FIXTURE_SITES)) await routeProviderSite(context, site, requests);

    await test.step('before access is allowed, the provider page gets no capture button', async () => {
      const page = await context.newPage();
      await page.goto(`https://${FIXTURE_SITES.swissborg.host}${FIXTURE_SITES.swissborg.pagePath}`);
      await expect(page.getByRole('heading', { name: 'Account statement', exact: true })).toBeVisible();
      await page.waitForTimeout(1_000);
      await expect(page.getByTestId('capture-button')).toHaveCount(0);
      await page.close();
    });

    const allow = async (host: string) => {
      await allowSiteInChromeSettings(context, extensionId, host);
      const row = statements.locator(`[data-testid="capture-site"][data-host="${host}"]`);
      await row.getByTestId('capture-site-allow').click();
      await expect(row).toHaveAttribute('data-granted', 'true');
      await expect
        .poll(async () =>
          (await serviceWorker.evaluate(() => (globalThis as unknown as { chrome: ChromeInWorker }).chrome.scripting.getRegisteredContentScripts())).flatMap(
            (s) => s.matches ?? [],
          ),
        )
        .toContain(`https://${host}/*`);
    };

    await test.step('SwissBorg: allow the site, consent once, capture the CSV and XLSX statements and the history grid', async () => {
      await allow(FIXTURE_SITES.swissborg.host);
      const page = await context.newPage();
      await page.goto(`https://${FIXTURE_SITES.swissborg.host}${FIXTURE_SITES.swissborg.pagePath}`);
      await page.getByTestId('capture-button').click();
      const consent = page.getByTestId('capture-consent');
      await expect(consent).toBeVisible();
      await expect(page.getByTestId('capture-consent-text')).toContainText('SwissBorg');
      await expect(page.getByTestId('capture-consent-text')).toContainText('127.0.0.1');
      await page.getByTestId('capture-consent-accept').click();
      const panel = page.getByTestId('capture-panel');
      await expect(panel).toHaveAttribute('data-phase', 'finished', { timeout: 60_000 });
      const items = page.getByTestId('capture-item');
      // Two statement files, the help-centre PDF on another site (skipped), the history grid.
      await expect(items).toHaveCount(4);
      await expect(items.filter({ hasText: 'SwissBorg_Account_statement_2021.csv' })).toHaveAttribute('data-state', 'done');
      await expect(items.filter({ hasText: 'SwissBorg_Account_statement_2021.xlsx' })).toHaveAttribute('data-state', 'done');
      await expect(items.filter({ hasText: 'swissborg-transactions-' })).toHaveAttribute('data-state', 'done');
      await expect(items.filter({ hasText: 'help.swissborg.com' })).toHaveAttribute('data-state', 'skipped');
      // account-statement.csv has 5 rows; its Sell and Buy at the same UTC time are one trade.
      await expect(items.filter({ hasText: 'SwissBorg_Account_statement_2021.csv' }).getByTestId('capture-item-outcome')).toHaveText(/^Parsed: 4 activities/);
      // The history grid's four rows (account-statement.html): a deposit, earnings, and a Sell
      // and Buy of one minute that are one trade; the same movements as the CSV's first rows.
      await expect(items.filter({ hasText: 'swissborg-transactions-' }).getByTestId('capture-item-outcome')).toHaveText(
        /^Parsed: 3 activities, 0 holdings as of 2021-01-01/,
      );
      await page.screenshot({ path: join(RESULTS_DIR, 'capture-swissborg.png') });
      expect(requests).toContain('/api/v2/reports/account-statement?from=2021-01-01&to=2021-12-31&format=csv');
      await page.close();
    });

    await test.step('SwissBorg: the Portfolio screen’s assets become the account’s holdings (no second consent)', async () => {
      const page = await context.newPage();
      await page.goto(`https://${FIXTURE_SITES.swissborg.host}/portfolio`);
      await page.getByTestId('capture-button').click();
      await expect(page.getByTestId('capture-panel')).toHaveAttribute('data-phase', 'finished', { timeout: 60_000 });
      await expect(page.getByTestId('capture-consent')).toHaveCount(0);
      const items = page.getByTestId('capture-item');
      await expect(items).toHaveCount(1);
      // portfolio.html: CHF, BTC, CHSB and GRT held; ETH at 0 is not a holding.
      await expect(items.filter({ hasText: 'swissborg-holdings-' }).getByTestId('capture-item-outcome')).toHaveText(
        /^Parsed: 0 activities, 4 holdings as of \d{4}-\d{2}-\d{2}/,
      );
      await page.close();
    });

    await test.step('Finpension: the Export endpoint and the transactions table', async () => {
      await allow(FIXTURE_SITES.finpension.host);
      const page = await context.newPage();
      await page.goto(`https://${FIXTURE_SITES.finpension.host}${FIXTURE_SITES.finpension.pagePath}`);
      await page.getByTestId('capture-button').click();
      await page.getByTestId('capture-consent-accept').click();
      await expect(page.getByTestId('capture-panel')).toHaveAttribute('data-phase', 'finished', { timeout: 60_000 });
      const items = page.getByTestId('capture-item');
      await expect(items).toHaveCount(2);
      // The export endpoint has no extension; the response's Content-Disposition names it.
      await expect(items.filter({ hasText: 'transactions_3a_portfolio_1.csv' })).toHaveAttribute('data-state', 'done');
      // One activity per row of the report (deposits, buys, sells, interest, fees, dividends).
      const reportRows = readFixture('finpension/transactions-export.csv').toString('utf8').trim().split('\n').length - 1;
      await expect(items.filter({ hasText: 'transactions_3a_portfolio_1.csv' }).getByTestId('capture-item-outcome')).toHaveText(
        new RegExp(`^Parsed: ${reportRows} activities`),
      );
      // transactions.html's three rows, rounded as the page shows them; the export above has
      // them exactly, so they are parsed and kept once (the export's records).
      await expect(items.filter({ hasText: 'finpension-transactions-' }).getByTestId('capture-item-outcome')).toHaveText(
        /^Parsed: 3 activities, 0 holdings as of 2023-11-07/,
      );
      await page.close();
    });

    await test.step('frankly: the mailbox PDFs (advices, one a blob: URL the app built, and the portfolio statement), holdings and transactions tables', async () => {
      await allow(FIXTURE_SITES.frankly.host);
      const page = await context.newPage();
      await page.goto(`https://${FIXTURE_SITES.frankly.host}${FIXTURE_SITES.frankly.pagePath}`);
      await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
      await page.getByTestId('capture-button').click();
      await page.getByTestId('capture-consent-accept').click();
      await expect(page.getByTestId('capture-panel')).toHaveAttribute('data-phase', 'finished', { timeout: 60_000 });
      const items = page.getByTestId('capture-item');
      await expect(items).toHaveCount(5);
      await expect(items.filter({ hasText: 'Abrechnung_Ausgabe_2023-12-28.pdf' })).toHaveAttribute('data-state', 'done');
      // The periodic portfolio statement (modelled, vermoegensausweis-2023.pdf): 12.645 units of
      // the fund and CHF 0.04 on the account, as of 31 Dec 2023.
      await expect(items.filter({ hasText: 'Vermoegensausweis_2023-12-31.pdf' }).getByTestId('capture-item-outcome')).toHaveText(
        /^Parsed: 0 activities, 2 holdings as of 2023-12-31/,
      );
      await expect(items.filter({ hasText: 'Ausschuettung.pdf' })).toHaveAttribute('data-state', 'done');
      // briefkasten.html: one fund position («Deine Anlagen»); a deposit and the purchase of
      // Kauf05 («Transaktionen»), the purchase being the advice's own record.
      await expect(items.filter({ hasText: 'frankly-holdings-' }).getByTestId('capture-item-outcome')).toHaveText(/^Parsed: 0 activities, 1 holding as of /);
      await expect(items.filter({ hasText: 'frankly-transactions-' }).getByTestId('capture-item-outcome')).toHaveText(
        /^Parsed: 2 activities, 0 holdings as of 2023-12-28/,
      );
      // Kauf05: one fund purchase (0.645 units, CHF 99.96); Dividende01: one distribution
      // (their .expected.json: countBuySell 1, countAccountTransactions 1), through the PDF path.
      await expect(items.filter({ hasText: 'Abrechnung_Ausgabe_2023-12-28.pdf' }).getByTestId('capture-item-outcome')).toHaveText(
        /^Parsed: 1 activity,.* as of 2023-12-28/,
      );
      await expect(items.filter({ hasText: 'Ausschuettung.pdf' }).getByTestId('capture-item-outcome')).toHaveText(/^Parsed: 1 activity,/);
      await page.screenshot({ path: join(RESULTS_DIR, 'capture-frankly.png') });
      await page.close();
    });

    await test.step('the options page lists every document with the companion’s verdict, and the three agreements', async () => {
      await statements.getByTestId('statements-reload').click();
      await expect(statements.getByTestId('document-row')).toHaveCount(11);
      for (const row of await statements.getByTestId('document-row').all()) {
        await expect(row.getByTestId('document-outcome')).toHaveText(/^(Parsed|Failed|Not recognized|Stored)/);
      }
      await expect(statements.getByTestId('consent-row')).toHaveCount(3);
      await options.screenshot({ path: join(RESULTS_DIR, 'capture-options.png'), fullPage: true });
    });

    await test.step('the dashboard shows what the companion made of the captured statements', async () => {
      const dashboard = await context.newPage();
      await dashboard.goto(`chrome-extension://${extensionId}/dashboard.html`);
      // Each parsed statement became an account of its own, named after the statement.
      await expect(dashboard.getByText('SwissBorg account statement').first()).toBeVisible();
      await expect(dashboard.getByText('Finpension transaction report').first()).toBeVisible();
      // Holdings per provider, filtered by platform (quantities; no price source runs here):
      // SwissBorg's from its Portfolio screen (portfolio.html), frankly's fund from «Deine
      // Anlagen» (briefkasten.html), and Finpension's cash: the report's running balance after
      // its newest row (2023-11-07, Balance 200.988502 in transactions-export.csv).
      const platform = dashboard.getByTestId('holdings-platform');
      const rows = dashboard.getByTestId('holding-row');
      const held: [string, [string, string][]][] = [
        [
          'SwissBorg account statement',
          [
            ['BTC', '0.5'],
            ['CHF', '99,900'],
            ['CHSB', '300'],
            ['GRT', '99'],
          ],
        ],
        ['Frankly / Zürcher Kantonalbank advices', [['CH0512157782', '0.645']]],
        ['Finpension transaction report', [['CHF', '200.988502']]],
      ];
      for (const [label, expected] of held) {
        await platform.selectOption(label);
        await expect
          .poll(async () =>
            (await rows.evaluateAll((r) => r.map((e) => [e.getAttribute('data-symbol'), e.querySelector('td')?.textContent ?? '']))).sort((a, b) =>
              String(a[0]).localeCompare(String(b[0])),
            ),
          )
          .toEqual(expected);
      }
      await platform.selectOption('');
      // Activities: the value curve starts at the oldest captured activity (SwissBorg's
      // deposit and exchange of 1 Jan 2021), not at the first capture.
      await expect(dashboard.getByTestId('equity-chart')).toHaveAttribute('aria-label', /^Portfolio value from Jan 1, 2021 /);
      // And listed, newest first: Finpension's newest row is the interest of 2023-11-07, +0.45 CHF
      // (transactions-export.csv); SwissBorg's deposits are among its captured activities.
      const activity = dashboard.getByTestId('activity');
      await activity.getByTestId('activity-platform').selectOption('Finpension transaction report');
      const newest = activity.getByTestId('activity-row').first();
      await expect(newest).toHaveAttribute('data-type', 'interest');
      await expect(newest).toHaveAttribute('data-change', '0.45');
      await expect(newest).toContainText('+0.45 CHF');
      await activity.getByTestId('activity-platform').selectOption('SwissBorg account statement');
      await activity.getByTestId('activity-type').selectOption('deposit');
      await expect(activity.getByTestId('activity-row').first()).toHaveAttribute('data-type', 'deposit');
      expect(await activity.getByTestId('activity-row').evaluateAll((rows) => rows.every((r) => r.getAttribute('data-type') === 'deposit'))).toBe(true);
      await dashboard.screenshot({ path: join(RESULTS_DIR, 'capture-dashboard.png'), fullPage: true });
      await dashboard.close();
    });

    await test.step('capturing again needs no new consent and stores nothing twice', async () => {
      const page = await context.newPage();
      await page.goto(`https://${FIXTURE_SITES.finpension.host}${FIXTURE_SITES.finpension.pagePath}`);
      await page.getByTestId('capture-button').click();
      await expect(page.getByTestId('capture-panel')).toHaveAttribute('data-phase', 'finished', { timeout: 60_000 });
      await expect(page.getByTestId('capture-consent')).toHaveCount(0);
      await expect(page.getByTestId('capture-item-outcome').first()).toContainText('already captured before');
      await page.close();
      await statements.getByTestId('statements-reload').click();
      await expect(statements.getByTestId('document-row')).toHaveCount(11);
    });

    await test.step('after revoking Finpension’s agreement, capture asks again, and declining reads nothing', async () => {
      const row = statements.getByTestId('consent-row').filter({ hasText: 'Finpension' });
      await row.getByTestId('consent-revoke').click();
      await row.getByRole('button', { name: 'Revoke' }).last().click();
      await expect(row).toHaveAttribute('data-revoked', 'true');
      const before = requests.length;
      const page = await context.newPage();
      await page.goto(`https://${FIXTURE_SITES.finpension.host}${FIXTURE_SITES.finpension.pagePath}`);
      await page.getByTestId('capture-button').click();
      await expect(page.getByTestId('capture-consent')).toBeVisible();
      await page.getByTestId('capture-consent-decline').click();
      await expect(page.getByTestId('capture-panel')).toHaveAttribute('data-phase', 'declined');
      // Only the page itself was loaded: no export was fetched.
      expect(requests.slice(before)).toEqual([FIXTURE_SITES.finpension.pagePath]);
      await page.close();
    });
    await test.step('SwissBorg moved: add the new hostname, allow it, and capture there (a new site means a new agreement)', async () => {
      const moved = { ...FIXTURE_SITES.swissborg, host: 'web.swissborg.com' };
      await routeProviderSite(context, moved);
      await allowSiteInChromeSettings(context, extensionId, moved.host);
      await statements.getByTestId('capture-add-host-provider').selectOption('swissborg');
      await statements.getByTestId('capture-add-host-input').fill('https://web.swissborg.com/profile/account-statement');
      await statements.getByRole('button', { name: 'Add hostname' }).click();
      const row = statements.locator('[data-testid="capture-site"][data-host="web.swissborg.com"]');
      await expect(row).toContainText('added by you');
      await expect(row).toHaveAttribute('data-granted', 'true');
      const page = await context.newPage();
      await page.goto(`https://${moved.host}${moved.pagePath}`);
      await page.getByTestId('capture-button').click();
      await expect(page.getByTestId('capture-consent-text')).toContainText('web.swissborg.com');
      await page.getByTestId('capture-consent-accept').click();
      await expect(page.getByTestId('capture-panel')).toHaveAttribute('data-phase', 'finished', { timeout: 60_000 });
      await expect(page.getByTestId('capture-item').filter({ hasText: 'SwissBorg_Account_statement_2021.csv' })).toHaveAttribute('data-state', 'done');
      await page.close();
    });
    await test.step('withdrawing access to Finpension removes its capture script: the next visit has no button', async () => {
      const row = statements.locator(`[data-testid="capture-site"][data-host="${FIXTURE_SITES.finpension.host}"]`);
      await row.getByTestId('capture-site-revoke').click();
      await expect(row).toHaveAttribute('data-granted', 'false');
      await expect
        .poll(async () =>
          (await serviceWorker.evaluate(() => (globalThis as unknown as { chrome: ChromeInWorker }).chrome.scripting.getRegisteredContentScripts())).flatMap(
            (s) => s.matches ?? [],
          ),
        )
        .not.toContain(`https://${FIXTURE_SITES.finpension.host}/*`);
      const page = await context.newPage();
      await page.goto(`https://${FIXTURE_SITES.finpension.host}${FIXTURE_SITES.finpension.pagePath}`);
      await expect(page.locator('table')).toBeVisible();
      await page.waitForTimeout(1_000);
      await expect(page.getByTestId('capture-button')).toHaveCount(0);
      await page.close();
    });
  } finally {
    await companion?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('the popup’s “Capture from this tab” on Finpension runs the capture on the page', async ({ context, extensionId }) => {
  test.setTimeout(180_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'omnifolio-capture-popup-e2e-'));
  let companion: Companion | null = null;
  try {
    companion = await startCompanion({ port: await freePort(), dataDir, providerUrls: {} });
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await pair(options, companion.port, companion.pairingCode);
    await routeProviderSite(context, FIXTURE_SITES.finpension);
    await allowSiteInChromeSettings(context, extensionId, FIXTURE_SITES.finpension.host);

    const pageUrl = `https://${FIXTURE_SITES.finpension.host}${FIXTURE_SITES.finpension.pagePath}`;
    const page = await context.newPage();
    await page.goto(pageUrl);
    // The extension has not asked for the site yet: no capture button on the page.
    await expect(page.getByTestId('capture-button')).toHaveCount(0);

    const popup = await openPopupOnTab(context, extensionId, pageUrl);
    const offerText = () => popup.evaluate<string | null>(`document.querySelector('[data-testid="capture-from-tab"]')?.textContent ?? null`);
    await expect.poll(offerText).toContain('Finpension');
    // The permission request needs the person's click: a user gesture in the popup.
    await popup.evaluate(`[...document.querySelectorAll('button')].find((b) => b.textContent === 'Capture from this tab').click()`, { userGesture: true });
    await expect.poll(offerText).toContain('Capture started: follow it on the page.');
    await popup.close();

    await expect(page.getByTestId('capture-consent')).toBeVisible();
    await page.getByTestId('capture-consent-accept').click();
    await expect(page.getByTestId('capture-panel')).toHaveAttribute('data-phase', 'finished', { timeout: 60_000 });
    await expect(page.getByTestId('capture-item').filter({ hasText: 'transactions_3a_portfolio_1.csv' })).toHaveAttribute('data-state', 'done');

    // Allowed now: the page's own button appears on the next visit.
    await page.reload();
    await expect(page.getByTestId('capture-button')).toBeVisible();
  } finally {
    await companion?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
