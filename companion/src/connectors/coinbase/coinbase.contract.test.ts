import { CoinbaseSimulator } from '../../simulators/coinbase/coinbase-simulator.js';
import { coinbaseDemoAccount, DEMO_WALLETS } from '../../simulators/coinbase/demo-account.js';
import { createTestClock } from '../../simulators/framework/test-clock.js';
import { createTestContext, describeConnectorContract } from '../contract-suite.js';
import { createCoinbaseConnector } from './coinbase-connector.js';

const clock = createTestClock();
const connector = createCoinbaseConnector({ clock, config: { rateLimit: 1 } });

/** Another valid P-256 key: a signature by it must not pass for the demo key. */
const OTHER_KEY = `-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIJ9lYHihWOyEiMe5tzvJ4SDWd8GHmb0gLVUZwV7zAXjooAoGCCqGSM49
AwEHoUQDQgAE6s3iclFq1IBN8VK6dU+bYnF8Ls+nY/catcH/yMk/N6A/1Vme5weh
iyWrQVJG4KQB+eixUbacAP/fzwMpVaCZBQ==
-----END EC PRIVATE KEY-----
`;

describeConnectorContract({
  name: 'Coinbase (simulator, demo account)',
  connector,
  async setup() {
    const sim = new CoinbaseSimulator({ clock });
    const baseUrl = await sim.start();
    const demo = sim.addAccount(coinbaseDemoAccount(clock.now()));
    const credentials = { apiKey: demo.keyName, secret: demo.privateKeyPem };
    return {
      context: (cursors, signal) => createTestContext({ credentials, baseUrls: { coinbase: baseUrl }, cursors, signal }),
      contextWithBadCredentials: () => createTestContext({ credentials: { ...credentials, secret: OTHER_KEY }, baseUrls: { coinbase: baseUrl } }),
      // From the demo account by hand: wallets available/hold, the empty MASK wallet dropped, the
      // vault apart; INTX collateral quantity − hold, hold locked.
      expectedBalances: [
        { accountKey: 'spot', asset: 'BTC', free: '0.41235', locked: '0.05' },
        { accountKey: 'spot', asset: 'ETH', free: '3.214', locked: '0' },
        { accountKey: 'spot', asset: 'SOL', free: '42.5', locked: '0' },
        { accountKey: 'spot', asset: 'ADA', free: '22.314018', locked: '0' },
        { accountKey: 'spot', asset: 'USDC', free: '1250.75', locked: '0' },
        { accountKey: 'spot', asset: 'USD', free: '3120.4', locked: '250' },
        { accountKey: 'vault', asset: 'BTC', free: '0.25', locked: '0' },
        // The "Staked SOL" wallet only v2 lists: staked, so locked.
        { accountKey: 'staking', asset: 'SOL', free: '0', locked: '12.504118' },
        // 5000 collateral − 120.5 hold + the positions' uPnL in USDC (0.018 + 53.155).
        { accountKey: 'perps', asset: 'USDC', free: '4932.673', locked: '120.5' },
        { accountKey: 'perps', asset: 'ETH', free: '0.75', locked: '0' },
        // US futures: cfm_usd_balance 1850.25 + unrealized_pnl 59.4, of which the initial margin 612.4 is locked.
        { accountKey: 'futures', asset: 'USD', free: '1297.25', locked: '612.4' },
      ],
      // By hand: notional = |net_size| × mark (20 × 0.5657; 0.05 × 92057.4); entry = vwap; liquidation 0 = none.
      expectedPositions: [
        {
          accountKey: 'perps',
          symbol: 'ADA-PERP-INTX',
          side: 'long',
          contracts: '20',
          sizeInBase: '20',
          entryPrice: '0.5648',
          markPrice: '0.5657',
          notional: '11.314',
          unrealizedPnl: '0.018',
          leverage: '1',
          liquidationPrice: null,
          marginMode: 'cross',
          margin: '11.296',
          settleAsset: 'USDC',
        },
        {
          accountKey: 'perps',
          symbol: 'BTC-PERP-INTX',
          side: 'short',
          contracts: '0.05',
          sizeInBase: '0.05',
          entryPrice: '93120.5',
          markPrice: '92057.4',
          notional: '4602.87',
          unrealizedPnl: '53.155',
          leverage: '5',
          liquidationPrice: '118400.25',
          marginMode: 'isolated',
          margin: '931.205',
          settleAsset: 'USDC',
        },
        // US futures by hand: size = contracts × contract size (nano BTC 0.01, nano ETH 0.1), notional = size × current price.
        {
          accountKey: 'futures',
          symbol: 'BIT-24DEC26-CDE',
          side: 'long',
          contracts: '3',
          sizeInBase: '0.03',
          entryPrice: '90500',
          markPrice: '92110',
          notional: '2763.3',
          unrealizedPnl: '48.3',
          leverage: null,
          liquidationPrice: null,
          marginMode: 'cross',
          margin: null,
          settleAsset: 'USD',
        },
        {
          accountKey: 'futures',
          symbol: 'ET-24DEC26-CDE',
          side: 'short',
          contracts: '2',
          sizeInBase: '0.2',
          entryPrice: '3150',
          markPrice: '3094.5',
          notional: '618.9',
          unrealizedPnl: '11.1',
          leverage: null,
          liquidationPrice: null,
          marginMode: 'cross',
          margin: null,
          settleAsset: 'USD',
        },
      ],
      faults: sim.faults,
      async addActivity() {
        const now = clock.now();
        const at = new Date(now).toISOString();
        demo.fills.push({
          entry_id: 'f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f',
          trade_id: 'aa11bb22-cc33-4d44-8e55-ff6600771188',
          order_id: 'bb22cc33-dd44-4e55-9f66-007711882299',
          trade_time: at,
          trade_type: 'FILL',
          price: '3101.2',
          size: '0.5',
          commission: '7.753',
          product_id: 'ETH-USD',
          sequence_timestamp: `${at.slice(0, -1)}250Z`,
          liquidity_indicator: 'TAKER',
          size_in_quote: false,
          user_id: 'dbcb91e7-2bc9-5152-bb6f-72d6677e6727',
          side: 'BUY',
        });
        demo.transactions[DEMO_WALLETS.USDC] = [
          ...(demo.transactions[DEMO_WALLETS.USDC] ?? []),
          {
            id: '9a5c4e7f-0001-5b6d-9e2f-3a2b1c0d9e8f',
            type: 'send',
            status: 'completed',
            amount: { amount: '1200.000000', currency: 'USDC' },
            native_amount: { amount: '1200.00', currency: 'USD' },
            created_at: at.replace(/\.\d{3}Z$/, 'Z'),
            network: { status: 'confirmed', hash: '0x77ac', network_name: 'base' },
          },
        ];
        clock.advance(1_000);
        return ['fill:f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f', 'tx:9a5c4e7f-0001-5b6d-9e2f-3a2b1c0d9e8f'];
      },
      close: () => sim.stop(),
    };
  },
});
