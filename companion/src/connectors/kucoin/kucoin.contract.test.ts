import { vi } from 'vitest';
import { createTestClock } from '../../simulators/framework/test-clock.js';
import { kucoinDemoAccount } from '../../simulators/kucoin/demo-account.js';
import { KucoinSimulator } from '../../simulators/kucoin/kucoin-simulator.js';
import { createTestContext, describeConnectorContract } from '../contract-suite.js';
import { createKucoinConnector } from './kucoin-connector.js';

// A pass walks a year in KuCoin's windows (7 days; 24 hours for the classic ledger) over six
// histories, about 800 requests, and the interrupted-pass case runs seven passes.
vi.setConfig({ testTimeout: 90_000 });

const clock = createTestClock();
// KuCoin's smallest page, so that the busiest fill weeks span two pages.
const connector = createKucoinConnector({ clock, config: { rateLimit: 0.01 }, pageSize: 10 });

describeConnectorContract({
  name: 'KuCoin (simulator, demo account)',
  connector,
  async setup() {
    const sim = new KucoinSimulator({ clock });
    const baseUrl = await sim.start();
    const demo = sim.addAccount(kucoinDemoAccount(clock.now()));
    const credentials = { apiKey: demo.apiKey, secret: demo.secret, passphrase: demo.passphrase };
    return {
      context: (cursors, signal) => createTestContext({ credentials, baseUrls: { kucoin: baseUrl }, cursors, signal }),
      contextWithBadCredentials: () =>
        createTestContext({ credentials: { ...credentials, secret: 'not-the-secret-of-this-key' }, baseUrls: { kucoin: baseUrl } }),
      // From the demo account by hand: free = balance − holds; margin free = total − hold − liability
      // (USDT 1500 − 4297.49 owed; BTC 0.01 owed with none held); futures locked = position + order
      // margin, free = equity − locked; zero balances (SOL, KCS margin) dropped; XBT shown as BTC;
      expectedBalances: [
        { accountKey: 'funding', asset: 'USDT', free: '2500', locked: '0' },
        { accountKey: 'funding', asset: 'BTC', free: '0.05', locked: '0' },
        { accountKey: 'funding', asset: 'KCS', free: '12.5', locked: '0' },
        { accountKey: 'trading', asset: 'BTC', free: '0.32', locked: '0.1' },
        { accountKey: 'trading', asset: 'ETH', free: '3.5', locked: '0' },
        { accountKey: 'trading', asset: 'USDT', free: '8000', locked: '120.4' },
        // The high-frequency trading account's SOL, in Trading with the classic rows.
        { accountKey: 'trading', asset: 'SOL', free: '4', locked: '0' },
        { accountKey: 'margin', asset: 'USDT', free: '-2797.49', locked: '0' },
        { accountKey: 'margin', asset: 'ETH', free: '0.9985', locked: '0.5' },
        { accountKey: 'margin', asset: 'BTC', free: '-0.01', locked: '0' },
        // Isolated pairs summed per coin: SOL 14.985 with 5 in orders; USDT (400 − 2701.37 owed) on SOL-USDT
        // + 100 on ETH-USDT; ETH 0.5.
        { accountKey: 'margin-isolated', asset: 'SOL', free: '9.985', locked: '5' },
        { accountKey: 'margin-isolated', asset: 'USDT', free: '-2201.37', locked: '0' },
        { accountKey: 'margin-isolated', asset: 'ETH', free: '0.5', locked: '0' },
        { accountKey: 'futures', asset: 'USDT', free: '4363.5215', locked: '867.2285' },
        { accountKey: 'futures', asset: 'BTC', free: '0.01657', locked: '0.00493' },
        // Earn: flexible USDT free, the 250.5 being redeemed locked; fixed-term ETH staking locked.
        { accountKey: 'earn', asset: 'USDT', free: '1500', locked: '250.5' },
        { accountKey: 'earn', asset: 'ETH', free: '0', locked: '2' },
      ],
      // Linear: contracts × multiplier (0.001 XBT, 0.1 SOL), notional = size × mark. Inverse XBTUSDM:
      // 2000 one-USD contracts ÷ mark 90323.8 = 0.022142558218321196 XBT (18 places), notional the same.
      expectedPositions: [
        {
          accountKey: 'futures',
          symbol: 'XBTUSDTM',
          side: 'long',
          contracts: '150',
          sizeInBase: '0.15',
          entryPrice: '89120.5',
          markPrice: '90323.8',
          notional: '13548.57',
          unrealizedPnl: '180.495',
          leverage: '20',
          liquidationPrice: '61250.1',
          marginMode: 'cross',
          margin: '677.4285',
          settleAsset: 'USDT',
        },
        {
          accountKey: 'futures',
          symbol: 'SOLUSDTM',
          side: 'short',
          contracts: '40',
          sizeInBase: '4',
          entryPrice: '150.2',
          markPrice: '142.35',
          notional: '569.4',
          unrealizedPnl: '31.4',
          leverage: '3',
          liquidationPrice: '195.87',
          marginMode: 'isolated',
          margin: '189.8',
          settleAsset: 'USDT',
        },
        {
          accountKey: 'futures',
          symbol: 'XBTUSDM',
          side: 'short',
          contracts: '2000',
          sizeInBase: '0.022142558218321196',
          entryPrice: '92500',
          markPrice: '90323.8',
          notional: '0.022142558218321196',
          unrealizedPnl: '0.00052094',
          leverage: '5',
          liquidationPrice: '108000.5',
          marginMode: 'isolated',
          margin: '0.00443',
          settleAsset: 'BTC',
        },
      ],
      faults: sim.faults,
      async addActivity() {
        const now = clock.now();
        demo.fills.push({
          symbol: 'ETH-USDT',
          tradeId: '6570ffffc2b7e10001000001',
          orderId: '6570ffffc2b7e10002000001',
          counterOrderId: '6570ffffc2b7e10003000001',
          side: 'sell',
          liquidity: 'taker',
          forceTaker: false,
          price: '3150.75',
          size: '0.5',
          funds: '1575.375',
          fee: '1.575375',
          feeRate: '0.001',
          feeCurrency: 'USDT',
          stop: '',
          type: 'market',
          tradeType: 'TRADE',
          createdAt: now,
        });
        demo.withdrawals.push({
          id: '5c2dc64e03aa675aa263f1ff',
          currency: 'ETH',
          chain: 'eth',
          status: 'SUCCESS',
          address: '0xabc',
          memo: '',
          isInner: false,
          amount: '0.4',
          fee: '0.002',
          walletTxId: '0xfeed',
          createdAt: now,
          updatedAt: now,
          remark: '',
        });
        demo.ledger.push({
          id: '65ffffffffffffffffff0001',
          currency: 'USDT',
          amount: '250',
          fee: '0',
          balance: '0',
          accountType: 'TRADE',
          bizType: 'Transfer',
          direction: 'out',
          createdAt: now,
          context: '',
        });
        // Its other side, in isolated margin (SOL-USDT), from the high-frequency margin ledger.
        demo.marginHfLedger?.push({
          id: '42852600099',
          currency: 'USDT',
          amount: '250',
          fee: '0',
          balance: '0',
          accountType: 'ISOLATED_V2',
          bizType: 'TRANSFER',
          direction: 'in',
          createdAt: now,
          context: '{"symbol":"SOL-USDT"}',
        });
        // An hour's interest on the SOL-USDT loan, from the interest history.
        demo.marginInterest?.push({ symbol: 'SOL-USDT', currency: 'USDT', interestAmount: '0.0412', dayRatio: '0.000342', createdAt: now });
        // The deposit that was still processing is credited now.
        const processing = demo.deposits.find((d) => d.status === 'PROCESSING');
        if (processing !== undefined) processing.status = 'SUCCESS';
        // Past KuCoin's settling delay, so the next pass reads these.
        clock.advance(10_000);
        return [
          'fill:ETH-USDT:6570ffffc2b7e10001000001',
          'withdrawal:5c2dc64e03aa675aa263f1ff',
          'ledger:65ffffffffffffffffff0001',
          'ledger:42852600099',
          `interest:SOL-USDT:USDT:${now}`,
          `deposit:KCS:${processing?.walletTxId}`,
        ];
      },
      close: () => sim.stop(),
    };
  },
});
