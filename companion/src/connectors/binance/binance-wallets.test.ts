import { readFileSync } from 'node:fs';
import { dec } from '@omnifolio/shared/money';
import { positionRecord } from '@omnifolio/shared/schemas';
import { afterEach, describe, expect, it } from 'vitest';
import { type BinanceSimAccount, type BinanceWireFuturesAsset, futuresWireAsset, READ_ONLY_PERMISSIONS } from '../../simulators/binance/binance-sim-account.js';
import { BinanceSimulator } from '../../simulators/binance/binance-simulator.js';
import { createTestClock } from '../../simulators/framework/test-clock.js';
import { clearMarketCache } from '../ccxt/market-cache.js';
import { createTestContext } from '../contract-suite.js';
import { createBinanceConnector } from './binance-connector.js';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../../test/fixtures/binance/${name}`, import.meta.url), 'utf8'));
interface CcxtPositionCase {
  description: string;
  httpResponse: Record<string, string>[];
  parsedResponse: Record<string, unknown>[];
}
const ccxtPositions = (fixture('ccxt-positions.json') as { methods: { fetchPositions: CcxtPositionCase[] } }).methods.fetchPositions;
const ccxtPositionCase = (description: string) => ccxtPositions.find((c) => c.description === description) as CcxtPositionCase;

const KEY = 'wallets-key-0123456789abcdef0123456789abcdef0123456789abcdef0123';
const SECRET = 'wallets-secret-fedcba9876543210fedcba9876543210fedcba9876543210';
const clock = createTestClock();
const simulators: BinanceSimulator[] = [];

afterEach(async () => {
  await Promise.all(simulators.splice(0).map((s) => s.stop()));
});

const futuresAsset = (asset: string, wallet: string, unrealizedProfit: string, margin: string, initialMargin: string) =>
  futuresWireAsset(asset, wallet, unrealizedProfit, margin, initialMargin, 1_722_161_166_529);

async function setup(account: Partial<BinanceSimAccount> = {}) {
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
  const context = () => createTestContext({ credentials: { apiKey: KEY, secret: SECRET }, baseUrls: { binance: baseUrl } });
  return { sim, connector, context };
}

const flat = (balances: { accountKey: string; asset: { symbol: string }; free: string; locked: string }[]) =>
  balances.map((b) => `${b.accountKey} ${b.asset.symbol} ${b.free} ${b.locked}`).sort();

describe('Binance wallets as balances', () => {
  it('reads funding, Earn and USDⓈ-M wallets from binance-connector-js’s recorded bodies', async () => {
    const usdm = fixture('connector-js/GET_fapi_v2_account.json') as { assets: BinanceWireFuturesAsset[] };
    const { connector, context } = await setup({
      funding: fixture('connector-js/POST_sapi_v1_asset_get-funding-asset.json') as BinanceSimAccount['funding'],
      earnFlexible: (fixture('connector-js/GET_sapi_v1_simple-earn_flexible_position.json') as { rows: Record<string, unknown>[] }).rows,
      earnLocked: (fixture('connector-js/GET_sapi_v1_simple-earn_locked_position.json') as { rows: Record<string, unknown>[] }).rows,
      usdm: { assets: usdm.assets, positions: [], income: [] },
    });
    // Transcribed from the fixtures: funding USDT free "1"; flexible USDT totalAmount "75.46000000";
    // locked AXS amount "122.09202928"; USD-M USDT marginBalance "23.72469206" with no initial margin.
    expect(flat(await connector.fetchBalances(context()))).toEqual([
      'earn AXS 0 122.09202928',
      'earn USDT 75.46 0',
      'funding USDT 1 0',
      'futures-usdm USDT 23.72469206 0',
    ]);
  });

  it('reports borrowed cross margin as a negative balance equal to Binance’s netAsset', async () => {
    const { connector, context } = await setup({
      crossMargin: [
        { asset: 'BTC', borrowed: '0.00000000', free: '0.25000000', interest: '0.00000000', locked: '0.01000000', netAsset: '0.26000000' },
        { asset: 'USDT', borrowed: '5000.00000000', free: '1200.00000000', interest: '1.73210000', locked: '0.00000000', netAsset: '-3801.73210000' },
        { asset: 'ETH', borrowed: '0.00000000', free: '0.00000000', interest: '0.00000000', locked: '0.00000000', netAsset: '0.00000000' },
      ],
    });
    expect(flat(await connector.fetchBalances(context()))).toEqual(['margin BTC 0.25 0.01', 'margin USDT -3801.7321 0']);
  });

  it('counts flexible Earn once: the spot LD<asset> mirror is dropped, a coin named LDO is not', async () => {
    const { connector, context } = await setup({
      balances: [
        { asset: 'LDUSDT', free: '75.46000000', locked: '0.00000000' },
        { asset: 'LDO', free: '310.00000000', locked: '0.00000000' },
        { asset: 'USDT', free: '12.00000000', locked: '0.00000000' },
      ],
      earnFlexible: [{ asset: 'USDT', totalAmount: '75.46000000', productId: 'USDT001', canRedeem: true }],
    });
    expect(flat(await connector.fetchBalances(context()))).toEqual(['earn USDT 75.46 0', 'spot LDO 310 0', 'spot USDT 12 0']);
  });

  it('pages Simple Earn positions 100 at a time', async () => {
    const earnLocked = Array.from({ length: 130 }, (_, i) => ({ positionId: i + 1, asset: 'DOT', amount: '1.00000001', status: 'HOLDING' }));
    const { sim, connector, context } = await setup({ earnLocked });
    expect(flat(await connector.fetchBalances(context()))).toEqual(['earn DOT 0 130.0000013']);
    expect(sim.requests.to('/sapi/v1/simple-earn/locked/position').map((e) => new URLSearchParams(e.rawQuery).get('current'))).toEqual(['1', '2']);
  });

  it('reports futures equity (wallet + unrealized PnL) with the initial margin as locked', async () => {
    const { connector, context } = await setup({
      usdm: { assets: [futuresAsset('USDT', '3.72964781', '0.54238506', '4.27203287', '7.59444356')], positions: [], income: [] },
      coinm: { assets: [futuresAsset('BTC', '0.01000000', '0.00004318', '0.01004318', '0.00021983')], positions: [], income: [] },
    });
    // USDT: initial margin exceeds equity, so all 4.27203287 is locked; BTC: 0.01004318 − 0.00021983 free.
    expect(flat(await connector.fetchBalances(context()))).toEqual(['futures-coinm BTC 0.00982335 0.00021983', 'futures-usdm USDT 0 4.27203287']);
  });

  it('treats a key that cannot read futures as "no futures" and says so in test()', async () => {
    const { connector, context } = await setup({ futuresUnavailable: true, balances: [{ asset: 'BTC', free: '1.00000000', locked: '0.00000000' }] });
    expect(flat(await connector.fetchBalances(context()))).toEqual(['spot BTC 1 0']);
    const { warnings } = await connector.test(context());
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/cannot read USDⓈ-M futures.*create a new read-only key after opening the futures account/);
    expect(warnings[1]).toMatch(/cannot read COIN-M futures/);
    expect(await connector.fetchPositions?.(context())).toEqual([]);
  });
});

describe('Binance futures positions', () => {
  it('maps COIN-M positions exactly to ccxt’s parsed fixture (dapi positionRisk)', async () => {
    const inverse = ccxtPositionCase('inverse positions');
    const { connector, context } = await setup({ coinm: { assets: [], positions: inverse.httpResponse, income: [] } });
    const positions = (await connector.fetchPositions?.(context())) ?? [];
    const [parsed] = inverse.parsedResponse as Record<string, number | string>[];
    expect(positions).toHaveLength(1); // the BCHUSD_241227 row has no amount
    const [position] = positions;
    expect(() => positionRecord.parse(position)).not.toThrow();
    expect(position).toMatchObject({
      accountKey: 'futures-coinm',
      symbol: 'BTCUSD_PERP',
      side: parsed?.side,
      contracts: String(parsed?.contracts),
      // COIN-M exposure in the coin at the mark price: |notionalValue|.
      sizeInBase: String(parsed?.notional),
      entryPrice: String(parsed?.entryPrice),
      markPrice: String(parsed?.markPrice),
      notional: String(parsed?.notional),
      unrealizedPnl: '0.00004318',
      leverage: String(parsed?.leverage),
      liquidationPrice: String(parsed?.liquidationPrice),
      marginMode: parsed?.marginMode,
      settleAsset: 'BTC',
    });
    // ccxt rounds the initial margin to 8 places; ours is exact (notional / leverage).
    expect(
      dec(position?.margin ?? 'NaN')
        .toDecimalPlaces(8)
        .toString(),
    ).toBe(String(parsed?.initialMargin));
  });

  it('maps USDⓈ-M positions (v2 positionRisk) to ccxt’s parsed values, isolated margin from the isolated wallet', async () => {
    const linear = ccxtPositionCase('Fetch linear positions without symbols');
    const [raw] = linear.httpResponse;
    const [parsed] = linear.parsedResponse as Record<string, number | string>[];
    // v2 carries leverage and marginType, which v3 dropped; 1 / initialMarginPercentage (0.0125) = 80.
    const crossRow = { ...raw, leverage: '80', marginType: 'cross' };
    const isolatedRow = {
      ...raw,
      symbol: 'ETHUSDT',
      positionAmt: '-1.250',
      entryPrice: '3120.55',
      markPrice: '3101.20000000',
      unRealizedProfit: '24.18750000',
      liquidationPrice: '3390.11',
      notional: '-3876.50000000',
      leverage: '10',
      marginType: 'isolated',
      isolatedMargin: '414.36820000',
      isolatedWallet: '390.18070000',
      positionSide: 'SHORT',
    };
    const flatRow = { ...raw, symbol: 'SOLUSDT', positionAmt: '0', leverage: '5', marginType: 'cross' };
    const { connector, context } = await setup({ usdm: { assets: [], positions: [crossRow, isolatedRow, flatRow], income: [] } });
    const positions = (await connector.fetchPositions?.(context())) ?? [];
    expect(positions.map((p) => p.symbol)).toEqual(['BTCUSDT', 'ETHUSDT']);
    expect(positions[0]).toMatchObject({
      accountKey: 'futures-usdm',
      side: parsed?.side,
      contracts: String(parsed?.contracts),
      sizeInBase: String(parsed?.contracts),
      entryPrice: String(parsed?.entryPrice),
      markPrice: String(parsed?.markPrice),
      notional: String(parsed?.notional),
      unrealizedPnl: String(parsed?.unrealizedPnl),
      leverage: '80',
      liquidationPrice: String(parsed?.liquidationPrice),
      marginMode: parsed?.marginMode,
      settleAsset: 'USDT',
    });
    expect(
      dec(positions[0]?.margin ?? 'NaN')
        .toDecimalPlaces(8)
        .toString(),
    ).toBe(raw?.initialMargin);
    expect(positions[1]).toMatchObject({
      side: 'short',
      contracts: '1.25',
      sizeInBase: '1.25',
      notional: '3876.5',
      unrealizedPnl: '24.1875',
      marginMode: 'isolated',
      margin: '390.1807',
      liquidationPrice: '3390.11',
    });
  });
});
