import { CoinexSimulator } from '../../simulators/coinex/coinex-simulator.js';
import { coinexDemoAccount } from '../../simulators/coinex/demo-account.js';
import { createTestClock } from '../../simulators/framework/test-clock.js';
import { createTestContext, describeConnectorContract } from '../contract-suite.js';
import { createCoinexConnector } from './coinex-connector.js';

const clock = createTestClock();
// ccxt weighs balances, histories and positions at 40 × rateLimit ms: 2.6 ms keeps them under
// CoinEx's 10 per second. Pages of 10 make the busy trade markets and the funding span pages.
const connector = createCoinexConnector({ clock, config: { rateLimit: 2.6 } }, { pageLimit: 10 });

describeConnectorContract({
  name: 'CoinEx (simulator, demo account)',
  connector,
  async setup() {
    const sim = new CoinexSimulator({ clock });
    const baseUrl = await sim.start();
    const demo = sim.addAccount(coinexDemoAccount(clock.now()));
    const credentials = { apiKey: demo.apiKey, secret: demo.secret };
    return {
      context: (cursors, signal) => createTestContext({ credentials, baseUrls: { coinex: baseUrl }, cursors, signal }),
      contextWithBadCredentials: () =>
        createTestContext({ credentials: { ...credentials, secret: 'NOT0THE0SECRET0OF0THIS0KEY' }, baseUrls: { coinex: baseUrl } }),
      // From the demo account by hand. Spot: available free, frozen locked, DOGE is zero. Margin
      // (two markets summed): ETH 2 − 0.8 owed − 0.0012 interest; USDT 500 + 1200 − 1000 − 0.35.
      // Futures: equity 3120.44 + 50 + 2915.574 + 451.965 with the orders' 50 and the positions'
      // 2915.574 locked; BTC (the inverse long's coin): 0.03960549 + 0.0103428 + 0.00343693 with the
      // position's 0.0103428 locked. Financial: available.
      expectedBalances: [
        { accountKey: 'spot', asset: 'BTC', free: '0.4215', locked: '0.02' },
        { accountKey: 'spot', asset: 'USDT', free: '8420.5', locked: '600' },
        { accountKey: 'spot', asset: 'ETH', free: '3.1', locked: '0' },
        { accountKey: 'spot', asset: 'SOL', free: '45.5', locked: '0' },
        { accountKey: 'margin', asset: 'ETH', free: '1.1988', locked: '0' },
        { accountKey: 'margin', asset: 'USDT', free: '699.65', locked: '0' },
        { accountKey: 'margin', asset: 'BTC', free: '0.05', locked: '0' },
        { accountKey: 'futures', asset: 'USDT', free: '3572.405', locked: '2965.574' },
        { accountKey: 'futures', asset: 'BTC', free: '0.04304242', locked: '0.0103428' },
        { accountKey: 'financial', asset: 'USDC', free: '5000', locked: '0' },
        { accountKey: 'financial', asset: 'USDT', free: '1500', locked: '0' },
      ],
      // Linear sizes are in the coin; marks from the simulator's ticker: 0.15 × 90512.4 and 2.4 × 3188.05.
      // Inverse BTCUSD: 9050 contracts of 1 USD ÷ mark 90508.1 = 0.099991050524759662 BTC (18 places),
      // which is also its notional in BTC, the coin it settles in.
      expectedPositions: [
        {
          accountKey: 'futures',
          symbol: 'BTCUSDT',
          side: 'long',
          contracts: '0.15',
          sizeInBase: '0.15',
          entryPrice: '88420.1',
          markPrice: '90512.4',
          notional: '13576.86',
          unrealizedPnl: '313.845',
          leverage: '10',
          liquidationPrice: '72110.5',
          marginMode: 'cross',
          margin: '1357.686',
          settleAsset: 'USDT',
        },
        {
          accountKey: 'futures',
          symbol: 'ETHUSDT',
          side: 'short',
          contracts: '2.4',
          sizeInBase: '2.4',
          entryPrice: '3245.6',
          markPrice: '3188.05',
          notional: '7651.32',
          unrealizedPnl: '138.12',
          leverage: '5',
          liquidationPrice: '3870.2',
          marginMode: 'isolated',
          margin: '1557.888',
          settleAsset: 'USDT',
        },
        {
          accountKey: 'futures',
          symbol: 'BTCUSD',
          side: 'long',
          contracts: '9050',
          sizeInBase: '0.099991050524759662',
          entryPrice: '87500.5',
          markPrice: '90508.1',
          notional: '0.099991050524759662',
          unrealizedPnl: '0.00343693',
          leverage: '10',
          liquidationPrice: '80240.6',
          marginMode: 'cross',
          margin: '0.0103428',
          settleAsset: 'BTC',
        },
      ],
      faults: sim.faults,
      async addActivity() {
        const now = clock.now();
        demo.deals.push({
          deal_id: 3_514_399_001,
          created_at: now - 1_000,
          order_id: 86_799_001,
          market: 'BTCUSDT',
          margin_market: '',
          side: 'sell',
          price: '90480.3',
          amount: '0.01',
          role: 'maker',
          fee: '1.809606',
          fee_ccy: 'USDT',
        });
        demo.deposits.push({
          deposit_id: 14_270_120,
          created_at: now - 1_000,
          tx_id: '0xabc',
          ccy: 'USDT',
          chain: 'TRC20',
          deposit_method: 'on_chain',
          amount: '750',
          actual_amount: '750',
          to_address: 'TXL8bQKAaEF5zvdVUtGk4Aw3d8jT3mwJ8o',
          confirmations: 20,
          status: 'finished',
        });
        demo.withdrawals.push({
          withdraw_id: 259_450,
          created_at: now - 1_000,
          withdraw_method: 'ON_CHAIN',
          ccy: 'ETH',
          amount: '0.2016',
          actual_amount: '0.2',
          fee_asset: 'ETH',
          fee_amount: '0.0016',
          status: 'finished',
        });
        demo.futuresDeals?.push({
          deal_id: 4_100_020,
          created_at: now,
          market: 'ETHUSDT',
          side: 'buy',
          order_id: 4_100_920,
          position_id: 305_891_077,
          price: '3188.05',
          amount: '1',
          role: 'taker',
          fee: '1.594025',
          fee_ccy: 'USDT',
          realized_pnl: '57.55',
        });
        demo.transfers?.push({ created_at: now, from_account_type: 'FUTURES', to_account_type: 'SPOT', ccy: 'USDT', amount: '75', status: 'finished' });
        clock.advance(1_000);
        const transfer = `transfer:${now}:FUTURES:SPOT:USDT:75`;
        return [
          'trade:BTCUSDT:3514399001',
          'deposit:14270120',
          'withdrawal:259450',
          'trade:FUTURES:ETHUSDT:4100020',
          `${transfer}:futures`,
          `${transfer}:spot`,
        ];
      },
      close: () => sim.stop(),
    };
  },
});
