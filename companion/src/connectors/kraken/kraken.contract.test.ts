import { createTestClock } from '../../simulators/framework/test-clock.js';
import { krakenDemoAccount, krakenLedgerEntry, krakenTime } from '../../simulators/kraken/demo-account.js';
import { KRAKEN_TIERS } from '../../simulators/kraken/kraken-call-counter.js';
import { KrakenSimulator } from '../../simulators/kraken/kraken-simulator.js';
import { createTestContext, describeConnectorContract } from '../contract-suite.js';
import { createKrakenConnector } from './kraken-connector.js';

const clock = createTestClock();
const connector = createKrakenConnector({ clock, config: { rateLimit: 1 } });

describeConnectorContract({
  name: 'Kraken (simulator, demo account)',
  connector,
  async setup() {
    const sim = new KrakenSimulator({ clock });
    const baseUrl = await sim.start();
    // The Starter tier's counter, as the demo has; the connector paces itself on the shared clock.
    const demo = sim.addAccount({ ...krakenDemoAccount(clock.now()), tier: KRAKEN_TIERS.starter });
    const credentials = { apiKey: demo.apiKey, secret: demo.secret };
    return {
      context: (cursors, signal) => createTestContext({ credentials, baseUrls: { kraken: baseUrl }, cursors, signal }),
      contextWithBadCredentials: () =>
        createTestContext({ credentials: { ...credentials, secret: Buffer.alloc(64, 1).toString('base64') }, baseUrls: { kraken: baseUrl } }),
      // From the demo account by hand: spot = balance − hold_trade with hold locked, Earn-suffixed
      // codes (DOT.S, ETH.F) left to Earn, the empty XXDG dropped; Earn = allocations, unbonding
      // locked, the zero XBT allocation hidden.
      expectedBalances: [
        { accountKey: 'spot', asset: 'BTC', free: '1.1345', locked: '0.1' },
        { accountKey: 'spot', asset: 'ETH', free: '8.5', locked: '0' },
        { accountKey: 'spot', asset: 'SOL', free: '120', locked: '0' },
        { accountKey: 'spot', asset: 'USD', free: '14820.55', locked: '500' },
        { accountKey: 'spot', asset: 'USDC', free: '2100', locked: '0' },
        { accountKey: 'earn', asset: 'DOT', free: '231.70104', locked: '20' },
        { accountKey: 'earn', asset: 'ETH', free: '1.50081234', locked: '0' },
      ],
      // By hand: entry = cost ÷ vol, open = vol − vol_closed, mark = value ÷ open, leverage = cost ÷ margin.
      expectedPositions: [
        {
          accountKey: 'spot',
          symbol: 'BTC/USD',
          side: 'long',
          contracts: '0.5',
          sizeInBase: '0.5',
          entryPrice: '72000',
          markPrice: '92057.4',
          notional: '46028.7',
          unrealizedPnl: '10028.7',
          leverage: '5',
          liquidationPrice: null,
          marginMode: 'cross',
          margin: '7200',
          settleAsset: 'USD',
        },
        {
          accountKey: 'spot',
          symbol: 'ETH/USD',
          side: 'short',
          contracts: '3',
          sizeInBase: '3',
          entryPrice: '3200',
          markPrice: '3100',
          notional: '9300',
          unrealizedPnl: '300',
          leverage: '5',
          liquidationPrice: null,
          marginMode: 'cross',
          margin: '2560',
          settleAsset: 'USD',
        },
      ],
      faults: sim.faults,
      async addActivity() {
        const time = krakenTime(clock.now());
        demo.trades['TNEW01-ABCDE-FGHIJK'] = {
          ordertxid: 'ONEW01-ABCDE-FGHIJK',
          postxid: 'TKH2SE-M7IF5-CFI7LT',
          pair: 'SOLUSD',
          time,
          type: 'buy',
          ordertype: 'market',
          price: '182.35',
          cost: '3647.00',
          fee: '9.4822',
          vol: '20.00000000',
          margin: '0.00000',
        };
        demo.ledger['LNEW01-ABCDE-FGHIJK'] = krakenLedgerEntry(time, 'deposit', '', 'ZEUR', '500.0000');
        clock.advance(1_000);
        return ['trade:TNEW01-ABCDE-FGHIJK', 'ledger:LNEW01-ABCDE-FGHIJK'];
      },
      close: () => sim.stop(),
    };
  },
});
