import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Companion, type DemoConnection, type Simulators, startCompanion, startSimulators } from './companion';
import { displayedSignedUsd, expectedExchangeTotals } from './demo-exchanges/expected-exchange-totals';
import { DEMO_HOLDINGS_READERS } from './demo-exchanges/readers';
import { addAndSync, companionApi, type ListedConnection, pairThroughOptions, showIn } from './demo-session';
import { displayed } from './expected-totals';
import { expect, freePort, openPopup, test } from './fixtures';
import { RESULTS_DIR } from './paths';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Every exchange of the demo environment, end to end: whichever exchanges
 * companion/src/demo/demo-environment.ts holds today are added through the options page with
 * the credentials their simulators accept, each syncs through its simulator (signed requests,
 * real paging and rate limits), and the popup's total equals, to the last digit, the total
 * computed here from the demo accounts and the demo prices; every open futures position
 * appears on the dashboard with its uPnL.
 */
test('every demo exchange syncs through its simulator; the popup total is exact; futures positions show their uPnL', async ({
  context,
  serviceWorker,
  extensionId,
}) => {
  // Twelve first syncs, one after another, under each exchange's real rate limits: Bybit's two
  // years of transfers alone are 105 requests at one a second.
  test.setTimeout(1_200_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'omnifolio-e2e-exchanges-'));
  let simulators: Simulators | null = null;
  let companion: Companion | null = null;
  try {
    simulators = await startSimulators();
    const started = Date.now();
    const running = await startCompanion({ port: await freePort(), dataDir, providerUrls: simulators.allUrls });
    companion = running;
    const { port } = running;
    const { options, token } = await pairThroughOptions(context, serviceWorker, extensionId, running);

    // The exchanges are the demo connections whose provider the companion lists as an exchange.
    const providers = await companionApi<{ id: string; kind: string }[]>(port, token, '/providers');
    const exchangeIds = new Set(providers.filter((p) => p.kind === 'exchange').map((p) => p.id));
    const exchanges: DemoConnection[] = simulators.connections.filter((c) => exchangeIds.has(c.providerId));
    expect(exchanges.map((c) => c.providerId)).toEqual(expect.arrayContaining(['binance', 'okx']));
    const withoutReader = exchanges.filter((c) => DEMO_HOLDINGS_READERS[c.providerId] === undefined).map((c) => c.providerId);
    expect(withoutReader, `no reader of the demo account in e2e/demo-exchanges/readers.ts for: ${withoutReader.join(', ')}`).toEqual([]);
    const holdings = exchanges.map((c) => {
      const read = DEMO_HOLDINGS_READERS[c.providerId];
      if (read === undefined) throw new Error(`no reader for ${c.providerId}`);
      return read(started);
    });
    const expected = expectedExchangeTotals(holdings);
    const positions = holdings.flatMap((h, i) => h.positions.map((p) => ({ ...p, platform: (exchanges[i] as DemoConnection).label })));

    for (const connection of exchanges) {
      await test.step(`add ${connection.label}: test the key, save, and its first sync ends well`, async () => {
        await addAndSync(options, { companion: running, token }, connection, { syncMs: 300_000, rebuildMs: 180_000 });
      });
    }

    await test.step('every exchange connection synced through its simulator', async () => {
      const listed = await companionApi<ListedConnection[]>(port, token, '/connections');
      expect(listed.map((c) => c.label).sort()).toEqual(exchanges.map((c) => c.label).sort());
      for (const connection of listed) {
        const runs = await companionApi<
          { status: string; requests: number; counts: { balances: number; positions: number }; error: { message: string } | null }[]
        >(port, token, `/sync-runs?connectionId=${connection.id}`);
        expect(runs.length, `${connection.label} has a sync run`).toBeGreaterThan(0);
        for (const run of runs) {
          expect(run.error?.message ?? null, `${connection.label}: sync error`).toBeNull();
          expect(run.status, `${connection.label}: sync status`).toBe('succeeded');
          // Through the simulator: a sync that sent nothing would have synced nothing.
          expect(run.requests, `${connection.label}: requests sent`).toBeGreaterThan(0);
        }
      }
      // The options page says the same, for every exchange (rows found by id: one label can
      // begin another, as “Demo · Kraken” does “Demo · Kraken Futures”).
      await options.reload();
      for (const connection of listed) {
        await expect(options.locator(`[data-testid="connection-row"][data-connection-id="${connection.id}"]`), connection.label).toHaveAttribute(
          'data-status',
          'ok',
        );
      }
      await options.screenshot({ path: join(RESULTS_DIR, 'options-exchanges.png'), fullPage: true });
    });

    const popup = await openPopup(context, extensionId);
    await test.step('the popup total equals the sum computed here from the demo accounts and the demo prices', async () => {
      const total = await showIn(popup, 'USD');
      await expect(total).toHaveAttribute('data-value', expected.totalUsd);
      await expect(total).toHaveText(displayed(expected.totalUsd, 'USD'));
      if (expected.unpriced.length > 0) {
        for (const asset of expected.unpriced) await expect(popup.getByTestId('unpriced-note')).toContainText(asset);
      }
      await popup.locator('body').screenshot({ path: join(RESULTS_DIR, 'popup-exchanges.png') });
    });

    await test.step('the dashboard lists every open futures position with its uPnL', async () => {
      expect(positions.length, 'the demo exchanges hold futures positions').toBeGreaterThan(0);
      const dashboard = await context.newPage();
      await dashboard.setViewportSize({ width: 1280, height: 1000 });
      await dashboard.goto(`chrome-extension://${extensionId}/dashboard.html`);
      await showIn(dashboard, 'USD');
      const rows = dashboard.getByTestId('position-row');
      await expect(rows).toHaveCount(positions.length);
      for (const position of positions) {
        // The row of this symbol, side and exchange (the row header names the platform under the symbol).
        const row = rows
          .filter({ has: dashboard.locator('.holding__symbol').getByText(position.symbol, { exact: true }) })
          .filter({ has: dashboard.getByText(position.side, { exact: true }) })
          // The platform, then the leverage if any: “Demo · Kraken” must not match “Demo · Kraken Futures · 10×”.
          .filter({ has: dashboard.locator('.holding__name', { hasText: new RegExp(`^${escapeRegExp(position.platform)}( · |$)`) }) });
        await expect(row, `${position.platform}: ${position.symbol} ${position.side}`).toHaveCount(1);
        const pnl = expected.positionPnlUsd(position);
        await expect(row.locator('td').last(), `${position.symbol} uPnL`).toHaveText(pnl === null ? '—' : displayedSignedUsd(pnl));
      }
      await dashboard.getByTestId('positions').screenshot({ path: join(RESULTS_DIR, 'dashboard-positions.png') });
      await dashboard.close();
    });
  } catch (error) {
    // What the companion and the simulators said, beside the failure's screenshots and trace.
    writeFileSync(test.info().outputPath('companion.log'), companion?.output() ?? '(not started)');
    writeFileSync(test.info().outputPath('simulators.log'), simulators?.output() ?? '(not started)');
    throw error;
  } finally {
    await companion?.stop();
    await simulators?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
