import { IbkrCpapiSimulator } from '../../simulators/ibkr-cpapi/ibkr-cpapi-simulator.js';
import { loadIbkrDemoAccount } from '../../simulators/ibkr-flex/ibkr-demo-account.js';
import { createTestContext, describeConnectorContract } from '../contract-suite.js';
import { createIbkrCpapiConnector } from './ibkr-cpapi-connector.js';
import { IBKR_DEMO_POSITIONS } from './ibkr-demo-positions.expected.js';

describeConnectorContract({
  name: 'IBKR Client Portal Gateway (simulator, demo account)',
  connector: createIbkrCpapiConnector(),
  async setup() {
    const sim = new IbkrCpapiSimulator();
    await sim.start();
    sim.addAccount(loadIbkrDemoAccount());
    const baseUrls = { 'ibkr-cpapi': sim.apiUrl };
    return {
      context: (cursors, signal) => createTestContext({ credentials: {}, baseUrls, cursors, signal }),
      expectedBalances: [
        { accountKey: 'U7654321', asset: 'CHF', free: '4566.7', locked: '0' },
        { accountKey: 'U7654321', asset: 'USD', free: '1968.1', locked: '0' },
        { accountKey: 'U7654321', asset: 'AAPL', free: '20', locked: '0' },
        { accountKey: 'U7654321', asset: 'VT', free: '35', locked: '0' },
        { accountKey: 'U7654321', asset: 'NESN', free: '15', locked: '0' },
        // One written call: −1 contract × 100.
        { accountKey: 'U7654321', asset: 'AAPL 261218C00300000', free: '-100', locked: '0' },
      ],
      expectedPositions: IBKR_DEMO_POSITIONS,
      async addActivity() {
        return [];
      },
      close: () => sim.stop(),
    };
  },
});
