import { createTestClock } from '../../simulators/framework/test-clock.js';
import { htxDemoAccount } from '../../simulators/htx/demo-account.js';
import { HtxSimulator } from '../../simulators/htx/htx-simulator.js';
import { createTestContext, describeConnectorContract } from '../contract-suite.js';
import { createHtxConnector } from './htx-connector.js';

const clock = createTestClock();
// The demo's trades span 26 days; reading 30 (15 windows of 48 hours, not HTX's full 120, which
// htx-connector.test.ts walks) keeps each pass short, as do 21 days of coin-margined records (the
// demo's are at most 20 days old). ccxt spaces requests 41 ms apart; pages of 20 trades (one a
// window here; htx-connector.test.ts pages them) keep a pass's 15 trade requests under HTX's 20 per
// 2 s. Pages of 2 transfers and 5 USDT-M bills make both transfer histories span several pages
// (the week of the BTC long's funding holds 20 bills).
const connector = createHtxConnector(
  { clock, config: { rateLimit: 41 } },
  { tradePageLimit: 20, transferPageLimit: 2, tradeBackfillDays: 30, billPageLimit: 5, recordBackfillDays: 21 },
);

describeConnectorContract({
  name: 'HTX (simulator, demo account)',
  connector,
  async setup() {
    const sim = new HtxSimulator({ clock });
    const baseUrl = await sim.start();
    const demo = sim.addAccount(htxDemoAccount(clock.now()));
    const credentials = { apiKey: demo.apiKey, secret: demo.secret };
    return {
      context: (cursors, signal) => createTestContext({ credentials, baseUrls: { htx: baseUrl }, cursors, signal }),
      contextWithBadCredentials: () => createTestContext({ credentials: { ...credentials, secret: 'not-the-secret-of-this-key' }, baseUrls: { htx: baseUrl } }),
      // From the demo account by hand. Spot: trade free, frozen locked, XRP is zero. Cross margin:
      // 2100 − 1000 loan − 0.4166 interest, BTC 0.10998. Isolated: ethusdt ETH 1.5 − 0.5 − 0.0002, USDT
      // of both symbols 200 + 60, BTC (btcusdt) 0.010998. OTC: frozen 50 locked. The point card is not an asset. USDT-M: equity
      // 5230.118 with the initial margin 2652.4274 locked.
      expectedBalances: [
        { accountKey: 'spot', asset: 'BTC', free: '0.8421', locked: '0.05' },
        { accountKey: 'spot', asset: 'USDT', free: '12503.27', locked: '1500' },
        { accountKey: 'spot', asset: 'ETH', free: '4.2', locked: '0' },
        { accountKey: 'spot', asset: 'DOGE', free: '15000', locked: '0' },
        { accountKey: 'cross-margin', asset: 'USDT', free: '1099.5834', locked: '0' },
        { accountKey: 'cross-margin', asset: 'BTC', free: '0.10998', locked: '0' },
        { accountKey: 'isolated-margin', asset: 'ETH', free: '0.9998', locked: '0' },
        { accountKey: 'isolated-margin', asset: 'USDT', free: '260', locked: '0' },
        { accountKey: 'isolated-margin', asset: 'BTC', free: '0.010998', locked: '0' },
        { accountKey: 'otc', asset: 'USDT', free: '800', locked: '50' },
        { accountKey: 'usdt-m', asset: 'USDT', free: '2577.6906', locked: '2652.4274' },
        // Coin-margined: margin_balance 0.152340118834755271 with the position's margin and 0.0005 frozen locked.
        { accountKey: 'coin-m', asset: 'BTC', free: '0.140791902762583904', locked: '0.011548216072171367' },
        // Coin-margined delivery: margin_balance 0.051234567890123456 with the position's margin locked.
        { accountKey: 'coin-m-delivery', asset: 'BTC', free: '0.049027062371359659', locked: '0.002207505518763797' },
      ],
      // BTC-USDT: 120 contracts of 0.001 BTC = 0.12 BTC, × 91012.7 = 10921.524 USDT.
      // ETH-USDT: 250 contracts of 0.01 ETH = 2.5 ETH, × 3171.3 = 7928.25 USDT.
      expectedPositions: [
        {
          accountKey: 'usdt-m',
          symbol: 'BTC-USDT',
          side: 'long',
          contracts: '120',
          sizeInBase: '0.12',
          entryPrice: '89250.4',
          markPrice: '91012.7',
          notional: '10921.524',
          unrealizedPnl: '211.476',
          leverage: '10',
          liquidationPrice: '65870.12',
          marginMode: 'cross',
          margin: '1092.1524',
          settleAsset: 'USDT',
        },
        {
          accountKey: 'usdt-m',
          symbol: 'ETH-USDT',
          side: 'short',
          contracts: '250',
          sizeInBase: '2.5',
          entryPrice: '3120.55',
          markPrice: '3171.3',
          notional: '7928.25',
          unrealizedPnl: '-126.875',
          leverage: '5',
          liquidationPrice: '3702.4',
          marginMode: 'isolated',
          margin: '1560.275',
          settleAsset: 'USDT',
        },
        // BTC-USD: 100 contracts of 100 USD = 10 000 USD ÷ the mark 90512.35 = 0.110482160721713667 BTC (18 places).
        {
          accountKey: 'coin-m',
          symbol: 'BTC-USD',
          side: 'long',
          contracts: '100',
          sizeInBase: '0.110482160721713667',
          entryPrice: '88000',
          markPrice: '90512.35',
          notional: '0.110482160721713667',
          unrealizedPnl: '0.00315420291464997',
          leverage: '10',
          liquidationPrice: '49211.7',
          marginMode: 'isolated',
          margin: '0.011048216072171367',
          settleAsset: 'BTC',
        },
        // BTC261225: 20 contracts of 100 USD = 2000 USD ÷ the mark 90600 = 0.022075055187637969 BTC (18 places).
        {
          accountKey: 'coin-m-delivery',
          symbol: 'BTC261225',
          side: 'long',
          contracts: '20',
          sizeInBase: '0.022075055187637969',
          entryPrice: '89000',
          markPrice: '90600',
          notional: '0.022075055187637969',
          unrealizedPnl: '0.000396854924721581',
          leverage: '10',
          liquidationPrice: '61234.5',
          marginMode: 'isolated',
          margin: '0.002207505518763797',
          settleAsset: 'BTC',
        },
      ],
      faults: sim.faults,
      async addActivity() {
        const now = clock.now();
        demo.trades.push({
          id: 800_000_001,
          symbol: 'xrpusdt',
          'order-id': 1_200_000_000_001,
          'match-id': 95_000_001,
          'trade-id': 200_001,
          type: 'buy-market',
          source: 'spot-api',
          price: '0.5123',
          'filled-amount': '400',
          'filled-fees': '0.8',
          'fee-currency': 'xrp',
          'filled-points': '0',
          'fee-deduct-currency': '',
          'fee-deduct-state': 'done',
          role: 'taker',
          'created-at': now - 1_000,
        });
        demo.transfers.push(
          {
            id: 30_010,
            type: 'deposit',
            currency: 'xrp',
            chain: 'xrp',
            'tx-hash': 'ABCD',
            amount: '500.000000000000000000',
            fee: '0',
            address: 'rEb8TK3gBgk5auZkwc6sHnwrGVJH8DuaLh',
            'address-tag': '104',
            state: 'safe',
            'created-at': now - 1_000,
            'updated-at': now,
          },
          {
            id: 30_011,
            type: 'withdraw',
            currency: 'usdt',
            chain: 'trc20usdt',
            'tx-hash': 'EF01',
            amount: '250.000000000000000000',
            fee: '1.000000000000000000',
            address: 'TRFTd1FxepQE6CnpwzUEMEbFaLm5bJK67s',
            'address-tag': '',
            state: 'confirmed',
            'created-at': now - 1_000,
            'updated-at': now,
          },
        );
        demo.linearBills?.push(
          {
            id: '2194779001',
            type: '31',
            currency: 'USDT',
            amount: '-1.9',
            contract_code: 'BTC-USDT',
            margin_mode: 'cross',
            created_time: String(now - 1_000),
          },
          { id: '2194779002', type: '15', currency: 'USDT', amount: '-25', contract_code: '', margin_mode: 'cross', created_time: String(now - 1_000) },
        );
        // USDT-M bills are read once they are a minute old.
        clock.advance(61_000);
        return ['trade:800000001', 'deposit:30010', 'withdrawal:30011', 'bill:2194779001', 'bill:2194779002:spot', 'bill:2194779002:usdt-m'];
      },
      close: () => sim.stop(),
    };
  },
});
