import { OpendSimulator, opendDemoAccount } from '../../simulators/futu-opend/opend-simulator.js';
import { createTestContext, describeConnectorContract } from '../contract-suite.js';
import { futuConnector } from './futu-connector.js';

describeConnectorContract({
  name: 'Futu OpenD (simulator, universal HK + US account)',
  connector: futuConnector,
  async setup() {
    const sim = new OpendSimulator();
    const url = await sim.start();
    sim.addAccount(opendDemoAccount());
    return {
      context: (cursors, signal) => createTestContext({ credentials: {}, baseUrls: { futu: url }, cursors, signal }),
      expectedBalances: [
        { accountKey: '281756460288713', asset: 'HKD', free: '12500.5', locked: '0' },
        { accountKey: '281756460288713', asset: 'USD', free: '830.27', locked: '0' },
        { accountKey: '281756460288713', asset: '00700.HK', free: '200', locked: '0' },
        { accountKey: '281756460288713', asset: 'AAPL', free: '15', locked: '0' },
      ],
      // By hand: notional = qty × price, uPnL = (price − cost) × qty, in each market's currency.
      expectedPositions: [
        {
          accountKey: '281756460288713',
          symbol: '00700.HK',
          side: 'long',
          contracts: '200',
          sizeInBase: '200',
          entryPrice: '355.2',
          markPrice: '412.6',
          notional: '82520',
          unrealizedPnl: '11480',
          leverage: null,
          liquidationPrice: null,
          marginMode: null,
          margin: null,
          settleAsset: 'HKD',
        },
        {
          accountKey: '281756460288713',
          symbol: 'AAPL',
          side: 'long',
          contracts: '15',
          sizeInBase: '15',
          entryPrice: '190.12',
          markPrice: '230.5',
          notional: '3457.5',
          unrealizedPnl: '605.7',
          leverage: null,
          liquidationPrice: null,
          marginMode: null,
          margin: null,
          settleAsset: 'USD',
        },
      ],
      async addActivity() {
        return [];
      },
      close: () => sim.stop(),
    };
  },
});
