import { BybitSimulator } from '../../simulators/bybit/bybit-simulator.js';
import { bybitDemoAccount } from '../../simulators/bybit/demo-account.js';
import { createTestClock } from '../../simulators/framework/test-clock.js';
import { createTestContext, describeConnectorContract } from '../contract-suite.js';
import { createBybitConnector } from './bybit-connector.js';

const clock = createTestClock();
// ccxt spaces requests by cost × rateLimit ms; the transfer list costs 50 (Bybit: 1 per second), so
// 0.1 ms keeps a two-year walk of 7-day windows quick while the simulator still enforces Bybit's limits.
const connector = createBybitConnector({ clock, config: { rateLimit: 0.1 } });

describeConnectorContract({
  name: 'Bybit (simulator, demo account)',
  connector,
  async setup() {
    const sim = new BybitSimulator({ clock });
    const baseUrl = await sim.start();
    const demo = sim.addAccount(bybitDemoAccount(clock.now()));
    const credentials = { apiKey: demo.apiKey, secret: demo.secret };
    return {
      context: (cursors, signal) => createTestContext({ credentials, baseUrls: { bybit: baseUrl }, cursors, signal }),
      contextWithBadCredentials: () =>
        createTestContext({ credentials: { ...credentials, secret: 'NotTheSecretOfThisKey000000000000000' }, baseUrls: { bybit: baseUrl } }),
      faults: sim.faults,
      // From the demo account by hand. Unified: total = walletBalance; locked = locked + order IM +
      // position IM (USDT: 4162.155 = 2301.435 + 1860.72); USDC borrowed is negative; SOL is zero.
      // Funding: free = transferBalance. Earn: flexible free, on-chain locked, per coin.
      expectedBalances: [
        { accountKey: 'unified', asset: 'BTC', free: '0.80581394', locked: '0.05' },
        // 18250.55 wallet + 412.25 unrealized PnL − 4162.155 position margin.
        { accountKey: 'unified', asset: 'USDT', free: '14500.645', locked: '4162.155' },
        { accountKey: 'unified', asset: 'ETH', free: '2.5', locked: '0' },
        // −1500.25 borrowed plus the bought call's unrealized PnL, 165.25 USDC.
        { accountKey: 'unified', asset: 'USDC', free: '-1335', locked: '0' },
        { accountKey: 'funding', asset: 'USDT', free: '1200.75', locked: '50' },
        { accountKey: 'funding', asset: 'ADA', free: '38.68128', locked: '0' },
        { accountKey: 'earn', asset: 'USDT', free: '3000', locked: '0' },
        { accountKey: 'earn', asset: 'SOL', free: '15.5', locked: '100' },
      ],
      // Linear: size in the coin, notional = size × mark (0.25 × 92057.4, 3 × 3101.2), in the settle
      // coin. Inverse: 5000 USD contracts ÷ 92057.4 = 0.054313938912026627 BTC, notional in BTC.
      expectedPositions: [
        {
          accountKey: 'unified',
          symbol: 'BTCUSDT',
          side: 'long',
          contracts: '0.25',
          sizeInBase: '0.25',
          entryPrice: '91000',
          markPrice: '92057.4',
          notional: '23014.35',
          unrealizedPnl: '264.35',
          leverage: '10',
          liquidationPrice: '82510.2',
          marginMode: 'cross',
          margin: '2301.435',
          settleAsset: 'USDT',
        },
        {
          accountKey: 'unified',
          symbol: 'ETHUSDT',
          side: 'short',
          contracts: '3',
          sizeInBase: '3',
          entryPrice: '3150.5',
          markPrice: '3101.2',
          notional: '9303.6',
          unrealizedPnl: '147.9',
          leverage: '5',
          liquidationPrice: '3745.8',
          marginMode: 'cross',
          margin: '1860.72',
          settleAsset: 'USDT',
        },
        {
          accountKey: 'unified',
          symbol: 'BTCUSD',
          side: 'long',
          contracts: '5000',
          sizeInBase: '0.054313938912026627',
          entryPrice: '90000',
          markPrice: '92057.4',
          notional: '0.054313938912026627',
          unrealizedPnl: '0.00124162',
          leverage: '5',
          liquidationPrice: '75200.5',
          marginMode: 'cross',
          margin: '0.01086279',
          settleAsset: 'BTC',
        },
        {
          // A bought call: size 0.5 BTC of underlying, premiums in USDC; no notional (no underlying
          // price in the position list), leverage, liquidation price, margin or margin mode.
          accountKey: 'unified',
          symbol: 'BTC-25DEC26-100000-C',
          side: 'long',
          contracts: '0.5',
          sizeInBase: '0.5',
          entryPrice: '3150',
          markPrice: '3480.5',
          notional: null,
          unrealizedPnl: '165.25',
          leverage: null,
          liquidationPrice: null,
          marginMode: null,
          margin: null,
          settleAsset: 'USDC',
        },
      ],
      async addActivity() {
        const now = String(clock.now());
        demo.executions.push({
          category: 'spot',
          symbol: 'ETHUSDT',
          execId: '2100000000099000001',
          execTime: now,
          execType: 'Trade',
          side: 'Buy',
          execQty: '0.5',
          execPrice: '3101.2',
          execFee: '0.0005',
          feeCurrency: 'ETH',
          orderId: '1750000000000099001',
        });
        demo.transactions.push({
          id: '452265_BTCUSDT_157751599001',
          category: 'linear',
          type: 'SETTLEMENT',
          symbol: 'BTCUSDT',
          currency: 'USDT',
          change: '-2.30143',
          transactionTime: now,
        });
        demo.deposits.push({ id: 'a7d3e2c1-0099', coin: 'USDC', chain: 'SOL', amount: '1200', status: 3, successAt: now, txID: '5xYz' });
        demo.withdrawals.push({
          withdrawId: 'wd-9f21-0099',
          coin: 'BTC',
          chain: 'BTC',
          amount: '0.01',
          withdrawFee: '0.0001',
          status: 'success',
          createTime: now,
        });
        demo.transfers?.push({
          transferId: 'c2a1f0d4-0099',
          coin: 'USDT',
          amount: '300',
          fromAccountType: 'UNIFIED',
          toAccountType: 'FUND',
          timestamp: now,
          status: 'SUCCESS',
        });
        demo.earnYield?.push({ productId: '8', coin: 'USDT', id: '1002999', amount: '0.2144', status: 'Success', createdAt: now });
        clock.advance(1_000);
        return [
          'exec:spot:2100000000099000001',
          'ledger:SETTLEMENT:452265_BTCUSDT_157751599001',
          'deposit:a7d3e2c1-0099',
          'withdrawal:wd-9f21-0099',
          'transfer:c2a1f0d4-0099:out',
          'transfer:c2a1f0d4-0099:in',
          'earn-yield:1002999',
        ];
      },
      close: () => sim.stop(),
    };
  },
});
