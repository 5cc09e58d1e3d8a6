import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import DecimalJs from 'decimal.js';
import { type Companion, type DemoConnection, type Simulators, startCompanion, startSimulators } from './companion';
import { displayedMoney, displayedQuantity, type ExpectedAccount, expectedAccount, sumOf, totalInEuros } from './demo-brokers/expected-broker-totals';
import { BROKER_HOLDINGS_READERS } from './demo-brokers/readers';
import { addAndSync, companionApi, pairThroughOptions, showIn } from './demo-session';
import { expect, freePort, openPopup, test } from './fixtures';
import { RESULTS_DIR } from './paths';

/**
 * Every broker of the demo environment, end to end (IBKR, Alpaca, Futu and Schwab today): each is added
 * through the options page as a person would (IBKR: a Flex token and query id, here the Flex
 * Web Service simulator with its request/poll protocol and rate limit; Alpaca: a paper key; Futu: OpenD's TCP
 * protocol, host and port left at their defaults), syncs, and the popup shows, in USD and in CHF,
 * to the last digit: the total, each broker account's value, and under the account's row each
 * of its positions (symbol, quantity, value) and cash currencies, all computed here from the
 * simulators' demo accounts and the demo exchange rates.
 */
test('every demo broker, IBKR first, syncs through its simulator; each account’s positions, cash and value appear in the popup, exact in USD and CHF', async ({
  context,
  serviceWorker,
  extensionId,
}) => {
  test.setTimeout(600_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'omnifolio-e2e-brokers-'));
  let simulators: Simulators | null = null;
  let companion: Companion | null = null;
  try {
    simulators = await startSimulators();
    const started = Date.now();
    const running = await startCompanion({ port: await freePort(), dataDir, providerUrls: simulators.allUrls });
    companion = running;
    const { port } = running;
    const { options, token } = await pairThroughOptions(context, serviceWorker, extensionId, running);

    // The brokers are the demo connections whose provider the companion lists as a broker.
    const providers = await companionApi<{ id: string; kind: string }[]>(port, token, '/providers');
    const brokerIds = new Set(providers.filter((p) => p.kind === 'broker').map((p) => p.id));
    const brokers: DemoConnection[] = simulators.connections.filter((c) => brokerIds.has(c.providerId));
    expect(
      brokers.map((c) => c.providerId),
      'the demo holds an IBKR account',
    ).toContain('ibkr-flex');
    const withoutReader = brokers.filter((c) => BROKER_HOLDINGS_READERS[c.providerId] === undefined).map((c) => c.providerId);
    expect(withoutReader, `no reader of the demo account in e2e/demo-brokers/readers.ts for: ${withoutReader.join(', ')}`).toEqual([]);
    const expected = new Map<string, ExpectedAccount>(
      brokers.map((c) => {
        const read = BROKER_HOLDINGS_READERS[c.providerId];
        if (read === undefined) throw new Error(`no reader for ${c.providerId}`);
        return [c.label, expectedAccount(read(started))];
      }),
    );
    const total = sumOf([...expected.values()]);

    for (const connection of brokers) {
      await test.step(`add ${connection.label}: test the connection, save, and its first sync ends well`, async () => {
        // Futu's first sync reads two years of fills under OpenD's 10 history requests per 30 s: about a minute.
        const ended = await addAndSync(options, { companion: running, token }, connection, { syncMs: 240_000, rebuildMs: 120_000 });
        const runs = await companionApi<{ status: string; requests: number; counts: { balances: number; positions: number } }[]>(
          port,
          token,
          `/sync-runs?connectionId=${ended.id}`,
        );
        // Through the simulator: a sync that sent nothing would have synced nothing. Except
        // IBKR's Flex statement: the one the connection's test downloaded serves its first sync
        // (ibkr-flex-connector.ts: IBKR allows ten requests a minute per token).
        expect(runs[0]?.status).toBe('succeeded');
        if (connection.providerId !== 'ibkr-flex') expect(runs[0]?.requests ?? 0, `${connection.label}: requests sent`).toBeGreaterThan(0);
        expect(runs[0]?.counts.positions ?? 0, `${connection.label}: positions synced`).toBeGreaterThan(0);
      });
    }

    // The newest reference day the simulated ECB publishes, read from its own daily document.
    const ecbDaily = await (await fetch(`${simulators.allUrls.ecb}/eurofxref-daily.xml`)).text();
    const ecbDay = ecbDaily.match(/<Cube time='(\d{4})-(\d{2})-(\d{2})'>/);
    expect(ecbDay, 'the simulated ECB publishes a day').not.toBeNull();
    const [, year, month, day] = ecbDay ?? [];
    const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    const popup = await openPopup(context, extensionId);
    for (const currency of ['USD', 'CHF'] as const) {
      await test.step(`in ${currency}: the popup total, each broker account's value, and each of its positions and cash currencies`, async () => {
        const shownTotal = await showIn(popup, currency);
        await expect(shownTotal).toHaveAttribute('data-value', total[currency]);
        await expect(shownTotal).toHaveText(displayedMoney(total[currency], currency));
        await expect(popup.getByTestId('unpriced-note')).toHaveCount(0);
        // Cash and marks in USD, CHF and HKD were converted at that day's ECB rates, and the popup says so.
        const fx = popup.getByTestId('fx-as-of');
        await expect(fx).toHaveAttribute('data-source', 'ECB');
        await expect(fx).toHaveAttribute('data-as-of', `${year}-${month}-${day}`);
        await expect(fx).toHaveText(`FX ECB ${Number(day)} ${MONTHS[Number(month) - 1]} ${year}`);
        for (const [label, account] of expected) {
          const row = popup.getByTestId('connection-row').filter({ hasText: label });
          await expect(row).toHaveAttribute('data-status', 'ok');
          const value = row.getByTestId('connection-value');
          await expect(value, `${label}: value in ${currency}`).toHaveAttribute('data-value', account.value[currency]);
          await expect(value).toHaveText(displayedMoney(account.value[currency], currency));
          // The account's own holdings, folded under its row until asked for.
          const list = row.getByTestId('connection-holdings');
          if ((await list.getAttribute('open')) === null) await row.getByTestId('connection-holdings-toggle').click();
          const rows = list.getByTestId('connection-holding');
          await expect(rows).toHaveCount(account.holdings.length);
          for (const holding of account.holdings) {
            const line = rows.filter({ has: popup.locator('.holding__symbol').getByText(holding.symbol, { exact: true }) });
            await expect(line, `${label}: ${holding.symbol}`).toHaveCount(1);
            await expect(line.locator('td').first(), `${label}: ${holding.symbol} quantity`).toHaveText(displayedQuantity(holding.quantity));
            await expect(line).toHaveAttribute('data-quantity', holding.quantity);
            if (holding.value === null) {
              await expect(line.locator('td').last()).toHaveText('unpriced');
            } else {
              await expect(line.locator('td').last(), `${label}: ${holding.symbol} value in ${currency}`).toHaveText(
                displayedMoney(holding.value[currency], currency),
              );
              // The exact figure where the account holds all of the asset (a share of an asset held
              // elsewhere too is a proportion, exact only as far as the companion divides).
              await expect(line).toHaveAttribute('data-value', holding.value[currency]);
            }
          }
        }
        await popup.locator('body').screenshot({ path: join(RESULTS_DIR, `popup-brokers-${currency.toLowerCase()}.png`) });
      });
    }

    await test.step('EUR as the base currency, chosen in the options: the popup shows the total in euros at the ECB’s rate and cycles EUR, USD, CHF', async () => {
      await options.getByTestId('base-currency').selectOption('EUR');
      await options.getByTestId('save-settings').click();
      await expect(options.getByTestId('settings-saved')).toContainText('Saved.');
      const usdPerEuro = ecbDaily.match(/currency='USD' rate='([\d.]+)'/)?.[1];
      expect(usdPerEuro, 'the simulated ECB publishes a USD rate').toBeDefined();
      const euros = totalInEuros([...expected.values()], usdPerEuro ?? '0');
      // The companion fetches the euro's rates when the base currency changes; the popup shows EUR once it has them.
      const eurPopup = await openPopup(context, extensionId);
      const shownTotal = eurPopup.getByTestId('total-value');
      await expect(shownTotal).toHaveAttribute('data-currency', 'EUR', { timeout: 30_000 });
      await expect(shownTotal).toHaveText(displayedMoney(euros, 'EUR'));
      // Exact but for the 60th significant digit, where the companion's decimals round a product.
      const shownValue = (await shownTotal.getAttribute('data-value')) ?? '';
      expect(new DecimalJs(shownValue).minus(euros).abs().lt('1e-40'), `popup ${shownValue} against ${euros}`).toBe(true);
      await expect(eurPopup.getByTestId('fx-as-of')).toHaveAttribute('data-as-of', `${year}-${month}-${day}`);
      await expect(eurPopup.getByTestId('currency-toggle')).toHaveText('EURUSDCHF');
      await eurPopup.getByTestId('currency-toggle').click();
      await expect(shownTotal).toHaveAttribute('data-currency', 'USD');
      await expect(shownTotal).toHaveAttribute('data-value', total.USD);
      await eurPopup.getByTestId('currency-toggle').click();
      await eurPopup.getByTestId('currency-toggle').click();
      await expect(shownTotal).toHaveAttribute('data-currency', 'EUR');
      // The curve in euros too: the history route answers in the base currency.
      const history = await companionApi<{ currency: string; points: unknown[] }>(port, token, '/history?range=ALL');
      expect(history.currency).toBe('EUR');
      expect(history.points.length).toBeGreaterThan(1);
      await eurPopup.locator('body').screenshot({ path: join(RESULTS_DIR, 'popup-brokers-eur.png') });
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
