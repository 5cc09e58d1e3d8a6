import { alpacaActivityId, loadAlpacaDemoAccount } from '../../simulators/alpaca/alpaca-sim-account.js';
import { AlpacaSimulator } from '../../simulators/alpaca/alpaca-simulator.js';
import { createTestContext, describeConnectorContract } from '../contract-suite.js';
import { alpacaConnector } from './alpaca-connector.js';

describeConnectorContract({
  name: 'Alpaca (simulator, demo paper account)',
  connector: alpacaConnector,
  async setup() {
    const sim = new AlpacaSimulator();
    const baseUrl = await sim.start();
    const account = sim.addAccount(loadAlpacaDemoAccount());
    // Enough history for several pages of 100.
    for (let i = 0; i < 230; i += 1) {
      const at = Date.now() - (300 - i) * 3_600_000;
      account.activities.push({
        id: alpacaActivityId(at),
        activity_type: 'INT',
        date: new Date(at).toISOString().slice(0, 10),
        net_amount: '0.01',
        description: 'Interest',
        status: 'executed',
      });
    }
    const credentials = { keyId: account.keyId, secretKey: account.secretKey };
    return {
      context: (cursors, signal) => createTestContext({ credentials, baseUrls: { alpaca: baseUrl }, cursors, signal }),
      contextWithBadCredentials: () => createTestContext({ credentials: { keyId: account.keyId, secretKey: 'wrong-secret' }, baseUrls: { alpaca: baseUrl } }),
      expectedBalances: [
        { accountKey: 'PA3DEMO00001', asset: 'USD', free: '1074.24', locked: '0' },
        { accountKey: 'PA3DEMO00001', asset: 'MSFT', free: '4', locked: '0' },
        { accountKey: 'PA3DEMO00001', asset: 'SPY', free: '2.5', locked: '0' },
      ],
      // By hand: notional = qty × current price, uPnL = (current − entry) × qty.
      expectedPositions: [
        {
          accountKey: 'PA3DEMO00001',
          symbol: 'MSFT',
          side: 'long',
          contracts: '4',
          sizeInBase: '4',
          entryPrice: '402.15',
          markPrice: '431.2',
          notional: '1724.8',
          unrealizedPnl: '116.2',
          leverage: null,
          liquidationPrice: null,
          marginMode: null,
          margin: null,
          settleAsset: 'USD',
        },
        {
          accountKey: 'PA3DEMO00001',
          symbol: 'SPY',
          side: 'long',
          contracts: '2.5',
          sizeInBase: '2.5',
          entryPrice: '541.3',
          markPrice: '588.12',
          notional: '1470.3',
          unrealizedPnl: '117.05',
          leverage: null,
          liquidationPrice: null,
          marginMode: null,
          margin: null,
          settleAsset: 'USD',
        },
      ],
      faults: sim.server.faults,
      async addActivity() {
        const fill = {
          id: alpacaActivityId(Date.now()),
          activity_type: 'FILL' as const,
          transaction_time: new Date().toISOString(),
          type: 'fill' as const,
          price: '430.5',
          qty: '1',
          side: 'buy' as const,
          symbol: 'MSFT',
          leaves_qty: '0',
          order_id: 'f1e2d3c4-0000-4000-8000-000000000001',
          cum_qty: '1',
          order_status: 'filled',
        };
        const dividend = {
          id: alpacaActivityId(Date.now() + 1),
          activity_type: 'DIV',
          date: new Date().toISOString().slice(0, 10),
          net_amount: '1.5',
          description: 'Cash DIV',
          status: 'executed' as const,
          symbol: 'SPY',
        };
        account.activities.push(fill, dividend);
        return [`alpaca:${fill.id}`, `alpaca:${dividend.id}`];
      },
      close: () => sim.stop(),
    };
  },
});
