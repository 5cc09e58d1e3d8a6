import { dec, toDecimalString } from '@omnifolio/shared/money';
import { BinanceSimulator } from '../../simulators/binance/binance-simulator.js';
import { loadDemoAccount } from '../../simulators/binance/demo-account.js';
import { withFullDepthWallets } from '../../simulators/binance/full-depth-wallets.js';
import { createTestClock } from '../../simulators/framework/test-clock.js';
import { createTestContext, describeConnectorContract } from '../contract-suite.js';
import { createBinanceConnector } from './binance-connector.js';

// The shared contract again, on an account that uses every Binance wallet: funding, cross margin
// with a loan, USDⓈ-M and COIN-M futures with open positions and income, Simple Earn.
const clock = createTestClock();
const connector = createBinanceConnector({ clock, config: { rateLimit: 1 } });

async function startFullDepth() {
  const sim = new BinanceSimulator({ clock });
  const baseUrl = await sim.start();
  const demo = sim.addAccount(withFullDepthWallets(loadDemoAccount({ now: clock.now() }), clock.now()));
  const credentials = { apiKey: demo.apiKey, secret: demo.secret };
  // Each sync a minute after the last, as the scheduler spaces them (binance.contract.test.ts says why).
  const context = (cursors: ReadonlyMap<string, string> = new Map(), signal?: AbortSignal) => {
    clock.advance(61_000);
    return createTestContext({ credentials, baseUrls: { binance: baseUrl }, cursors, signal });
  };
  return { sim, demo, baseUrl, context };
}

describeConnectorContract({
  name: 'Binance (simulator, every wallet)',
  connector,
  async setup() {
    const { sim, demo, baseUrl, context } = await startFullDepth();
    const spot = loadDemoAccount({ now: clock.now() })
      .balances.filter((b) => !dec(b.free).plus(b.locked).isZero())
      .map((b) => ({ accountKey: 'spot', asset: b.asset, free: toDecimalString(b.free), locked: toDecimalString(b.locked) }));
    return {
      context,
      contextWithBadCredentials: () =>
        createTestContext({
          credentials: { apiKey: demo.apiKey, secret: 'not-the-secret-of-this-key-000000000000000000000000000000000000' },
          baseUrls: { binance: baseUrl },
        }),
      // Transcribed from full-depth-wallets.ts by hand: funding locked includes freeze; margin free is
      // free − borrowed − interest; futures equity is marginBalance with initialMargin locked;
      // spot's LDUSDT mirror of flexible Earn is not counted twice.
      expectedBalances: [
        ...spot,
        { accountKey: 'funding', asset: 'USDT', free: '320', locked: '40' },
        { accountKey: 'funding', asset: 'BNB', free: '0.5', locked: '0.1' },
        { accountKey: 'margin', asset: 'BTC', free: '0.05', locked: '0' },
        { accountKey: 'margin', asset: 'USDT', free: '-1850.8421', locked: '0' },
        // The demo's BTCUSDT isolated pair (demo-account.json): USDT free 1200 − borrowed 500 − interest 0.125.
        { accountKey: 'isolated-margin', asset: 'BTC', free: '0.01', locked: '0.005' },
        { accountKey: 'isolated-margin', asset: 'USDT', free: '699.875', locked: '0' },
        { accountKey: 'futures-usdm', asset: 'USDT', free: '4017.25', locked: '1044.5' },
        { accountKey: 'futures-coinm', asset: 'ETH', free: '1.17975', locked: '0.01613' },
        { accountKey: 'earn', asset: 'USDT', free: '1500', locked: '0' },
        { accountKey: 'earn', asset: 'SOL', free: '0', locked: '10' },
      ],
      // Both futures positions with every field, transcribed from full-depth-wallets.ts.
      expectedPositions: [
        {
          accountKey: 'futures-usdm',
          symbol: 'BTCUSDT',
          side: 'long',
          contracts: '0.05',
          sizeInBase: '0.05',
          entryPrice: '96210.4',
          markPrice: '97445.4',
          notional: '4872.27',
          unrealizedPnl: '61.75',
          leverage: '5',
          liquidationPrice: null,
          marginMode: 'cross',
          margin: '974.454', // 4872.27 / 5
          settleAsset: 'USDT',
        },
        {
          accountKey: 'futures-coinm',
          symbol: 'ETHUSD_PERP',
          side: 'short',
          contracts: '5',
          sizeInBase: '0.01613',
          entryPrice: '3070.12',
          markPrice: '3099.8',
          notional: '0.01613',
          unrealizedPnl: '-0.00412',
          leverage: '10',
          liquidationPrice: '5120.44',
          marginMode: 'isolated',
          margin: '0.01613',
          settleAsset: 'ETH',
        },
      ],
      faults: sim.faults,
      async addActivity() {
        const trade = sim.addTrade(demo.apiKey, {
          symbol: 'ETHUSDT',
          side: 'SELL',
          qty: '0.25',
          price: '3101.5',
          commission: '0.77537500',
          commissionAsset: 'USDT',
        });
        const funding = {
          symbol: 'BTCUSDT',
          incomeType: 'FUNDING_FEE',
          income: '0.29400000',
          asset: 'USDT',
          info: 'FUNDING_FEE',
          time: clock.now(),
          tranId: 1_190_000_001,
          tradeId: '',
        };
        demo.usdm?.income.push(funding);
        clock.advance(120_000);
        return [`trade:${trade.symbol}:${trade.id}`, `income:usdm:FUNDING_FEE:${funding.tranId}`];
      },
      close: () => sim.stop(),
    };
  },
});
