import { createTestClock } from '../../simulators/framework/test-clock.js';
import { okxDemoAccount } from '../../simulators/okx/demo-account.js';
import { OkxSimulator } from '../../simulators/okx/okx-simulator.js';
import { createTestContext, describeConnectorContract } from '../contract-suite.js';
import { createOkxConnector } from './okx-connector.js';

const clock = createTestClock();
const connector = createOkxConnector({ clock, config: { rateLimit: 1 } });

describeConnectorContract({
  name: 'OKX (simulator, demo account)',
  connector,
  async setup() {
    const sim = new OkxSimulator({ clock });
    const baseUrl = await sim.start();
    const demo = sim.addAccount(okxDemoAccount(clock.now()));
    const credentials = { apiKey: demo.apiKey, secret: demo.secret, passphrase: demo.passphrase };
    return {
      context: (cursors, signal) => createTestContext({ credentials, baseUrls: { okx: baseUrl }, cursors, signal }),
      contextWithBadCredentials: () =>
        createTestContext({ credentials: { ...credentials, secret: 'NOT0THE0SECRET0OF0THIS0KEY0000000' }, baseUrls: { okx: baseUrl } }),
      // From the demo account by hand: BTC equity 1.06126645222 with 0.4 frozen (OKX's availBal has
      // float noise and is not used); OKB is zero; funding locked is frozenBal.
      expectedBalances: [
        { accountKey: 'trading', asset: 'BTC', free: '0.66126645222', locked: '0.4' },
        { accountKey: 'trading', asset: 'USDT', free: '18250.55', locked: '0' },
        { accountKey: 'trading', asset: 'ETH', free: '5', locked: '0' },
        { accountKey: 'funding', asset: 'TUSD', free: '100', locked: '0' },
        { accountKey: 'funding', asset: 'USDT', free: '500.75', locked: '20' },
        // Simple Earn: 2000 subscribed − 500 redeemed + 1.603 interest (115 records of 0.010…0.018); staked ETH is locked.
        { accountKey: 'earn', asset: 'USDT', free: '1501.603', locked: '0' },
        { accountKey: 'staking', asset: 'ETH', free: '0', locked: '1' },
      ],
      // From demo-account.ts and the simulator's instruments by hand. Linear LTC-USDT-SWAP: 2
      // contracts of 1 LTC, notional 2 × 101.33, margin = imr (cross). Inverse BTC-USD-SWAP: one
      // contract of 100 USD = 100 / 92057.4 BTC (18 places); the notional of an inverse contract is
      // that size, in BTC.
      expectedPositions: [
        {
          accountKey: 'trading',
          symbol: 'LTC-USDT-SWAP',
          side: 'long',
          contracts: '2',
          sizeInBase: '2',
          entryPrice: '82.675',
          markPrice: '101.33',
          notional: '202.66',
          unrealizedPnl: '37.31',
          leverage: '10',
          liquidationPrice: null,
          marginMode: 'cross',
          margin: '20.266',
          settleAsset: 'USDT',
        },
        {
          accountKey: 'trading',
          symbol: 'BTC-USD-SWAP',
          side: 'long',
          contracts: '1',
          sizeInBase: '0.001086278778240533',
          entryPrice: '91957.1',
          markPrice: '92057.4',
          notional: '0.001086278778240533',
          unrealizedPnl: '0.0000011848325084',
          leverage: '20',
          liquidationPrice: '89.11497615226264',
          marginMode: 'cross',
          margin: '0.000054313938912',
          settleAsset: 'BTC',
        },
        {
          // Delivery future, net short: 3 contracts of 0.01 BTC = 0.03 BTC; notional 0.03 × 92057.4; isolated margin.
          accountKey: 'trading',
          symbol: 'BTC-USDT-261225',
          side: 'short',
          contracts: '3',
          sizeInBase: '0.03',
          entryPrice: '93120.5',
          markPrice: '92057.4',
          notional: '2761.722',
          unrealizedPnl: '31.893',
          leverage: '5',
          liquidationPrice: '110300.2',
          marginMode: 'isolated',
          margin: '558.72',
          settleAsset: 'USDT',
        },
        {
          // Bought call: 10 contracts of 0.01 BTC; notional is the underlying size in BTC; no leverage or margin.
          accountKey: 'trading',
          symbol: 'BTC-USD-270326-100000-C',
          side: 'long',
          contracts: '10',
          sizeInBase: '0.1',
          entryPrice: '0.0415',
          markPrice: '0.0452',
          notional: '0.1',
          unrealizedPnl: '0.00037',
          leverage: null,
          liquidationPrice: null,
          marginMode: 'cross',
          margin: null,
          settleAsset: 'BTC',
        },
      ],
      faults: sim.faults,
      async addActivity() {
        const now = String(clock.now());
        demo.fills.push({
          instType: 'SPOT',
          instId: 'ETH-USDT',
          tradeId: '56999001',
          ordId: '700000000000000001',
          billId: '700000000000000009',
          side: 'buy',
          fillSz: '0.5',
          fillPx: '3101.2',
          fee: '-0.0005',
          feeCcy: 'ETH',
          execType: 'T',
          posSide: 'net',
          ts: now,
        });
        demo.deposits.push({
          depId: '161009999',
          ccy: 'USDC',
          chain: 'USDC-Solana',
          amt: '1200',
          state: '2',
          txId: '5xYz',
          ts: now,
          from: '',
          to: 'So1…',
          actualDepBlkConfirm: '1',
        });
        demo.withdrawals.push({ wdId: '67999', ccy: 'BTC', chain: 'BTC-Bitcoin', amt: '0.01', fee: '0.0001', state: '2', txId: 'ab12', ts: now, to: 'bc1q…' });
        demo.accountBills?.push({
          billId: '800000000000000001',
          instType: 'SWAP',
          instId: 'LTC-USDT-SWAP',
          ccy: 'USDT',
          type: '8',
          subType: '174',
          balChg: '0.0011',
          bal: '',
          pnl: '0',
          fee: '0',
          sz: '0',
          px: '',
          mgnMode: 'cross',
          ts: now,
        });
        demo.assetBills?.push({ billId: '12345679999', ccy: 'USDT', balChg: '-300', bal: '', type: '75', ts: now });
        demo.lendingHistory?.push({ ccy: 'USDT', amt: '1501.603', earnings: '0.0131', rate: '0.0312', ts: now });
        clock.advance(1_000);
        return [
          'fill:ETH-USDT:56999001',
          'deposit:161009999',
          'withdrawal:67999',
          'bill:800000000000000001',
          'asset-bill:12345679999',
          'asset-bill:12345679999:earn',
          `earn-interest:USDT:${now}`,
        ];
      },
      close: () => sim.stop(),
    };
  },
});
