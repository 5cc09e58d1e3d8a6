import { createTestClock } from '../../simulators/framework/test-clock.js';
import { mexcDemoAccount } from '../../simulators/mexc/demo-account.js';
import { MexcSimulator } from '../../simulators/mexc/mexc-simulator.js';
import { createTestContext, describeConnectorContract } from '../contract-suite.js';
import { createMexcConnector } from './mexc-connector.js';

const clock = createTestClock();
// Funding pages of 10 so that its 27 records take three requests, transfers pages of 2 (three requests).
// Futures fills keep MEXC's 100 a page (mexc-connector.test.ts pages them): MEXC allows 20 calls per
// 2 s per futures endpoint, which this suite's back-to-back passes would exceed with smaller pages.
const connector = createMexcConnector({ clock, config: { rateLimit: 1 }, pageLimits: { funding: 10, transfers: 2 } });

describeConnectorContract({
  name: 'MEXC (simulator, demo account)',
  connector,
  async setup() {
    const sim = new MexcSimulator({ clock });
    const baseUrl = await sim.start();
    const demo = sim.addAccount(mexcDemoAccount(clock.now()));
    const credentials = { apiKey: demo.apiKey, secret: demo.secret };
    return {
      context: (cursors, signal) => createTestContext({ credentials, baseUrls: { mexc: baseUrl }, cursors, signal }),
      contextWithBadCredentials: () =>
        createTestContext({ credentials: { ...credentials, secret: 'not-the-secret-of-this-key' }, baseUrls: { mexc: baseUrl } }),
      // From the demo account by hand. Futures: equity = cashBalance 3120.5 + unrealized 75.19, of
      // which positionMargin 261.02 + frozenBalance 20 is locked.
      expectedBalances: [
        { accountKey: 'spot', asset: 'USDT', free: '8450.25', locked: '120' },
        { accountKey: 'spot', asset: 'BTC', free: '0.215', locked: '0' },
        { accountKey: 'spot', asset: 'ETH', free: '1.2', locked: '0' },
        { accountKey: 'spot', asset: 'SOL', free: '12.5', locked: '0' },
        { accountKey: 'spot', asset: 'MX', free: '350', locked: '0' },
        { accountKey: 'futures', asset: 'USDT', free: '2914.67', locked: '281.02' },
      ],
      // 250 BTC_USDT contracts of 0.0001 BTC = 0.025 BTC, cross 20×: uPnL (92000.1 − 90120.5) × 0.025 = 46.99,
      // notional 0.025 × 92000.1; 40 SOL_USDT contracts of 0.1 SOL = 4 SOL short, isolated 5×:
      // uPnL (182.4 − 175.35) × 4 = 28.2, notional 4 × 175.35.
      expectedPositions: [
        {
          accountKey: 'futures',
          symbol: 'BTC_USDT',
          side: 'long',
          contracts: '250',
          sizeInBase: '0.025',
          entryPrice: '90120.5',
          markPrice: '92000.1',
          notional: '2300.0025',
          unrealizedPnl: '46.99',
          leverage: '20',
          liquidationPrice: '45000.3',
          marginMode: 'cross',
          margin: '115.1',
          settleAsset: 'USDT',
        },
        {
          accountKey: 'futures',
          symbol: 'SOL_USDT',
          side: 'short',
          contracts: '40',
          sizeInBase: '4',
          entryPrice: '182.4',
          markPrice: '175.35',
          notional: '701.4',
          unrealizedPnl: '28.2',
          leverage: '5',
          liquidationPrice: '215.7',
          marginMode: 'isolated',
          margin: '145.92',
          settleAsset: 'USDT',
        },
      ],
      faults: sim.faults,
      async addActivity() {
        const at = clock.now();
        demo.trades.push({
          symbol: 'ETHUSDT',
          id: '543210987659999',
          orderId: 'C02__412999999',
          orderListId: -1,
          price: '3101.2',
          qty: '0.5',
          quoteQty: '1550.6',
          commission: '0.00025',
          commissionAsset: 'ETH',
          time: at,
          isBuyer: true,
          isMaker: false,
          isBestMatch: true,
          isSelfTrade: false,
          clientOrderId: null,
        });
        demo.deposits.push({
          amount: '1200',
          coin: 'USDC',
          network: 'SOL',
          status: 5,
          address: 'So1…',
          txId: '5xYz99',
          insertTime: at,
          unlockConfirm: '1',
          confirmTimes: '32',
          memo: '',
        });
        demo.withdrawals.push({
          id: 'e0f1a2b3c4d5e6f708192a3b4c5d6e7f',
          txId: 'ab12',
          coin: 'BTC',
          network: 'BTC',
          address: 'bc1q…',
          amount: '0.01',
          transferType: 0,
          status: 7,
          transactionFee: '0.0001',
          confirmNo: 2,
          applyTime: at,
          remark: '',
          memo: '',
          transHash: 'ab12',
          updateTime: at,
          coinId: 'c1',
          vcoinId: 'v1',
        });
        demo.funding.push({ id: 7_429_999, symbol: 'BTC_USDT', positionType: 1, positionValue: 2300.0025, funding: -0.0231, rate: 0.0001, settleTime: at });
        demo.futuresTransfers?.push({
          id: 2_980_900,
          txid: 'fa8a1e7bf05940a3b7025856dc48d900',
          currency: 'USDT',
          amount: 40,
          type: 'OUT',
          state: 'SUCCESS',
          createTime: at,
          updateTime: at,
        });
        demo.futuresDeals?.push({
          id: 299_444_900,
          symbol: 'BTC_USDT',
          side: 4,
          vol: 50,
          price: 92_000.1,
          feeCurrency: 'USDT',
          fee: 0.184,
          timestamp: at,
          profit: 9.398,
          category: 1,
          orderId: '265307163526610900',
          positionMode: 1,
          taker: true,
        });
        clock.advance(2_000);
        return [
          'trade:ETHUSDT:543210987659999',
          `deposit:USDC:5xYz99:${at}`,
          'withdrawal:e0f1a2b3c4d5e6f708192a3b4c5d6e7f',
          'funding:7429999',
          'transfer:2980900:spot',
          'transfer:2980900:futures',
          'deal:299444900',
        ];
      },
      close: () => sim.stop(),
    };
  },
});
