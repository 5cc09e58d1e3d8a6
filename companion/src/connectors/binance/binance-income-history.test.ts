import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { type BinanceWireIncome, READ_ONLY_PERMISSIONS } from '../../simulators/binance/binance-sim-account.js';
import { BinanceSimulator } from '../../simulators/binance/binance-simulator.js';
import { createTestClock } from '../../simulators/framework/test-clock.js';
import { clearMarketCache } from '../ccxt/market-cache.js';
import { createTestContext, runActivityPass } from '../contract-suite.js';
import { createBinanceConnector } from './binance-connector.js';

const KEY = 'income-key-0123456789abcdef0123456789abcdef0123456789abcdef01234';
const SECRET = 'income-secret-fedcba9876543210fedcba9876543210fedcba9876543210f';
const DAY = 86_400_000;
const clock = createTestClock();
const simulators: BinanceSimulator[] = [];

afterEach(async () => {
  await Promise.all(simulators.splice(0).map((s) => s.stop()));
});

let tranId = 9_689_322_392;
function income(incomeType: string, amount: string, time: number, asset = 'USDT', symbol = 'BTCUSDT'): BinanceWireIncome {
  tranId += 1;
  return { symbol, incomeType, income: amount, asset, info: incomeType, time, tranId, tradeId: '' };
}

async function setup(usdmIncome: BinanceWireIncome[], coinmIncome: BinanceWireIncome[] = []) {
  clearMarketCache();
  const sim = new BinanceSimulator({ clock });
  simulators.push(sim);
  const baseUrl = await sim.start();
  const account = sim.addAccount({
    apiKey: KEY,
    secret: SECRET,
    permissions: { ...READ_ONLY_PERMISSIONS },
    balances: [],
    trades: [],
    deposits: [],
    withdrawals: [],
    usdm: { assets: [], positions: [], income: usdmIncome },
    coinm: { assets: [], positions: [], income: coinmIncome },
  });
  const connector = createBinanceConnector({ clock, config: { rateLimit: 1, timeout: 500 } });
  const context = (cursors: ReadonlyMap<string, string>) =>
    createTestContext({ credentials: { apiKey: KEY, secret: SECRET }, baseUrls: { binance: baseUrl }, cursors });
  return { sim, account, connector, context };
}

const incomeOnly = <T extends { providerRef: string }>(activities: T[]) => activities.filter((a) => a.providerRef.startsWith('income:'));

describe('Binance futures income', () => {
  it('maps funding received and paid, realized profit and loss, commissions; skips wallet transfers', async () => {
    const now = clock.now();
    // binance-connector-js's mock is a TRANSFER between the user's own wallets: not an activity.
    const [transfer] = JSON.parse(
      readFileSync(new URL('../../../test/fixtures/binance/connector-js/GET_fapi_v1_income.json', import.meta.url), 'utf8'),
    ) as BinanceWireIncome[];
    const rows = [
      { ...(transfer as BinanceWireIncome), time: now - 6 * DAY },
      income('FUNDING_FEE', '0.01230000', now - 5 * DAY),
      income('FUNDING_FEE', '-0.00410000', now - 4 * DAY),
      income('REALIZED_PNL', '12.50000000', now - 3 * DAY),
      income('REALIZED_PNL', '-3.10000000', now - 2 * DAY),
      income('COMMISSION', '-0.02429400', now - 2 * DAY),
    ];
    const coinm = [income('FUNDING_FEE', '0.00000123', now - 1 * DAY, 'BTC', 'BTCUSD_PERP')];
    const { connector, context } = await setup(rows, coinm);
    const { activities } = await runActivityPass(connector, context, new Map());
    expect(incomeOnly(activities).map((a) => [a.accountKey, a.type, a.asset, a.quantity, a.providerRef])).toEqual([
      ['futures-usdm', 'funding', 'USDT', '0.0123', `income:usdm:FUNDING_FEE:${rows[1]?.tranId}`],
      ['futures-usdm', 'funding', 'USDT', '-0.0041', `income:usdm:FUNDING_FEE:${rows[2]?.tranId}`],
      ['futures-usdm', 'realized_pnl', 'USDT', '12.5', `income:usdm:REALIZED_PNL:${rows[3]?.tranId}`],
      ['futures-usdm', 'realized_pnl', 'USDT', '-3.1', `income:usdm:REALIZED_PNL:${rows[4]?.tranId}`],
      ['futures-usdm', 'fee', 'USDT', '0.024294', `income:usdm:COMMISSION:${rows[5]?.tranId}`],
      ['futures-coinm', 'funding', 'BTC', '0.00000123', `income:coinm:FUNDING_FEE:${coinm[0]?.tranId}`],
    ]);
    expect(incomeOnly(activities)[1]?.raw).toEqual(rows[2]);
  });

  it('reads USDⓈ-M from three months back (Binance keeps no more) and COIN-M from one year back on a first sync', async () => {
    const now = clock.now();
    const { sim, connector, context } = await setup(
      [income('FUNDING_FEE', '1', now - 120 * DAY), income('FUNDING_FEE', '2', now - 80 * DAY)],
      [income('REALIZED_PNL', '0.3', now - 400 * DAY, 'ETH', 'ETHUSD_PERP'), income('REALIZED_PNL', '0.5', now - 200 * DAY, 'ETH', 'ETHUSD_PERP')],
    );
    const { activities } = await runActivityPass(connector, context, new Map());
    expect(incomeOnly(activities).map((a) => a.quantity)).toEqual(['2', '0.5']);
    const usdm = sim.requests.to('/fapi/v1/income').map((e) => new URLSearchParams(e.rawQuery));
    expect(Number(usdm[0]?.get('startTime'))).toBeGreaterThanOrEqual(now - 90 * DAY);
    const coinm = sim.requests.to('/dapi/v1/income').map((e) => new URLSearchParams(e.rawQuery));
    expect(coinm).toHaveLength(1);
    expect(Number(coinm[0]?.get('startTime'))).toBeGreaterThanOrEqual(now - 365 * DAY);
    for (const q of coinm) expect(Number(q.get('endTime')) - Number(q.get('startTime'))).toBeLessThanOrEqual(365 * DAY);
  });

  it('pages past a full page that ends inside one instant without doubling or losing a record', async () => {
    const start = clock.now() - 10 * DAY;
    const rows = Array.from({ length: 998 }, (_, i) => income('FUNDING_FEE', '0.001', start + i * 1000));
    // Five records at one instant straddle the 1000-record page boundary.
    const instant = start + 998 * 1000;
    rows.push(...Array.from({ length: 5 }, () => income('FUNDING_FEE', '0.002', instant)));
    const { sim, connector, context } = await setup(rows);
    const cursors = new Map<string, string>();
    const { activities } = await runActivityPass(connector, context, cursors);
    const refs = incomeOnly(activities).map((a) => a.providerRef);
    expect(refs).toHaveLength(1_003);
    expect(new Set(refs).size).toBe(1_003);
    const starts = sim.requests.to('/fapi/v1/income').map((e) => Number(new URLSearchParams(e.rawQuery).get('startTime')));
    expect(starts[1]).toBe(instant);
    expect(incomeOnly((await runActivityPass(connector, context, cursors)).activities)).toEqual([]);
  });

  it('is incremental: new income appears exactly once in the next pass', async () => {
    const { account, connector, context } = await setup([income('FUNDING_FEE', '0.5', clock.now() - DAY)]);
    const cursors = new Map<string, string>();
    expect(incomeOnly((await runActivityPass(connector, context, cursors)).activities)).toHaveLength(1);
    const added = income('REALIZED_PNL', '7.25', clock.now());
    account.usdm?.income.push(added);
    clock.advance(120_000);
    const next = incomeOnly((await runActivityPass(connector, context, cursors)).activities);
    expect(next.map((a) => a.providerRef)).toEqual([`income:usdm:REALIZED_PNL:${added.tranId}`]);
  });
});
