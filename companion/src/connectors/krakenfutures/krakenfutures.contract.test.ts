import { createTestClock } from '../../simulators/framework/test-clock.js';
import { krakenFuturesDemoAccount, krakenFuturesLogEntry } from '../../simulators/krakenfutures/demo-account.js';
import { KrakenFuturesSimulator } from '../../simulators/krakenfutures/krakenfutures-simulator.js';
import { createTestContext, describeConnectorContract } from '../contract-suite.js';
import { createKrakenFuturesConnector } from './krakenfutures-connector.js';

const clock = createTestClock();
// Five account-log rows a page, so the demo's eighteen take four pages.
const connector = createKrakenFuturesConnector({ clock, config: { rateLimit: 1 }, logPageLimit: 5 });

describeConnectorContract({
  name: 'Kraken Futures (simulator, demo account)',
  connector,
  async setup() {
    const sim = new KrakenFuturesSimulator({ clock });
    const baseUrl = await sim.start();
    const demo = sim.addAccount(krakenFuturesDemoAccount(clock.now()));
    const credentials = { apiKey: demo.apiKey, secret: demo.secret };
    return {
      context: (cursors, signal) => createTestContext({ credentials, baseUrls: { krakenfutures: baseUrl }, cursors, signal }),
      // A well-formed Base64 secret that is not this key's.
      contextWithBadCredentials: () =>
        createTestContext({
          credentials: { ...credentials, secret: 'bm90LXRoZS1zZWNyZXQtb2YtdGhpcy1rZXktbm90LXRoZS1zZWNyZXQtb2YtdGhpcy1rZXktMDAwMDA=' },
          baseUrls: { krakenfutures: baseUrl },
        }),
      faults: sim.faults,
      // From the demo account by hand: XBT is BTC; cash and single-collateral balances are free;
      // in flex, locked = quantity − available (USD 15128.2746 − 13400.5521 = 1727.7225). Flex EUR
      // and fi_ethusd ETH are zero and left out; `pi_xbtusd: -1000` in fi_xbtusd is a position.
      expectedBalances: [
        { accountKey: 'cash', asset: 'BTC', free: '0.03', locked: '0' },
        { accountKey: 'cash', asset: 'ETH', free: '1.25', locked: '0' },
        { accountKey: 'flex', asset: 'USD', free: '13400.5521', locked: '1727.7225' },
        { accountKey: 'flex', asset: 'BTC', free: '0.05', locked: '0' },
        { accountKey: 'fi_xbtusd', asset: 'BTC', free: '0.0199933679', locked: '0' },
      ],
      // PF_XBTUSD: 0.25 × 92057.4 = 23014.35, uPnL 0.25 × (92057.4 − 88000.5) = 1014.225.
      // PF_ETHUSD short: 3 × 3101.2 = 9303.6, uPnL 3 × (3200 − 3101.2) = 296.4, isolated at 5×.
      // PI_XBTUSD short 1000 USD contracts: 1000 ÷ 92050.5 = 0.010863602044529905 BTC (18 places),
      // uPnL −1000 × (1/90000 − 1/92050.5) = −0.000247509066581206 BTC (computed with Python's decimal).
      expectedPositions: [
        {
          accountKey: 'flex',
          symbol: 'PF_XBTUSD',
          side: 'long',
          contracts: '0.25',
          sizeInBase: '0.25',
          entryPrice: '88000.5',
          markPrice: '92057.4',
          notional: '23014.35',
          unrealizedPnl: '1014.225',
          leverage: null,
          liquidationPrice: null,
          marginMode: 'cross',
          margin: null,
          settleAsset: 'USD',
        },
        {
          accountKey: 'flex',
          symbol: 'PF_ETHUSD',
          side: 'short',
          contracts: '3',
          sizeInBase: '3',
          entryPrice: '3200',
          markPrice: '3101.2',
          notional: '9303.6',
          unrealizedPnl: '296.4',
          leverage: '5',
          liquidationPrice: null,
          marginMode: 'isolated',
          margin: null,
          settleAsset: 'USD',
        },
        {
          accountKey: 'fi_xbtusd',
          symbol: 'PI_XBTUSD',
          side: 'short',
          contracts: '1000',
          sizeInBase: '0.010863602044529905',
          entryPrice: '90000',
          markPrice: '92050.5',
          notional: '0.010863602044529905',
          unrealizedPnl: '-0.000247509066581206',
          leverage: null,
          liquidationPrice: null,
          marginMode: 'cross',
          margin: null,
          settleAsset: 'BTC',
        },
      ],
      async addActivity() {
        const date = new Date(clock.now()).toISOString();
        const uid = (n: number) => `c0a1c2d3-00${n}-4e00-8000-0000000000${n}`;
        demo.log.push(
          krakenFuturesLogEntry({
            id: 19,
            date,
            info: 'funding rate change',
            asset: 'usd',
            margin_account: 'flex',
            booking_uid: uid(19),
            contract: 'pf_xbtusd',
            old_balance: '15128.2746',
            new_balance: '15127.9746',
            fee: '0',
            realized_funding: '-0.3',
          }),
          krakenFuturesLogEntry({
            id: 20,
            date,
            info: 'transfer',
            asset: 'xbt',
            margin_account: 'cash',
            booking_uid: uid(20),
            old_balance: '0.03',
            new_balance: '0.01',
          }),
          krakenFuturesLogEntry({
            id: 21,
            date,
            info: 'transfer',
            asset: 'xbt',
            margin_account: 'flex',
            booking_uid: uid(20),
            old_balance: '0.05',
            new_balance: '0.07',
          }),
          krakenFuturesLogEntry({
            id: 22,
            date,
            info: 'futures trade',
            asset: 'pf_xbtusd',
            margin_account: 'flex',
            booking_uid: uid(22),
            contract: 'pf_xbtusd',
            execution: uid(22),
            old_balance: '0.25',
            new_balance: '0.15',
            trade_price: '92005.5',
          }),
          krakenFuturesLogEntry({
            id: 23,
            date,
            info: 'futures trade',
            asset: 'usd',
            margin_account: 'flex',
            booking_uid: uid(22),
            contract: 'pf_xbtusd',
            execution: uid(22),
            old_balance: '15127.9746',
            new_balance: '15521.5746',
            fee: '6.9',
            realized_pnl: '400.5',
            trade_price: '92005.5',
          }),
        );
        clock.advance(1_000);
        // The position-size row (22) moves no money and is no activity.
        return ['log:19', 'log:20', 'log:21', 'log:23'];
      },
      close: () => sim.stop(),
    };
  },
});
