import { dec } from '@omnifolio/shared/money';
import type { MexcSimAccount, MexcWireContract, MexcWireSymbol, MexcWireTrade } from './mexc-sim-account.js';

/**
 * A realistic MEXC account for tests and the demo: spot with an open order, USDT-margined futures
 * with a cross long and an isolated short, 150 spot trades over the last four weeks in four
 * markets (BTCUSDT alone holds more than one 100-trade page), deposits and withdrawals over the
 * last 60 days (one failed). Times are relative to `now`. The key and secret work only against the
 * simulator.
 */
export function mexcDemoAccount(now: number): MexcSimAccount {
  const day = 86_400_000;
  const markets = [
    { symbol: 'BTCUSDT', qty: '0.0021', price: (i: number) => `${89_500 + i * 7}.25`, fee: 'USDT' },
    { symbol: 'ETHUSDT', qty: '0.05', price: (i: number) => `${3_010 + i}.5`, fee: 'ETH' },
    { symbol: 'SOLUSDT', qty: '1.5', price: (i: number) => `${170 + (i % 9)}.125`, fee: 'USDT' },
    { symbol: 'MXUSDT', qty: '25', price: (i: number) => `${3 + (i % 3)}.0125`, fee: 'MX' },
  ];
  const trades: MexcWireTrade[] = Array.from({ length: 150 }, (_, i) => {
    // Two of every three trades are BTCUSDT: 100 of them, over more than one page of 100.
    const market = markets[i % 3 === 2 ? 1 + (((i / 3) | 0) % 3) : 0] as (typeof markets)[number];
    const buy = i % 5 !== 4;
    const price = market.price(i);
    return {
      symbol: market.symbol,
      id: String(543_210_987_650_000n + BigInt(i)),
      orderId: `C02__${String(412_000_000 + i)}`,
      orderListId: -1,
      price,
      qty: market.qty,
      quoteQty: dec(price).mul(market.qty).toFixed(),
      commission: market.fee === 'USDT' ? '0.0012' : market.symbol === 'ETHUSDT' ? '0.00005' : '0.025',
      commissionAsset: market.fee,
      time: now - 28 * day + i * 4 * 3_600_000 + 731,
      isBuyer: buy,
      isMaker: i % 2 === 0,
      isBestMatch: true,
      isSelfTrade: false,
      clientOrderId: null,
    };
  });
  return {
    apiKey: 'mx0vglomnifoliodemo0key00',
    secret: 'omnifolio0mexc0demo0secret0000000',
    balances: [
      { asset: 'USDT', free: '8450.25', locked: '120' },
      { asset: 'BTC', free: '0.215', locked: '0' },
      { asset: 'ETH', free: '1.2', locked: '0' },
      { asset: 'SOL', free: '12.5', locked: '0' },
      { asset: 'MX', free: '350', locked: '0' },
    ],
    trades,
    deposits: [
      {
        amount: '10000',
        coin: 'USDT',
        network: 'TRC20',
        status: 5,
        address: 'TXL8…',
        txId: '0x5b3a9f01',
        insertTime: now - 60 * day,
        unlockConfirm: '20',
        confirmTimes: '20',
        memo: '',
      },
      {
        amount: '0.25',
        coin: 'BTC',
        network: 'BTC',
        status: 5,
        address: 'bc1q…',
        txId: '4a5e1e4b02',
        insertTime: now - 40 * day,
        unlockConfirm: '2',
        confirmTimes: '3',
        memo: '',
      },
      {
        amount: '20',
        coin: 'SOL',
        network: 'SOL',
        status: 12,
        address: 'So1…',
        txId: '5xYz03',
        insertTime: now - 20 * day,
        unlockConfirm: '1',
        confirmTimes: '32',
        memo: '',
      },
    ],
    withdrawals: [
      {
        id: 'bb17a2d452684f00a523c015d512a341',
        txId: '0x9b2e04',
        coin: 'ETH',
        network: 'ERC20',
        address: '0xabc…',
        amount: '0.5',
        transferType: 0,
        status: 7,
        transactionFee: '0.0008',
        confirmNo: 64,
        applyTime: now - 10 * day,
        remark: '',
        memo: '',
        transHash: '0x9b2e04',
        updateTime: now - 10 * day + 600_000,
        coinId: '128f589271cb495b03e71e6323eb7be',
        vcoinId: 'af42c6414b9a46c8869ce30fd51660f',
      },
      {
        id: 'c4e1f0a93b7d4e2c8f5a6b1d2e3f4a5b',
        txId: null,
        coin: 'USDT',
        network: 'TRC20',
        address: 'TXL8…',
        amount: '500',
        transferType: 0,
        status: 8,
        transactionFee: '1',
        confirmNo: null,
        applyTime: now - 5 * day,
        remark: '',
        memo: '',
        transHash: '',
        updateTime: now - 5 * day + 60_000,
        coinId: '128f589271cb495b03e71e6323eb7bf',
        vcoinId: 'af42c6414b9a46c8869ce30fd51660e',
      },
    ],
    // Funding every 8 hours on both positions since they opened: the long pays, the short receives.
    // MEXC's record ids grow with time.
    funding: [
      ...Array.from({ length: 18 }, (_, i) => ({
        id: 7_423_910 + i * 4,
        symbol: 'BTC_USDT',
        positionType: 1 as const,
        positionValue: 2_253.0125,
        funding: -(225 + i) / 10_000,
        rate: 0.0001,
        settleTime: now - 6 * day + i * 8 * 3_600_000,
      })),
      ...Array.from({ length: 9 }, (_, i) => ({
        id: 7_423_910 + (i + 9) * 4 + 1,
        symbol: 'SOL_USDT',
        positionType: 2 as const,
        positionValue: 729.6,
        funding: (73 + i) / 10_000,
        rate: 0.00001,
        settleTime: now - 3 * day + i * 8 * 3_600_000 + 1,
      })),
    ],
    futures: [
      {
        currency: 'USDT',
        positionMargin: 261.02,
        availableBalance: 2839.48,
        cashBalance: 3120.5,
        frozenBalance: 20,
        equity: 3195.69,
        unrealized: 75.19,
        bonus: 0,
        availableCash: 2839.48,
        availableOpen: 2839.48,
      },
    ],
    positions: [
      {
        positionId: 1_394_650,
        symbol: 'BTC_USDT',
        positionType: 1,
        openType: 2,
        state: 1,
        holdVol: 250,
        frozenVol: 0,
        closeVol: 0,
        holdAvgPrice: 90_120.5,
        openAvgPrice: 90_120.5,
        closeAvgPrice: 0,
        liquidatePrice: 45_000.3,
        oim: 115.1,
        im: 115.1,
        holdFee: -0.0412,
        realised: -0.9013,
        leverage: 20,
        createTime: now - 6 * day,
        updateTime: now - day,
        autoAddIm: false,
      },
      {
        positionId: 1_394_702,
        symbol: 'SOL_USDT',
        positionType: 2,
        openType: 1,
        state: 1,
        holdVol: 40,
        frozenVol: 0,
        closeVol: 0,
        holdAvgPrice: 182.4,
        openAvgPrice: 182.4,
        closeAvgPrice: 0,
        liquidatePrice: 215.7,
        oim: 145.92,
        im: 145.92,
        holdFee: 0.0137,
        realised: -0.2918,
        leverage: 5,
        createTime: now - 3 * day,
        updateTime: now - day,
        autoAddIm: false,
      },
    ],
  };
}

/** Contract sizes and fair prices as MEXC lists them: BTC_USDT is 0.0001 BTC, SOL_USDT 0.1 SOL, ETH_USDT 0.01 ETH. */
export const MEXC_DEMO_CONTRACTS: readonly MexcWireContract[] = [
  { symbol: 'BTC_USDT', baseCoin: 'BTC', quoteCoin: 'USDT', settleCoin: 'USDT', contractSize: 0.0001, fairPrice: 92_000.1 },
  { symbol: 'ETH_USDT', baseCoin: 'ETH', quoteCoin: 'USDT', settleCoin: 'USDT', contractSize: 0.01, fairPrice: 3_090.15 },
  { symbol: 'SOL_USDT', baseCoin: 'SOL', quoteCoin: 'USDT', settleCoin: 'USDT', contractSize: 0.1, fairPrice: 175.35 },
];

/** A spot market list like MEXC's, with markets the demo account never touches. */
export const MEXC_DEMO_SYMBOLS: readonly MexcWireSymbol[] = [
  ...['BTC', 'ETH', 'SOL', 'MX', 'PEPE', 'KAS', 'DOGE', 'XRP', 'TRX', 'SUI'].flatMap((base) => [
    { symbol: `${base}USDT`, status: '1' as const, baseAsset: base, quoteAsset: 'USDT' },
    { symbol: `${base}USDC`, status: '1' as const, baseAsset: base, quoteAsset: 'USDC' },
  ]),
  { symbol: 'ETHBTC', status: '1', baseAsset: 'ETH', quoteAsset: 'BTC' },
  { symbol: 'MXBTC', status: '2', baseAsset: 'MX', quoteAsset: 'BTC' },
  { symbol: 'USDCUSDT', status: '1', baseAsset: 'USDC', quoteAsset: 'USDT' },
  { symbol: 'KASBTC', status: '1', baseAsset: 'KAS', quoteAsset: 'BTC' },
];
