import { createBinanceConnector } from '../companion/src/connectors/binance/binance-connector.js';
import { BINANCE_WALLET_TRANSFER_TYPES } from '../companion/src/connectors/binance/binance-wallet-transfer-history.js';
import { createTestContext, runActivityPass } from '../companion/src/connectors/contract-suite.js';
import { createOkxConnector } from '../companion/src/connectors/okx/okx-connector.js';
import { addIsolatedTransfer } from '../companion/src/simulators/binance/binance-isolated-transfers.js';
import type { BinanceMarketSpec } from '../companion/src/simulators/binance/binance-markets.js';
import { type BinanceWireIsolatedPair, READ_ONLY_PERMISSIONS } from '../companion/src/simulators/binance/binance-sim-account.js';
import { BinanceSimulator } from '../companion/src/simulators/binance/binance-simulator.js';
import { createTestClock } from '../companion/src/simulators/framework/test-clock.js';
import { okxDemoAccount } from '../companion/src/simulators/okx/demo-account.js';
import { OkxSimulator } from '../companion/src/simulators/okx/okx-simulator.js';
import type { BenchResult } from './report.js';

const DAY = 86_400_000;
const KEY = 'bench-key-000000000000000000000000000000000000000000000000000000';
const SECRET = 'bench-secret-0000000000000000000000000000000000000000000000000000';

const market = (baseAsset: string, quoteAsset: string): BinanceMarketSpec => ({
  symbol: `${baseAsset}${quoteAsset}`,
  baseAsset,
  quoteAsset,
  tickSize: '0.00010000',
  stepSize: '0.01000000',
  minNotional: '5.00000000',
});

/**
 * 2,000 spot markets: 40 coins the account trades (against USDT, also listed against BTC and ETH,
 * where it never traded) and 640 coins it never touched, each against USDT, BTC and ETH.
 */
function markets(traded: readonly string[]): BinanceMarketSpec[] {
  const list: BinanceMarketSpec[] = [market('BTC', 'USDT'), market('ETH', 'USDT'), market('ETH', 'BTC')];
  for (const coin of traded) list.push(market(coin, 'USDT'), market(coin, 'BTC'), market(coin, 'ETH'));
  for (let i = 0; list.length < 2_000; i++) {
    for (const quote of ['USDT', 'BTC', 'ETH']) if (list.length < 2_000) list.push(market(`UNTOUCHED${i}`, quote));
  }
  return list;
}

/** An isolated margin pair holding `quoteAmount` USDT and nothing borrowed, as `GET /sapi/v1/margin/isolated/account` lists it. */
function isolatedPair(baseAsset: string, quoteAmount: string): BinanceWireIsolatedPair {
  const side = (asset: string, amount: string) => ({
    asset,
    borrowEnabled: true,
    borrowed: '0.00000000',
    free: amount,
    interest: '0.00000000',
    locked: '0.00000000',
    netAsset: amount,
    netAssetOfBtc: '0.00000000',
    repayEnabled: true,
    totalAsset: amount,
  });
  return {
    baseAsset: side(baseAsset, '0.00000000'),
    quoteAsset: side('USDT', quoteAmount),
    symbol: `${baseAsset}USDT`,
    isolatedCreated: true,
    enabled: true,
    marginLevel: '999.00000000',
    marginLevelStatus: 'EXCESSIVE',
    marginRatio: '10.00000000',
    indexPrice: '2.25000000',
    liquidatePrice: '0.00000000',
    liquidateRate: '0.00000000',
    tradeEnabled: true,
  };
}

/**
 * Binance full-history sync of an account with 40 traded pairs among 2,000 markets over three
 * years, against the simulator enforcing Binance's real weight limits (6,000 per minute for
 * `/api`, 180,000 UID weight for withdraw history). The floor is what the data needs: one
 * `myTrades` request per 1,000 trades of each traded pair plus the unavoidable windows of the
 * deposit, withdrawal, wallet-transfer and Convert histories. The ratio is the first sync's trade
 * discovery, floor ÷ actual `myTrades` requests (1 would be perfect); the figures add every sync
 * until the backfills end.
 */
export async function benchBinanceFullHistory(): Promise<BenchResult> {
  const clock = createTestClock();
  const now = clock.now();
  const coins = Array.from({ length: 40 }, (_, i) => `COIN${i}`);
  const sim = new BinanceSimulator({ clock, markets: markets(coins) });
  const baseUrl = await sim.start();
  try {
    sim.addAccount({
      apiKey: KEY,
      secret: SECRET,
      permissions: { ...READ_ONLY_PERMISSIONS },
      // 30 coins still held; the other 10 were sold and withdrawn.
      balances: [
        { asset: 'USDT', free: '15000.00000000', locked: '0.00000000' },
        ...coins.slice(0, 30).map((asset) => ({ asset, free: '12.50000000', locked: '0.00000000' })),
      ],
      trades: [],
      deposits: [],
      withdrawals: [],
      // Two isolated margin pairs, each funded from spot twice a month over the six months Binance keeps.
      isolatedMargin: {
        assets: [isolatedPair('COIN0', '1200.00000000'), isolatedPair('COIN1', '1200.00000000')],
        totalAssetOfBtc: '0.00000000',
        totalLiabilityOfBtc: '0.00000000',
        totalNetAssetOfBtc: '0.00000000',
      },
    });
    const isolatedPairs = ['COIN0USDT', 'COIN1USDT'];
    const benchAccount = sim.account(KEY);
    for (const pair of isolatedPairs)
      for (let m = 0; m < 12; m++)
        addIsolatedTransfer(benchAccount, { pair, type: 'ROLL_IN', asset: 'USDT', amount: '100', timestamp: now - (m * 15 + 1) * DAY }, now);
    const start = now - 3 * 365 * DAY;
    const tradesPerPair = coins.map((_, i) => (i === 0 ? 2_400 : i < 5 ? 1_000 : 150 + i * 7));
    coins.forEach((coin, i) => {
      const count = tradesPerPair[i] as number;
      const step = Math.floor((3 * 365 * DAY) / count);
      for (let t = 0; t < count; t++) {
        sim.addTrade(KEY, {
          symbol: `${coin}USDT`,
          side: t % 2 === 0 ? 'BUY' : 'SELL',
          qty: '1.5',
          price: '2.25',
          commission: '0.00337500',
          commissionAsset: 'USDT',
          time: start + t * step,
        });
      }
    });
    for (let q = 0; q < 12; q++) sim.addDeposit(KEY, { coin: 'USDT', amount: '5000', insertTime: start + q * 90 * DAY + DAY });
    for (const coin of coins.slice(30)) sim.addWithdrawal(KEY, { coin, amount: '10', transactionFee: '0.1', applyTime: now - 30 * DAY });

    const connector = createBinanceConnector({ clock, config: { rateLimit: 1 } });
    const context = (cursors: ReadonlyMap<string, string>) =>
      createTestContext({ credentials: { apiKey: KEY, secret: SECRET }, baseUrls: { binance: baseUrl }, cursors });
    const cursors = new Map<string, string>();
    const started = performance.now();
    // The full history takes several syncs: withdrawals and Convert backfill a minute's weight
    // budget per sync. Syncs a minute apart until both reach their floors.
    const first = { activities: [] as { providerRef: string }[] };
    let syncs = 0;
    let firstSyncRequests = 0;
    let firstSyncMyTrades = 0;
    const floorOf = (key: string, floorMs: number) => Number(cursors.get(key)) === floorMs;
    while (syncs < 200 && !(syncs > 0 && floorOf('withdrawals:backfill', Date.UTC(2017, 6, 14)) && floorOf('convert:backfill', Date.UTC(2020, 0, 1)))) {
      first.activities.push(...(await runActivityPass(connector, context, cursors)).activities);
      if (syncs === 0) {
        firstSyncRequests = sim.requests.entries.length;
        firstSyncMyTrades = sim.requests.to('/api/v3/myTrades').length;
      }
      syncs += 1;
      clock.advance(61_000);
    }
    const wallMs = performance.now() - started;
    const entries = [...sim.requests.entries];
    const myTrades = entries.filter((e) => e.path === '/api/v3/myTrades').length;
    // Later syncs repeat the candidate search and the forward walks; those count against us.
    const refused = entries.filter((e) => e.status === 418 || e.status === 429).length;
    const weight = sim.spentWeight();

    const tradeFloor = tradesPerPair.reduce((sum, n) => sum + Math.floor(n / 1_000) + 1, 0);
    const span = now - Date.UTC(2017, 6, 14);
    const transferWindows = 2 * Math.ceil(span / (90 * DAY));
    const convertWindows = Math.ceil((now - Date.UTC(2020, 0, 1)) / (30 * DAY));
    // The request log keeps the last 5,000 entries; counts over all syncs come from the meter-free log only while it fits.
    const loggedAll = entries.length < 5_000;
    // Transfers between wallets: one request per transfer type and 30-day window of the six months Binance keeps.
    const walletTransferWindows = BINANCE_WALLET_TRANSFER_TYPES.length * Math.ceil((180 * DAY) / (30 * DAY));
    // Transfers into and out of isolated pairs: one request per pair and 30-day window of six months.
    const isolatedTransferWindows = isolatedPairs.length * Math.ceil((180 * DAY) / (30 * DAY));
    // Margin history: the cross margin account read (none here: -3003), per isolated pair one
    // margin myTrades request (no trades) and one interest request per 30-day window of six months.
    const marginRequests = 1 + isolatedPairs.length * (1 + Math.ceil((180 * DAY) / (30 * DAY)));
    // Markets, spot balances (the assets to search), dust, the isolated pair list; USDⓈ-M and COIN-M income, one window each.
    const fixed = 4 + 2;
    const floor = tradeFloor + transferWindows + convertWindows + walletTransferWindows + isolatedTransferWindows + marginRequests + fixed;
    const actual = entries.length;
    const tradeWeightFloor = tradeFloor * 20;

    sim.requests.clear();
    const second = await runActivityPass(connector, context, cursors);
    const incremental = sim.requests.entries.length;
    return {
      name: 'binance-full-history',
      description: '40 traded pairs among 2,000 markets over 3 years, first sync then a sync with nothing new',
      figures: [
        { label: 'syncs to the full history', value: `${syncs} (a minute apart; first sync ${firstSyncRequests} requests)` },
        {
          label: 'trades found / in the account',
          value: `${first.activities.filter((a) => a.providerRef.startsWith('trade:')).length} / ${tradesPerPair.reduce((a, b) => a + b, 0)}`,
        },
        {
          label: 'isolated margin transfers found / in the account',
          value: `${first.activities.filter((a) => a.providerRef.startsWith('isolated-transfer:') && !a.providerRef.endsWith(':spot')).length} / ${isolatedPairs.length * 12}`,
        },
        { label: 'requests, all syncs (floor / actual)', value: `${floor} / ${loggedAll ? actual : '≥ 5000'}` },
        { label: 'myTrades, first sync (floor / actual)', value: `${tradeFloor} / ${firstSyncMyTrades}` },
        { label: 'myTrades weight, first sync', value: `${tradeWeightFloor} / ${firstSyncMyTrades * 20}` },
        { label: 'myTrades, all syncs', value: loggedAll ? String(myTrades) : '≥ log size' },
        { label: 'weight /api, /sapi IP, /sapi UID', value: `${weight.ip}, ${weight.sapiIp}, ${weight.sapiUid}` },
        { label: 'HTTP 418/429 responses', value: String(refused) },
        { label: 'waited for weight budget (s)', value: (clock.sleeps.reduce((a, b) => a + b, 0) / 1000).toFixed(0) },
        { label: 'wall time (ms)', value: wallMs.toFixed(0) },
        { label: 'incremental sync requests', value: `${incremental} (${second.activities.length} new records)` },
      ],
      // Trade discovery on the first sync, floor ÷ actual; any 418/429 fails the benchmark outright.
      ratio: refused > 0 ? 0 : tradeFloor / firstSyncMyTrades,
      target: { ratioAtLeast: 0.3 },
    };
  } finally {
    await sim.stop();
  }
}

/** Requests an incremental OKX sync makes when nothing is new, against the floor of one per history. */
export async function benchOkxIncremental(): Promise<BenchResult> {
  const clock = createTestClock();
  const sim = new OkxSimulator({ clock });
  const baseUrl = await sim.start();
  try {
    const account = sim.addAccount(okxDemoAccount(clock.now()));
    const connector = createOkxConnector({ clock, config: { rateLimit: 1 } });
    const context = (cursors: ReadonlyMap<string, string>) =>
      createTestContext({
        credentials: { apiKey: account.apiKey, secret: account.secret, passphrase: account.passphrase },
        baseUrls: { okx: baseUrl },
        cursors,
      });
    const cursors = new Map<string, string>();
    await runActivityPass(connector, context, cursors);
    const firstRequests = sim.requests.entries.length;
    sim.requests.clear();
    const second = await runActivityPass(connector, context, cursors);
    const incremental = sim.requests.entries.length;
    const floor = 7; // spot and margin fills, trading and funding ledgers, Earn interest, deposits, withdrawals: one look each
    return {
      name: 'okx-incremental',
      description: 'OKX sync with nothing new after a full first sync (demo account)',
      figures: [
        { label: 'first sync requests', value: String(firstRequests) },
        { label: 'incremental requests (floor / actual)', value: `${floor} / ${incremental}` },
        { label: 'new records', value: String(second.activities.length) },
      ],
      ratio: floor / incremental,
      target: { ratioAtLeast: 1 },
    };
  } finally {
    await sim.stop();
  }
}
