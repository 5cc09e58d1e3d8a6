import { BlofinSimulator } from '../../simulators/blofin/blofin-simulator.js';
import { blofinDemoAccount } from '../../simulators/blofin/demo-account.js';
import { createTestClock } from '../../simulators/framework/test-clock.js';
import { createTestContext, describeConnectorContract } from '../contract-suite.js';
import { createBlofinConnector } from './blofin-connector.js';

const clock = createTestClock();
const connector = createBlofinConnector({ clock, config: { rateLimit: 1 } });

describeConnectorContract({
  name: 'BloFin (simulator, demo account)',
  connector,
  async setup() {
    const sim = new BlofinSimulator({ clock });
    const baseUrl = await sim.start();
    const demo = sim.addAccount(blofinDemoAccount(clock.now()));
    const credentials = { apiKey: demo.apiKey, secret: demo.secret, passphrase: demo.passphrase };
    return {
      context: (cursors, signal) => createTestContext({ credentials, baseUrls: { blofin: baseUrl }, cursors, signal }),
      contextWithBadCredentials: () =>
        createTestContext({ credentials: { ...credentials, secret: 'not0the0secret0of0this0key000000' }, baseUrls: { blofin: baseUrl } }),
      faults: sim.faults,
      // From the demo account by hand, BloFin's 18-decimal strings made canonical: total = balance,
      // locked = frozen, free = the rest; funding SOL is zero and left out.
      expectedBalances: [
        { accountKey: 'funding', asset: 'USDT', free: '2500.75', locked: '0' },
        { accountKey: 'spot', asset: 'BTC', free: '0.1', locked: '0.02' },
        { accountKey: 'spot', asset: 'ETH', free: '1.5', locked: '0' },
        { accountKey: 'futures', asset: 'USDT', free: '7650.25', locked: '350.25' },
        { accountKey: 'earn', asset: 'USDC', free: '1000', locked: '0' },
      ],
      // 150 contracts of 0.001 BTC = 0.15 BTC, notional 0.15 × 92057.4; 20 contracts of 0.01 ETH = 0.2 ETH short, 0.2 × 3101.2.
      expectedPositions: [
        {
          accountKey: 'futures',
          symbol: 'BTC-USDT',
          side: 'long',
          contracts: '150',
          sizeInBase: '0.15',
          entryPrice: '90500',
          markPrice: '92057.4',
          notional: '13808.61',
          unrealizedPnl: '233.61',
          leverage: '10',
          liquidationPrice: '82000.5',
          marginMode: 'cross',
          margin: '1380.861',
          settleAsset: 'USDT',
        },
        {
          accountKey: 'futures',
          symbol: 'ETH-USDT',
          side: 'short',
          contracts: '20',
          sizeInBase: '0.2',
          entryPrice: '3200',
          markPrice: '3101.2',
          notional: '620.24',
          unrealizedPnl: '19.76',
          leverage: '5',
          liquidationPrice: '3700.25',
          marginMode: 'isolated',
          margin: '124.048',
          settleAsset: 'USDT',
        },
      ],
      async addActivity() {
        const now = String(clock.now());
        demo.spotFills.push({
          instId: 'ETH-USDT',
          tradeId: '7772999',
          orderId: '28697999',
          fillPrice: '3101.200000000000000000',
          fillSize: '0.500000000000000000',
          fillPnl: '0.000000000000000000',
          side: 'buy',
          fee: '0.000500000000000000',
          ts: now,
          feeCurrency: 'base_currency',
        });
        demo.futuresFills.push({
          instId: 'BTC-USDT',
          tradeId: '1440999',
          fillPrice: '92000.000000000000000000',
          fillSize: '10.000000000000000000',
          fillPnl: '15.000000000000000000',
          side: 'sell',
          fee: '0.552000000000000000',
          ts: now,
        });
        demo.deposits.push({ depositId: 'f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1', currency: 'USDT', amount: '250.000000000000000000', state: '1', ts: now });
        demo.withdrawals.push({
          withdrawId: 'c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8',
          currency: 'USDT',
          amount: '100.000000000000000000',
          fee: '1.000000000000000000',
          state: '3',
          ts: now,
        });
        demo.transfers?.push({
          transferId: '1599',
          currency: 'USDT',
          fromAccount: 'futures',
          toAccount: 'spot',
          amount: '75.000000000000000000',
          ts: String(clock.now()),
          clientId: '',
        });
        clock.advance(1_000);
        return [
          'transfer:1599:out',
          'transfer:1599:in',
          'fill:spot:ETH-USDT:7772999',
          'fill:futures:BTC-USDT:1440999',
          'deposit:f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1',
          'withdrawal:c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8',
        ];
      },
      close: () => sim.stop(),
    };
  },
});
