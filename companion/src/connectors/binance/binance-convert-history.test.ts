import { afterEach, describe, expect, it } from 'vitest';
import { type BinanceSimAccount, type BinanceWireConvert, READ_ONLY_PERMISSIONS } from '../../simulators/binance/binance-sim-account.js';
import { BinanceSimulator } from '../../simulators/binance/binance-simulator.js';
import { createTestClock } from '../../simulators/framework/test-clock.js';
import { clearMarketCache } from '../ccxt/market-cache.js';
import { createTestContext, runActivityPass } from '../contract-suite.js';
import { createBinanceConnector } from './binance-connector.js';

const KEY = 'convert-key-0123456789abcdef0123456789abcdef0123456789abcdef0123';
const SECRET = 'convert-secret-fedcba9876543210fedcba9876543210fedcba9876543210';
const DAY = 86_400_000;
const clock = createTestClock();
const simulators: BinanceSimulator[] = [];

afterEach(async () => {
  await Promise.all(simulators.splice(0).map((s) => s.stop()));
});

let quotes = 0;
const convert = (orderId: number, createTime: number, overrides: Partial<BinanceWireConvert> = {}): BinanceWireConvert => ({
  quoteId: `q${++quotes}`,
  orderId,
  orderStatus: 'SUCCESS',
  fromAsset: 'USDT',
  fromAmount: '20',
  toAsset: 'DOGE',
  toAmount: '120.53400000',
  ratio: '6.02670000',
  inverseRatio: '0.16592832',
  createTime,
  ...overrides,
});

async function setup(account: Partial<BinanceSimAccount>) {
  clearMarketCache();
  const sim = new BinanceSimulator({ clock });
  simulators.push(sim);
  const baseUrl = await sim.start();
  sim.addAccount({
    apiKey: KEY,
    secret: SECRET,
    permissions: { ...READ_ONLY_PERMISSIONS },
    balances: [],
    trades: [],
    deposits: [],
    withdrawals: [],
    ...account,
  });
  const connector = createBinanceConnector({ clock, config: { rateLimit: 1, timeout: 500 } });
  const context = (cursors: ReadonlyMap<string, string>) =>
    createTestContext({ credentials: { apiKey: KEY, secret: SECRET }, baseUrls: { binance: baseUrl }, cursors });
  return { sim, connector, context };
}

describe('Binance Convert and dust', () => {
  it('records converts as buys and searches the trades of converted and dusted assets only', async () => {
    const now = clock.now();
    const { sim, connector, context } = await setup({
      // Binance's order ids exceed 2^53; JSON.parse (ccxt included) rounds them, as Number() does here.
      converts: [convert(Number('940708407462087195'), now - 200 * DAY), convert(Number('940708407462087196'), now - 100 * DAY, { orderStatus: 'FAIL' })],
      dust: [
        {
          operateTime: now - 50 * DAY,
          totalTransferedAmount: '0.00132256',
          totalServiceChargeAmount: '0.00002699',
          transId: 45178372831,
          userAssetDribbletDetails: [
            {
              transId: 4359321,
              serviceChargeAmount: '0.000009',
              amount: '0.0009',
              operateTime: now - 50 * DAY,
              transferedAmount: '0.000441',
              fromAsset: 'LINK',
            },
          ],
        },
      ],
    });
    sim.addTrade(KEY, { symbol: 'DOGEUSDT', side: 'SELL', qty: '120', price: '0.171', time: now - 150 * DAY });
    sim.addTrade(KEY, { symbol: 'LINKUSDT', side: 'BUY', qty: '0.9', price: '14.2', time: now - 300 * DAY });
    const cursors = new Map<string, string>();
    // The first sync reads 30 days and one older window of Convert history; the 200-day-old
    // convert arrives with the backfill of the syncs after (one window each).
    const activities = [];
    for (let sync = 0; sync < 8; sync++) {
      clock.advance(61_000);
      activities.push(...(await runActivityPass(connector, context, cursors)).activities);
    }

    const converts = activities.filter((a) => a.providerRef.startsWith('convert:'));
    expect(converts.map(({ raw: _raw, ...rest }) => rest)).toEqual([
      {
        accountKey: 'spot',
        // Not the orderId: Binance sends it as a JSON number above 2^53 that JSON.parse rounds.
        providerRef: 'convert:q1',
        type: 'buy',
        executedAt: new Date(now - 200 * DAY).toISOString(),
        asset: 'DOGE',
        quantity: '120.534',
        quoteAsset: 'USDT',
        price: '0.16592832',
        fee: null,
        feeAsset: null,
      },
    ]);
    expect(
      activities
        .filter((a) => a.providerRef.startsWith('trade:'))
        .map((a) => a.providerRef.split(':')[1])
        .sort(),
    ).toEqual(['DOGEUSDT', 'LINKUSDT']);
    const asked = new Set(sim.requests.to('/api/v3/myTrades').map((e) => new URLSearchParams(e.rawQuery).get('symbol')));
    expect(asked.has('XRPUSDT')).toBe(false);
    for (const q of sim.requests.to('/sapi/v1/convert/tradeFlow').map((e) => new URLSearchParams(e.rawQuery))) {
      expect(Number(q.get('endTime')) - Number(q.get('startTime'))).toBeLessThanOrEqual(30 * DAY);
    }
    clock.advance(61_000);
    expect((await runActivityPass(connector, context, cursors)).activities).toEqual([]);
  });

  it('pages a window with more converts than one answer holds', async () => {
    const start = clock.now() - 5 * DAY;
    const converts = Array.from({ length: 1_002 }, (_, i) => convert(7_000_000 + i, start + Math.floor(i / 2) * 1000));
    const { connector, context } = await setup({ converts });
    const cursors = new Map<string, string>();
    const refs = (await runActivityPass(connector, context, cursors)).activities.filter((a) => a.providerRef.startsWith('convert:')).map((a) => a.providerRef);
    expect(refs).toHaveLength(1_002);
    expect(new Set(refs).size).toBe(1_002);
  });
});
