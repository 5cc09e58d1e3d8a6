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
      async addActivity() {
        return [];
      },
      close: () => sim.stop(),
    };
  },
});
