import type { BrowserContext, Locator, Page, Worker } from '@playwright/test';
import type { Companion, DemoConnection } from './companion';
import { expect, readExtensionStorage } from './fixtures';

/**
 * What the demo end-to-end specs (demo-exchanges, demo-brokers) do alike: pair the extension
 * through its options page, add a demo connection as a person would and wait for its first sync,
 * call the companion's API with the extension's token, and switch a page's currency.
 */

/** The companion's API as a spec calls it: with the token the extension was given at pairing. */
export async function companionApi<T>(port: number, token: string, path: string): Promise<T> {
  const get = () => fetch(`http://127.0.0.1:${port}/api${path}`, { headers: { authorization: `Bearer ${token}` } });
  // A kept-alive socket the server closed while busy fails the next request with ECONNRESET;
  // a GET is safe to send again on a new one, as browsers do.
  const response = await get().catch(() => get());
  if (!response.ok) throw new Error(`GET /api${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** How many times the companion has logged the end of a daily-snapshot update (done or failed). */
export function historyRebuilds(companion: Companion | null): number {
  return (companion?.output().match(/daily snapshots (rebuilt|could not be brought up to date)/g) ?? []).length;
}

/** Shows a page's figures in `currency`, toggling once if they are in the other one. */
export async function showIn(page: Page, currency: 'USD' | 'CHF'): Promise<Locator> {
  const total = page.getByTestId('total-value');
  await expect(total).toHaveAttribute('data-currency', /^(USD|CHF)$/);
  if ((await total.getAttribute('data-currency')) !== currency) await page.getByTestId('currency-toggle').click();
  await expect(total).toHaveAttribute('data-currency', currency);
  return total;
}

/** Pairs the extension with the companion through the options page; returns that page and the token it was given. */
export async function pairThroughOptions(
  context: BrowserContext,
  serviceWorker: Worker,
  extensionId: string,
  companion: Companion,
): Promise<{ options: Page; token: string }> {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByTestId('pair-port').fill(String(companion.port));
  await options.getByTestId('pair-code').fill(companion.pairingCode);
  await options.getByTestId('pair-submit').click();
  await expect(options.getByTestId('paired-state')).toHaveAttribute('data-healthy', 'true');
  const pairing = (await readExtensionStorage(serviceWorker, 'pairing')) as { token: string };
  return { options, token: pairing.token };
}

/** A connection as GET /api/connections lists it. */
export interface ListedConnection {
  id: string;
  label: string;
  status: string;
  lastError: { message: string } | null;
}

/**
 * Adds a demo connection in the options page (credentials tested, then saved), waits until its
 * first sync has ended well and the daily snapshots it triggers are rebuilt, and returns the
 * connection as listed. One at a time: on two cores, first syncs side by side would keep the
 * companion from answering the options page in time; the snapshot rebuild holds the companion's
 * one thread for seconds (tens of seconds for years of history on a busy machine).
 */
export async function addAndSync(
  options: Page,
  session: { companion: Companion; token: string },
  connection: DemoConnection,
  limits: { syncMs: number; rebuildMs: number },
): Promise<ListedConnection> {
  await options.getByTestId('provider-select').selectOption(connection.providerId);
  for (const [key, value] of Object.entries(connection.credentials)) {
    // A one-line field drops line breaks, so a multi-line secret (Coinbase's PEM key) is entered
    // from -----BEGIN to -----END as its provider's downloaded key file holds it: one line with `\n` escapes.
    await options.getByTestId(`credential-${key}`).fill(value.trim().replace(/\r?\n/g, '\\n'));
  }
  await options.getByTestId('connection-label').fill(connection.label);
  await options.getByTestId('test-connection').click();
  await expect(options.getByTestId('test-result')).toContainText('The credentials work', { timeout: 30_000 });
  const rebuildsBefore = historyRebuilds(session.companion);
  await options.getByTestId('save-connection').click();
  await expect(options.getByTestId('form-saved')).toContainText(`${connection.label} is saved`, { timeout: 30_000 });
  // Saving starts the first sync.
  const settled = async () =>
    (await companionApi<ListedConnection[]>(session.companion.port, session.token, '/connections')).find((c) => c.label === connection.label);
  await expect.poll(async () => (await settled())?.status, { timeout: limits.syncMs, intervals: [500] }).not.toBe('syncing');
  const ended = await settled();
  expect({ status: ended?.status, error: ended?.lastError?.message ?? null }, `${connection.label}: first sync`).toEqual({ status: 'ok', error: null });
  await expect.poll(() => historyRebuilds(session.companion), { timeout: limits.rebuildMs, intervals: [500] }).toBeGreaterThan(rebuildsBefore);
  if (ended === undefined) throw new Error(`${connection.label} is not listed after its sync.`);
  return ended;
}
