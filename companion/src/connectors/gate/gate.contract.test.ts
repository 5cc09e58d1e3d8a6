import { createTestClock } from '../../simulators/framework/test-clock.js';
import { gateDemoAccount } from '../../simulators/gate/demo-account.js';
import { GateSimulator } from '../../simulators/gate/gate-simulator.js';
import { createTestContext, describeConnectorContract } from '../contract-suite.js';
import { createGateConnector } from './gate-connector.js';

const clock = createTestClock();
// History from 100 days back: four 30-day windows over the demo's 75 days; pages of 25 trades so
// that windows take several requests.
const connector = createGateConnector({
  clock,
  config: { rateLimit: 1 },
  historyStartMs: clock.now() - 100 * 86_400_000,
  pageLimits: { trades: 25, transfers: 2 },
});

describeConnectorContract({
  name: 'Gate (simulator, demo account)',
  connector,
  async setup() {
    const sim = new GateSimulator({ clock });
    const baseUrl = await sim.start();
    const demo = sim.addAccount(gateDemoAccount(clock.now()));
    const credentials = { apiKey: demo.apiKey, secret: demo.secret };
    return {
      context: (cursors, signal) => createTestContext({ credentials, baseUrls: { gate: baseUrl }, cursors, signal }),
      contextWithBadCredentials: () =>
        createTestContext({ credentials: { ...credentials, secret: 'not-the-secret-of-this-key' }, baseUrls: { gate: baseUrl } }),
      // From the demo account by hand. Spot ETH is zero and dropped. Margin: ETH 0 − 1.5 borrowed −
      // 0.000312 interest; futures: equity = total + unrealised_pnl (5230.1245 + 9.98676), of which
      // position + order margin (197.441236 + 30) is locked;
      // Earn: amount − frozen_amount is free.
      expectedBalances: [
        { accountKey: 'spot', asset: 'BTC', free: '0.8231', locked: '0.05' },
        { accountKey: 'spot', asset: 'USDT', free: '12500.37', locked: '250' },
        { accountKey: 'spot', asset: 'GT', free: '120.5', locked: '0' },
        { accountKey: 'margin', asset: 'ETH', free: '-1.500312', locked: '0' },
        { accountKey: 'margin', asset: 'USDT', free: '6120.4', locked: '0' },
        // Cross margin: 749.88 − 400 borrowed − 0 interest, 50 frozen.
        { accountKey: 'cross-margin', asset: 'USDT', free: '349.88', locked: '50' },
        { accountKey: 'cross-margin', asset: 'BTC', free: '0.01499', locked: '0' },
        { accountKey: 'futures-usdt', asset: 'USDT', free: '5012.670024', locked: '227.441236' },
        { accountKey: 'futures-btc', asset: 'BTC', free: '0.24955008', locked: '0.00054' },
        // Delivery: equity 1500 + 12.35, of which the position margin 120.5 is locked.
        { accountKey: 'delivery-usdt', asset: 'USDT', free: '1391.85', locked: '120.5' },
        // Options: equity 2551.45 (cash 2279.45 + positions 272), of which 2098.95 is available.
        { accountKey: 'options', asset: 'USDT', free: '2098.95', locked: '452.5' },
        { accountKey: 'earn', asset: 'USDT', free: '3000', locked: '0' },
        { accountKey: 'earn', asset: 'BTC', free: '0.08000044', locked: '0.02' },
      ],
      // 12 BTC_USDT contracts of 0.0001 BTC, cross (leverage "0", limit 10); 30 ETH_USDT contracts of
      // 0.01 ETH short, isolated 5×; 500 BTC_USD contracts of 1 USD at a mark of 92000 = 500/92000 BTC.
      expectedPositions: [
        {
          accountKey: 'futures-usdt',
          symbol: 'BTC_USDT',
          side: 'long',
          contracts: '12',
          sizeInBase: '0.0012',
          entryPrice: '91250.5',
          markPrice: '92010.3',
          notional: '110.41236',
          unrealizedPnl: '0.91176',
          leverage: '10',
          liquidationPrice: '45012.7',
          marginMode: 'cross',
          margin: '11.041236',
          settleAsset: 'USDT',
        },
        {
          accountKey: 'futures-usdt',
          symbol: 'ETH_USDT',
          side: 'short',
          contracts: '30',
          sizeInBase: '0.3',
          entryPrice: '3120.4',
          markPrice: '3090.15',
          notional: '927.045',
          unrealizedPnl: '9.075',
          leverage: '5',
          liquidationPrice: '3700.2',
          marginMode: 'isolated',
          margin: '186.4',
          settleAsset: 'USDT',
        },
        {
          accountKey: 'futures-btc',
          symbol: 'BTC_USD',
          side: 'long',
          contracts: '500',
          sizeInBase: '0.005434782608695652',
          entryPrice: '90500',
          markPrice: '92000',
          notional: '0.00543478',
          unrealizedPnl: '0.00009008',
          leverage: '10',
          liquidationPrice: '83000.5',
          marginMode: 'isolated',
          margin: '0.00054',
          settleAsset: 'BTC',
        },
        // 80 BTC_USDT_20261225 delivery contracts of 0.0001 BTC, isolated 6×.
        {
          accountKey: 'delivery-usdt',
          symbol: 'BTC_USDT_20261225',
          side: 'long',
          contracts: '80',
          sizeInBase: '0.008',
          entryPrice: '90491.25',
          markPrice: '92035',
          notional: '736.28',
          unrealizedPnl: '12.35',
          leverage: '6',
          liquidationPrice: '76112.4',
          marginMode: 'isolated',
          margin: '120.5',
          settleAsset: 'USDT',
        },
        // Options: 10 calls of 0.01 BTC bought, 5 puts of 0.01 BTC sold; notional = size in BTC ×
        // the underlying's forward price 92035 (0.1 × 92035, 0.05 × 92035). A bought option has no
        // margin mode; a sold one is margined by the whole options wallet.
        {
          accountKey: 'options',
          symbol: 'BTC_USDT-20261225-100000-C',
          side: 'long',
          contracts: '10',
          sizeInBase: '0.1',
          entryPrice: '3125',
          markPrice: '3410',
          notional: '9203.5',
          unrealizedPnl: '28.5',
          leverage: null,
          liquidationPrice: null,
          marginMode: null,
          margin: null,
          settleAsset: 'USDT',
        },
        {
          accountKey: 'options',
          symbol: 'BTC_USDT-20261225-80000-P',
          side: 'short',
          contracts: '5',
          sizeInBase: '0.05',
          entryPrice: '1450',
          markPrice: '1380',
          notional: '4601.75',
          unrealizedPnl: '3.5',
          leverage: null,
          liquidationPrice: null,
          marginMode: 'cross',
          margin: null,
          settleAsset: 'USDT',
        },
      ],
      faults: sim.faults,
      async addActivity() {
        const at = clock.now();
        demo.trades.push({
          id: '5736799001',
          create_time: String(Math.floor(at / 1000)),
          create_time_ms: `${at}.250`,
          currency_pair: 'ETH_USDT',
          side: 'buy',
          role: 'taker',
          amount: '0.5',
          price: '3101.2',
          order_id: '125924050999',
          fee: '0.001',
          fee_currency: 'ETH',
          point_fee: '0',
          gt_fee: '0',
          amend_text: '-',
          sequence_id: '588999',
          text: 'api',
        });
        demo.deposits.push({
          id: 'd33369999',
          timestamp: String(Math.floor(at / 1000)),
          currency: 'USDC',
          amount: '1200',
          status: 'DONE',
          chain: 'SOL',
          txid: '5xYz',
          address: 'So1…',
          memo: '',
          withdraw_order_id: '',
        });
        demo.withdrawals.push({
          id: 'w1879999',
          timestamp: String(Math.floor(at / 1000)),
          currency: 'BTC',
          amount: '0.01',
          fee: '0.0001',
          status: 'DONE',
          chain: 'BTC',
          txid: 'ab12',
          address: 'bc1q…',
          memo: '',
          withdraw_order_id: '',
        });
        demo.futuresBook.usdt?.push({
          id: '70829999',
          time: at / 1000,
          change: '-0.0391',
          balance: '5230.08',
          type: 'fund',
          text: 'BTC_USDT',
          contract: 'BTC_USDT',
          trade_id: '',
        });
        demo.interest.push({
          status: 1,
          currency: 'USDT',
          actual_rate: '0.0000114',
          interest: '0.0351',
          interest_status: 'interest_dividend',
          create_time: at,
        });
        demo.marginBook?.push({
          id: '41209999',
          time: String(Math.floor(at / 1000)),
          time_ms: at,
          currency: 'USDT',
          currency_pair: 'ETH_USDT',
          change: '300',
          balance: '6420.4',
          type: 'in',
        });
        demo.lendRecords?.push({
          type: 'lend',
          currency: 'USDT',
          amount: '100',
          last_wallet_amount: '3000',
          last_lent_amount: '2950.5',
          last_frozen_amount: '0',
          create_time: at,
        });
        demo.optionsBook?.push({ time: at / 1000, change: '-0.4', balance: '2257.35', type: 'fee', text: 'BTC_USDT-20261225-100000-C:7310090' });
        clock.advance(2_000);
        return [
          'trade:ETH_USDT:5736799001',
          'deposit:d33369999',
          'withdrawal:w1879999',
          'book:usdt:fund:70829999',
          // Paid out to spot (`interest_dividend`).
          `interest:USDT:${at}`,
          'book:margin:41209999:spot',
          'book:margin:41209999:margin',
          `lend:lend:USDT:${at}:spot`,
          `lend:lend:USDT:${at}:earn`,
          `book:options:fee:${at / 1000}:BTC_USDT-20261225-100000-C:7310090:-0.4`,
        ];
      },
      close: () => sim.stop(),
    };
  },
});
