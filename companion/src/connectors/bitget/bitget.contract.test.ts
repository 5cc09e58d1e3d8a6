import { BitgetSimulator } from '../../simulators/bitget/bitget-simulator.js';
import { bitgetDemoAccount } from '../../simulators/bitget/demo-account.js';
import { createTestClock } from '../../simulators/framework/test-clock.js';
import { createTestContext, describeConnectorContract } from '../contract-suite.js';
import { createBitgetConnector } from './bitget-connector.js';

const clock = createTestClock();
// Pages of 10, so that the 30 BTCUSDT fills span three pages.
const connector = createBitgetConnector({ clock, config: { rateLimit: 1 }, pageSize: 10 });

describeConnectorContract({
  name: 'Bitget (simulator, demo account)',
  connector,
  async setup() {
    const sim = new BitgetSimulator({ clock });
    const baseUrl = await sim.start();
    const demo = sim.addAccount(bitgetDemoAccount(clock.now()));
    const credentials = { apiKey: demo.apiKey, secret: demo.secret, passphrase: demo.passphrase };
    return {
      context: (cursors, signal) => createTestContext({ credentials, baseUrls: { bitget: baseUrl }, cursors, signal }),
      contextWithBadCredentials: () =>
        createTestContext({ credentials: { ...credentials, secret: 'not-the-secret-of-this-key' }, baseUrls: { bitget: baseUrl } }),
      // From the demo account by hand: spot locked = frozen + locked; margin free = totalAmount −
      // frozen − borrow − interest (USDT 2000 − 600 − 0.35; ETH 0.5 + 0.0004 owed, none held);
      // futures locked = order margin + crossed + isolated position margin, free = equity − locked.
      expectedBalances: [
        { accountKey: 'spot', asset: 'BTC', free: '0.85', locked: '0.05' },
        { accountKey: 'spot', asset: 'ETH', free: '4.2', locked: '0' },
        { accountKey: 'spot', asset: 'USDT', free: '15230.5', locked: '500' },
        { accountKey: 'spot', asset: 'BGB', free: '1200', locked: '0' },
        { accountKey: 'funding', asset: 'USDT', free: '3000', locked: '0' },
        { accountKey: 'funding', asset: 'USDC', free: '500', locked: '0' },
        { accountKey: 'margin', asset: 'USDT', free: '1399.65', locked: '0' },
        { accountKey: 'margin', asset: 'BTC', free: '0.08', locked: '0.02' },
        { accountKey: 'margin', asset: 'ETH', free: '-0.5004', locked: '0' },
        // Isolated pairs summed per coin: USDT (1500 − 1000 − 0.42) on ETHUSDT + 300 on BTCUSDT; ETH 2 with
        // 0.5 in orders; BTC 0.01 + 0.000002 owed on BTCUSDT, none held.
        { accountKey: 'margin-isolated', asset: 'USDT', free: '799.58', locked: '0' },
        { accountKey: 'margin-isolated', asset: 'ETH', free: '1.5', locked: '0.5' },
        { accountKey: 'margin-isolated', asset: 'BTC', free: '-0.010002', locked: '0' },
        // Savings: flexible holdings free, the fixed ETH term locked.
        { accountKey: 'earn', asset: 'USDT', free: '800', locked: '0' },
        { accountKey: 'earn', asset: 'BGB', free: '500', locked: '0' },
        { accountKey: 'earn', asset: 'ETH', free: '0', locked: '1' },
        { accountKey: 'futures-usdt', asset: 'USDT', free: '5571.676', locked: '2738.574' },
        { accountKey: 'futures-coin', asset: 'BTC', free: '0.3', locked: '0.05' },
      ],
      // Sizes are in the coin already; notional = size × mark (USDT-M), the size itself (COIN-M).
      expectedPositions: [
        {
          accountKey: 'futures-usdt',
          symbol: 'BTCUSDT',
          side: 'long',
          contracts: '0.2',
          sizeInBase: '0.2',
          entryPrice: '88950.4',
          markPrice: '90200.1',
          notional: '18040.02',
          unrealizedPnl: '249.94',
          leverage: '10',
          liquidationPrice: '72110.55',
          marginMode: 'cross',
          margin: '1804.002',
          settleAsset: 'USDT',
        },
        {
          accountKey: 'futures-usdt',
          symbol: 'ETHUSDT',
          side: 'short',
          contracts: '1.5',
          sizeInBase: '1.5',
          entryPrice: '3120.4',
          markPrice: '3115.24',
          notional: '4672.86',
          unrealizedPnl: '7.74',
          leverage: '5',
          liquidationPrice: '3720.9',
          marginMode: 'isolated',
          margin: '934.572',
          settleAsset: 'USDT',
        },
        {
          accountKey: 'futures-coin',
          symbol: 'BTCUSD',
          side: 'long',
          contracts: '0.15',
          sizeInBase: '0.15',
          entryPrice: '87500',
          markPrice: '90200.1',
          notional: '0.15',
          unrealizedPnl: '0.0051315',
          leverage: '3',
          liquidationPrice: '45210.8',
          marginMode: 'cross',
          margin: '0.05',
          settleAsset: 'BTC',
        },
      ],
      faults: sim.faults,
      async addActivity() {
        const now = clock.now();
        demo.fills.push({
          userId: '7264631751',
          symbol: 'BTCUSDT',
          orderId: '1999999999999999501',
          tradeId: '1999999999999999001',
          orderType: 'market',
          side: 'buy',
          priceAvg: '90150.2',
          size: '0.01',
          amount: '901.502',
          feeDetail: { deduction: 'no', feeCoin: 'BTC', totalDeductionFee: '', totalFee: '-0.00001' },
          tradeScope: 'taker',
          cTime: String(now),
          uTime: String(now),
        });
        demo.deposits.push({
          orderId: '1999999999999999901',
          tradeId: '0xnew',
          coin: 'USDC',
          type: 'deposit',
          size: '750',
          status: 'success',
          dest: 'on_chain',
          chain: 'ERC20',
          cTime: String(now),
          uTime: String(now),
        });
        demo.futuresBills['USDT-FUTURES'].push({
          billId: '1999999999999999801',
          symbol: 'BTCUSDT',
          amount: '-0.8125',
          fee: '0',
          feeByCoupon: '',
          businessType: 'contract_settle_fee',
          coin: 'USDT',
          cTime: String(now),
        });
        // The pending withdrawal goes through.
        const pending = demo.withdrawals.find((w) => w.status === 'pending');
        if (pending !== undefined) pending.status = 'success';
        clock.advance(10_000);
        return ['fill:BTCUSDT:1999999999999999001', 'deposit:1999999999999999901', 'bill:USDT-FUTURES:1999999999999999801', `withdrawal:${pending?.orderId}`];
      },
      close: () => sim.stop(),
    };
  },
});
