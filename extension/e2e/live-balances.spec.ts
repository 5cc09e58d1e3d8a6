import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import DecimalJs from 'decimal.js';
import { futuresWireAsset, READ_ONLY_PERMISSIONS } from '../../companion/src/simulators/binance/binance-sim-account';
import { BinanceSimulator } from '../../companion/src/simulators/binance/binance-simulator';
import { type CoinGeckoSimulator, createCoinGeckoSimulator } from '../../companion/src/simulators/coingecko/coingecko-simulator';
import { type Companion, startCompanion } from './companion';
import { displayedSignedUsd } from './demo-exchanges/expected-exchange-totals';
import { expect, freePort, test } from './fixtures';
import { REPO_ROOT, RESULTS_DIR } from './paths';

const Decimal = DecimalJs.clone({ precision: 200, toExpNeg: -200, toExpPos: 200 });
const KEY = `e2e-live-key-${'0'.repeat(51)}`;
const SECRET = `e2e-live-secret-${'0'.repeat(48)}`;

/** The CoinGecko simulator's demo prices, read here from its data file (no product code). */
function price(id: string, currency: 'usd' | 'chf'): string {
  const file = JSON.parse(readFileSync(join(REPO_ROOT, 'companion', 'src', 'simulators', 'coingecko', 'demo-prices.json'), 'utf8')) as {
    prices: Record<string, Record<string, string>>;
  };
  const value = file.prices[id]?.[currency];
  if (typeof value !== 'string') throw new Error(`demo-prices.json has no ${currency} price for ${id}.`);
  return value;
}

/** BTC and USDT held on Binance (spot, and the USDⓈ-M futures equity), valued with the demo prices. */
function total(btc: string, usdt: string, currency: 'USD' | 'CHF'): string {
  const c = currency === 'USD' ? 'usd' : 'chf';
  return new Decimal(btc)
    .times(price('bitcoin', c))
    .plus(new Decimal(usdt).times(price('tether', c)))
    .toFixed();
}

/** The USDⓈ-M wallet: 5000 USDT and a 0.05 BTC cross long from 96 210.4, mark 97 445.4 (uPnL 0.05 × 1235 = 61.75). */
const FUTURES_WALLET = '5000';
const FIRST_UPNL = '61.75';

/**
 * Real time, end to end: an open dashboard listens to the companion's live events; the
 * companion holds Binance's user data streams open meanwhile (the simulator's WebSocket API for
 * spot, the USDⓈ-M and COIN-M listen-key streams, all through ccxt pro); a balance change and a
 * futures fill at Binance show in the dashboard (total, and the position's uPnL) without a reload
 * and well before the once-a-minute poll; closing the dashboard closes the streams at Binance.
 */
test('an open dashboard shows a Binance balance change and a futures fill live, and the streams close with it', async ({ context, extensionId }) => {
  test.setTimeout(180_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'omnifolio-e2e-live-'));
  const binance = new BinanceSimulator();
  binance.addAccount({
    apiKey: KEY,
    secret: SECRET,
    permissions: { ...READ_ONLY_PERMISSIONS },
    balances: [
      { asset: 'BTC', free: '0.50000000', locked: '0.00000000' },
      { asset: 'USDT', free: '1000.00000000', locked: '0.00000000' },
    ],
    trades: [],
    deposits: [],
    withdrawals: [],
    usdm: {
      assets: [futuresWireAsset('USDT', '5000.00000000', '61.75000000', '5061.75000000', '974.45400000', binance.now())],
      positions: [
        {
          symbol: 'BTCUSDT',
          positionAmt: '0.050',
          entryPrice: '96210.4',
          breakEvenPrice: '96210.4',
          markPrice: '97445.40000000',
          unRealizedProfit: '61.75000000',
          liquidationPrice: '0',
          leverage: '5',
          maxNotionalValue: '80000000',
          marginType: 'cross',
          isolatedMargin: '0.00000000',
          isAutoAddMargin: 'false',
          positionSide: 'BOTH',
          notional: '4872.27000000',
          isolatedWallet: '0',
          updateTime: binance.now(),
          isolated: false,
          adlQuantile: 1,
        },
      ],
      income: [],
    },
  });
  const coingecko: CoinGeckoSimulator = createCoinGeckoSimulator({ rateLimitPerMinute: Number.POSITIVE_INFINITY });
  let companion: Companion | null = null;
  try {
    const [binanceUrl, coingeckoUrl] = await Promise.all([binance.start(), coingecko.start()]);
    companion = await startCompanion({ port: await freePort(), dataDir, providerUrls: { binance: binanceUrl, coingecko: coingeckoUrl } });
    const { port, pairingCode } = companion;

    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await test.step('pair and add the Binance connection', async () => {
      await options.getByTestId('pair-port').fill(String(port));
      await options.getByTestId('pair-code').fill(pairingCode);
      await options.getByTestId('pair-submit').click();
      await expect(options.getByTestId('paired-state')).toHaveAttribute('data-healthy', 'true');
      await options.getByTestId('provider-select').selectOption('binance');
      await options.getByTestId('credential-apiKey').fill(KEY);
      await options.getByTestId('credential-secret').fill(SECRET);
      await options.getByTestId('connection-label').fill('Binance live');
      await options.getByTestId('test-connection').click();
      await expect(options.getByTestId('test-result')).toContainText('The credentials work');
      await options.getByTestId('save-connection').click();
      await expect(options.getByTestId('connection-row').filter({ hasText: 'Binance live' })).toHaveAttribute('data-status', 'ok', { timeout: 60_000 });
    });
    await options.close();

    const dashboard = await context.newPage();
    await dashboard.goto(`chrome-extension://${extensionId}/dashboard.html`);
    const value = dashboard.getByTestId('total-value');
    let currency: 'USD' | 'CHF' = 'USD';

    await test.step('the dashboard shows the synced total, and the companion subscribes the user data stream', async () => {
      await expect(value).toHaveAttribute('data-currency', /^(USD|CHF)$/);
      currency = (await value.getAttribute('data-currency')) as 'USD' | 'CHF';
      await expect(value).toHaveAttribute('data-value', total('0.5', new Decimal('1000').plus(FUTURES_WALLET).plus(FIRST_UPNL).toFixed(), currency));
      await expect.poll(() => binance.userDataSubscribers(KEY), { timeout: 30_000 }).toBe(1);
      await expect.poll(() => binance.futuresUserDataConnections(KEY, 'usdm'), { timeout: 30_000 }).toBe(1);
    });

    await test.step('a trade at Binance moves the total on screen, with no reload and no poll', async () => {
      binance.setSpotBalances(KEY, [
        { asset: 'BTC', free: '1.5', locked: '0.25' },
        { asset: 'USDT', free: '0', locked: '0' },
      ]);
      // The page polls once a minute; 20 s is well inside that, so only the live event can make this pass.
      await expect(value).toHaveAttribute('data-value', total('1.75', new Decimal(FUTURES_WALLET).plus(FIRST_UPNL).toFixed(), currency), { timeout: 20_000 });
      await dashboard.screenshot({ path: join(RESULTS_DIR, 'dashboard-live.png') });
    });

    await test.step('a futures fill at Binance shows its new uPnL and equity, with no reload and no poll', async () => {
      // uPnL in US dollars, as the positions table shows it: USDT at its demo price.
      if (currency === 'CHF') await dashboard.getByTestId('currency-toggle').click();
      await expect(value).toHaveAttribute('data-currency', 'USD');
      const pnlCell = dashboard.getByTestId('position-row').filter({ hasText: 'BTCUSDT' }).locator('td').last();
      const usd = (usdt: string) => new Decimal(usdt).times(price('tether', 'usd')).toFixed();
      await expect(pnlCell).toHaveText(displayedSignedUsd(usd(FIRST_UPNL)));

      // The long grows to 0.08 BTC at 96 500 average: uPnL 0.08 × (97445.4 − 96500) = 75.632 USDT.
      binance.moveFuturesPosition(KEY, 'usdm', { symbol: 'BTCUSDT', positionAmt: '0.080', entryPrice: '96500.0', markPrice: '97445.4' });
      await expect(pnlCell).toHaveText(displayedSignedUsd(usd('75.632')), { timeout: 20_000 });
      await expect(value).toHaveAttribute('data-value', total('1.75', new Decimal(FUTURES_WALLET).plus('75.632').toFixed(), 'USD'));
      await dashboard.getByTestId('positions').screenshot({ path: join(RESULTS_DIR, 'dashboard-live-futures.png') });
    });

    await test.step('closing the dashboard closes the stream at Binance', async () => {
      await dashboard.close();
      await binance.userDataIdle();
      expect(binance.userDataSubscribers(KEY)).toBe(0);
      expect(binance.userDataConnections).toBe(0);
    });
  } finally {
    await companion?.stop();
    await Promise.all([binance.stop(), coingecko.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
