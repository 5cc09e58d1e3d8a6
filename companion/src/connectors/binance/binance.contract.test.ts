import { dec, toDecimalString } from '@omnifolio/shared/money';
import { BinanceSimulator } from '../../simulators/binance/binance-simulator.js';
import { addWalletTransfer } from '../../simulators/binance/binance-wallet-transfers.js';
import { loadDemoAccount } from '../../simulators/binance/demo-account.js';
import { createTestClock } from '../../simulators/framework/test-clock.js';
import { createTestContext, describeConnectorContract } from '../contract-suite.js';
import { createBinanceConnector } from './binance-connector.js';

// One clock for connector and simulator: signed timestamps, 90-day windows and weight minutes agree.
const clock = createTestClock();
// ccxt's own spacing (50 ms per cost unit) would only slow the test; the weight budget is under test elsewhere.
const connector = createBinanceConnector({ clock, config: { rateLimit: 1 } });

describeConnectorContract({
  name: 'Binance (simulator, demo account)',
  connector,
  async setup() {
    const sim = new BinanceSimulator({ clock });
    const baseUrl = await sim.start();
    const demo = sim.addAccount(loadDemoAccount({ now: clock.now() }));
    const credentials = { apiKey: demo.apiKey, secret: demo.secret };
    return {
      // Each sync a minute after the last, as the scheduler spaces them: the withdrawal and
      // Convert backfills spend a minute's UID weight budget and pause until the next sync.
      context: (cursors, signal) => {
        clock.advance(61_000);
        return createTestContext({ credentials, baseUrls: { binance: baseUrl }, cursors, signal });
      },
      contextWithBadCredentials: () =>
        createTestContext({
          credentials: { apiKey: demo.apiKey, secret: 'a-secret-that-belongs-to-no-key-0000000000000000000000000000000' },
          baseUrls: { binance: baseUrl },
        }),
      expectedBalances: [
        ...demo.balances
          .filter((b) => !dec(b.free).plus(b.locked).isZero())
          .map((b) => ({ accountKey: 'spot', asset: b.asset, free: toDecimalString(b.free), locked: toDecimalString(b.locked) })),
        // Transcribed by hand from demo-account.json's BTCUSDT isolated pair: BTC free 0.01, locked
        // 0.005; USDT free 1200 − borrowed 500 − interest 0.125.
        { accountKey: 'isolated-margin', asset: 'BTC', free: '0.01', locked: '0.005' },
        { accountKey: 'isolated-margin', asset: 'USDT', free: '699.875', locked: '0' },
      ],
      // The demo account trades spot only.
      expectedPositions: [],
      faults: sim.faults,
      async addActivity() {
        const trades = [
          sim.addTrade(demo.apiKey, { symbol: 'BTCUSDT', side: 'BUY', qty: '0.00120', price: '97012.55', commission: '0.00000120', commissionAsset: 'BTC' }),
          sim.addTrade(demo.apiKey, { symbol: 'SOLUSDC', side: 'SELL', qty: '1.5', price: '176.31', commission: '0.26446500', commissionAsset: 'USDC' }),
          // A market the demo never traded, on an asset it holds: found because SOL is held.
          sim.addTrade(demo.apiKey, { symbol: 'SOLBTC', side: 'BUY', qty: '0.7', price: '0.0018163', commission: '0.00070000', commissionAsset: 'SOL' }),
        ];
        const deposit = sim.addDeposit(demo.apiKey, { coin: 'USDT', amount: '750', network: 'TRX' });
        const withdrawal = sim.addWithdrawal(demo.apiKey, { coin: 'ETH', amount: '0.1', transactionFee: '0.00072', network: 'ETH' });
        // A move from spot to USDⓈ-M futures: one record leaving spot, one arriving in futures.
        const toFutures = addWalletTransfer(demo, { type: 'MAIN_UMFUTURE', asset: 'USDT', amount: '120.5' }, clock.now());
        // Transfers are read up to a minute ago; let the new ones age past that.
        clock.advance(120_000);
        return [
          ...trades.map((t) => `trade:${t.symbol}:${t.id}`),
          `deposit:${deposit.id}`,
          `withdrawal:${withdrawal.id}`,
          `transfer:${toFutures.tranId}:out`,
          `transfer:${toFutures.tranId}:in`,
        ];
      },
      close: () => sim.stop(),
    };
  },
});
