import { loadIbkrDemoAccount } from '../../simulators/ibkr-flex/ibkr-demo-account.js';
import { IbkrFlexSimulator } from '../../simulators/ibkr-flex/ibkr-flex-simulator.js';
import { nextIbkrTransactionId } from '../../simulators/ibkr-flex/ibkr-sim-account.js';
import { createTestContext, describeConnectorContract } from '../contract-suite.js';
import { IBKR_DEMO_POSITIONS } from './ibkr-demo-positions.expected.js';
import { createIbkrFlexConnector } from './ibkr-flex-connector.js';

// No statement cache and 1 ms polls: the contract runs many passes back to back and adds
// activity between them. Pacing and the cache are tested in ibkr-flex-connector.test.ts.
const connector = createIbkrFlexConnector({ cacheMs: 0, pollDelaysMs: [1] });

describeConnectorContract({
  name: 'IBKR Flex Web Service (simulator, demo account)',
  connector,
  gaps: {
    repeatsReportedActivity: 'A Flex statement covers the query’s whole period on every download; the runner stores one copy per IBKR transaction id.',
  },
  async setup() {
    // The limit of ten requests a minute is tested on its own; the contract makes dozens.
    const sim = new IbkrFlexSimulator({ perMinute: 1_000 });
    await sim.start();
    const account = loadIbkrDemoAccount();
    const query = sim.addQuery({ accounts: [account], notReadyPolls: 2 });
    const credentials = { token: query.token, queryId: query.queryId };
    const baseUrls = { 'ibkr-flex': sim.flexUrl };
    return {
      context: (cursors, signal) => createTestContext({ credentials, baseUrls, cursors, signal }),
      contextWithBadCredentials: () => createTestContext({ credentials: { token: '000000000000000000000000', queryId: query.queryId }, baseUrls }),
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
      faults: sim.server.faults,
      async addActivity() {
        const trade = {
          transactionId: nextIbkrTransactionId(),
          tradeId: '800001',
          instrument: account.positions[0]!,
          executedAt: Date.now() - 60_000,
          quantity: '5',
          tradePrice: '229.9',
          commission: '1',
        };
        account.trades.push(trade);
        const dividend = {
          transactionId: nextIbkrTransactionId(),
          type: 'Dividends',
          currency: 'USD',
          amount: '6.25',
          description: 'AAPL CASH DIVIDEND',
          bookedAt: Date.now() - 30_000,
          symbol: 'AAPL',
        };
        account.cashTransactions.push(dividend);
        return [`trade:${trade.transactionId}`, `cash:${dividend.transactionId}`];
      },
      close: () => sim.stop(),
    };
  },
});
