import { OpendSimulator, opendDemoAccount } from '../../simulators/futu-opend/opend-simulator.js';
import { createTestContext, describeConnectorContract } from '../contract-suite.js';
import { SlidingWindowPacer } from '../sliding-window-pacer.js';
import { createFutuConnector } from './futu-connector.js';

// OpenD's 10 requests per 30 s are lifted here, in the simulator and the pacer alike: the
// contract runs many whole passes. futu-connector.test.ts runs the history under the real limit.
const connector = createFutuConnector({ pacer: new SlidingWindowPacer({ limit: 1_000_000, windowMs: 30_000 }) });

describeConnectorContract({
  name: 'Futu OpenD (simulator, universal HK + US account)',
  connector,
  async setup() {
    const sim = new OpendSimulator();
    sim.rateLimit = null;
    const url = await sim.start();
    const account = sim.addAccount(opendDemoAccount());
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
      // A Tencent purchase a minute ago, in one fill, with its fee.
      async addActivity() {
        account.fills![1]!.push({
          fillID: '8120999',
          orderIDEx: 'FTHK0999',
          side: 1,
          code: '00700',
          name: 'TENCENT',
          qty: '100',
          price: '415',
          at: new Date(Date.now() - 60_000).toISOString(),
        });
        account.orderFees!.FTHK0999 = {
          amount: '83.1',
          items: [
            ['Commission', '12.45'],
            ['Platform fees', '15'],
            ['Stamp duty', '42'],
            ['Trading fee', '13.65'],
          ],
        };
        return [`futu:${account.accID}:8120999`];
      },
      // A status fault of the HTTP simulators becomes OpenD refusing every trade request.
      faults: { push: (fault) => sim.refuseTradeRequests(fault.count ?? 1), clear: () => sim.refuseTradeRequests(0) },
      close: () => sim.stop(),
    };
  },
});
