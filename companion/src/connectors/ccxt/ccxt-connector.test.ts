import { afterEach, describe, expect, it } from 'vitest';
import { READ_ONLY_PERMISSIONS } from '../../simulators/binance/binance-sim-account.js';
import { BinanceSimulator } from '../../simulators/binance/binance-simulator.js';
import { createTestClock } from '../../simulators/framework/test-clock.js';
import { createTestContext, runActivityPass } from '../contract-suite.js';
import { createCcxtConnector } from './ccxt-connector.js';
import { clearMarketCache } from './market-cache.js';

/**
 * The generic connector, driven through ccxt's unified methods only, against the Binance
 * simulator (the one ccxt exchange we simulate). Binance's own connector overrides most of
 * this; here we check what any future ccxt exchange gets for free.
 */
const KEY = 'generic-key-000000000000000000000000000000000000000000000000000000';
const SECRET = 'generic-secret-0000000000000000000000000000000000000000000000000000';
const DAY = 86_400_000;
const clock = createTestClock();
const simulators: BinanceSimulator[] = [];
afterEach(async () => {
  await Promise.all(simulators.splice(0).map((s) => s.stop()));
});

async function setup() {
  // A port can be reused by a later simulator in this file; start every test without cached markets.
  clearMarketCache();
  const sim = new BinanceSimulator({ clock });
  simulators.push(sim);
  const baseUrl = await sim.start();
  sim.addAccount({
    apiKey: KEY,
    secret: SECRET,
    permissions: { ...READ_ONLY_PERMISSIONS },
    balances: [
      { asset: 'BTC', free: '0.12345678', locked: '0.00000002' },
      { asset: 'EUR', free: '10.00000000', locked: '0.00000000' },
      { asset: 'LTC', free: '0.00000000', locked: '0.00000000' },
    ],
    trades: [],
    deposits: [],
    withdrawals: [],
  });
  const connector = createCcxtConnector(
    {
      id: 'binance-generic',
      exchangeId: 'binance',
      providerId: 'binance',
      name: 'Binance',
      options: { fetchMarkets: { types: ['spot'] }, fetchCurrencies: false, fetchMargins: false },
      credentials: [
        { key: 'apiKey', label: 'API key', secret: false, help: 'Read-only key.' },
        { key: 'secret', label: 'Secret', secret: true, help: 'Its secret.' },
      ],
      help: 'Generic ccxt connector under test.',
      historyPageLimit: 1000,
    },
    { clock, config: { rateLimit: 1 } },
  );
  const context = (cursors: ReadonlyMap<string, string> = new Map()) =>
    createTestContext({ credentials: { apiKey: KEY, secret: SECRET }, baseUrls: { binance: baseUrl }, cursors });
  return { sim, connector, context };
}

describe('createCcxtConnector', () => {
  it('reads balances through fetchBalance, exact and without zeros', async () => {
    const { connector, context } = await setup();
    const balances = await connector.fetchBalances(context());
    expect(balances.map(({ asOf: _asOf, ...b }) => b)).toEqual([
      { accountKey: 'spot', asset: { symbol: 'BTC', kind: 'crypto' }, free: '0.12345678', locked: '0.00000002' },
      { accountKey: 'spot', asset: { symbol: 'EUR', kind: 'fiat' }, free: '10', locked: '0' },
    ]);
  });

  it('test() proves the key reads and says it cannot see permissions', async () => {
    const { connector, context } = await setup();
    const result = await connector.test(context());
    expect(result.accounts).toEqual([{ key: 'spot', type: 'spot', name: 'Binance Spot' }]);
    expect(result.warnings[0]).toMatch(/cannot check this key's permissions/);
  });

  it('loads markets once per hour, not once per call', async () => {
    const { sim, connector, context } = await setup();
    await connector.fetchBalances(context());
    await connector.fetchBalances(context());
    expect(sim.requests.to('/api/v3/exchangeInfo')).toHaveLength(1);
    clock.advance(61 * 60_000);
    await connector.fetchBalances(context());
    expect(sim.requests.to('/api/v3/exchangeInfo')).toHaveLength(2);
  });

  it('syncs transfers incrementally and skips trades where the exchange needs a symbol', async () => {
    const { sim, connector, context } = await setup();
    const deposit = sim.addDeposit(KEY, { coin: 'BTC', amount: '0.5', insertTime: clock.now() - 5 * DAY });
    const pending = sim.addDeposit(KEY, { coin: 'BTC', amount: '0.7', status: 0, insertTime: clock.now() - 4 * DAY });
    const withdrawal = sim.addWithdrawal(KEY, { coin: 'BTC', amount: '0.1', transactionFee: '0.0002', applyTime: clock.now() - 3 * DAY });
    sim.addTrade(KEY, { symbol: 'BTCUSDT', side: 'BUY', qty: '0.01', price: '60000', time: clock.now() - DAY });
    const cursors = new Map<string, string>();
    const first = await runActivityPass(connector, context, cursors);
    expect(first.activities.map((a) => [a.providerRef, a.quantity, a.fee])).toEqual([
      [`deposit:${deposit.id}`, '0.5', null],
      [`withdrawal:${withdrawal.id}`, '0.1', '0.0002'],
    ]);
    expect(sim.requests.to('/api/v3/myTrades')).toHaveLength(0);
    expect(cursors.get('deposits:since')).toBe(String(pending.insertTime));

    pending.status = 1;
    const second = await runActivityPass(connector, context, cursors);
    expect(second.activities.map((a) => a.providerRef)).toEqual([`deposit:${pending.id}`]);
    expect((await runActivityPass(connector, context, cursors)).activities).toEqual([]);
  });
});
