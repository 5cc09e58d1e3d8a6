import { type BinanceSimAccount, type BinanceWireIncome, futuresWireAsset } from './binance-sim-account.js';

/**
 * Every wallet Binance has besides spot, for one account: funding, cross margin with a USDT
 * loan, USDⓈ-M futures with a cross long and an isolated short, COIN-M with a short, flexible
 * and locked Simple Earn (and the `LDUSDT` mirror of the flexible product in spot), and three
 * weeks of futures income. Amounts are Binance-style 8-decimal strings; `now` anchors the times.
 *
 * Used by the full-depth contract test, the demo and the benchmarks. Tests state their expected
 * values themselves; they do not read them back from here.
 */
export function withFullDepthWallets(account: BinanceSimAccount, now: number): BinanceSimAccount {
  const day = 86_400_000;
  let tranId = 1_180_000_000;
  const income = (incomeType: string, amount: string, daysAgo: number, asset: string, symbol: string): BinanceWireIncome => {
    tranId += 1;
    return { symbol, incomeType, income: amount, asset, info: incomeType, time: now - daysAgo * day, tranId, tradeId: '' };
  };
  const futuresAsset = (asset: string, wallet: string, unrealizedProfit: string, margin: string, initialMargin: string) =>
    futuresWireAsset(asset, wallet, unrealizedProfit, margin, initialMargin, now - day);

  return {
    ...account,
    balances: [...account.balances, { asset: 'LDUSDT', free: '1500.00000000', locked: '0.00000000' }],
    funding: [
      { asset: 'USDT', free: '320.00000000', locked: '40.00000000', freeze: '0.00000000', withdrawing: '0.00000000', btcValuation: '0.00371200' },
      { asset: 'BNB', free: '0.50000000', locked: '0.00000000', freeze: '0.10000000', withdrawing: '0.00000000', btcValuation: '0.00468000' },
    ],
    crossMargin: [
      { asset: 'BTC', borrowed: '0.00000000', free: '0.05000000', interest: '0.00000000', locked: '0.00000000', netAsset: '0.05000000' },
      { asset: 'USDT', borrowed: '2000.00000000', free: '150.00000000', interest: '0.84210000', locked: '0.00000000', netAsset: '-1850.84210000' },
    ],
    usdm: {
      assets: [futuresAsset('USDT', '5000.00000000', '61.75000000', '5061.75000000', '1044.50000000')],
      positions: [
        {
          symbol: 'BTCUSDT',
          positionAmt: '0.050',
          entryPrice: '96210.4',
          breakEvenPrice: '96248.88416',
          markPrice: '97445.40000000',
          unRealizedProfit: '61.75000000',
          liquidationPrice: '0',
          leverage: '5',
          maxNotionalValue: '80000000',
          marginType: 'cross',
          isolatedMargin: '0.00000000',
          isAutoAddMargin: 'false',
          positionSide: 'BOTH',
          notional: '4872.27000000',
          isolatedWallet: '0',
          updateTime: now - day,
          isolated: false,
          adlQuantile: 1,
        },
      ],
      income: [
        income('FUNDING_FEE', '-0.48721000', 20, 'USDT', 'BTCUSDT'),
        income('COMMISSION', '-1.92420000', 20, 'USDT', 'BTCUSDT'),
        income('FUNDING_FEE', '0.31190000', 13, 'USDT', 'BTCUSDT'),
        income('REALIZED_PNL', '84.20000000', 6, 'USDT', 'ETHUSDT'),
        income('FUNDING_FEE', '-0.51003000', 2, 'USDT', 'BTCUSDT'),
      ],
    },
    coinm: {
      assets: [futuresAsset('ETH', '1.20000000', '-0.00412000', '1.19588000', '0.01613000')],
      positions: [
        {
          symbol: 'ETHUSD_PERP',
          positionAmt: '-5',
          entryPrice: '3070.12',
          markPrice: '3099.80000000',
          unRealizedProfit: '-0.00412000',
          liquidationPrice: '5120.44',
          leverage: '10',
          maxQty: '5000',
          marginType: 'isolated',
          isolatedMargin: '0.01201000',
          isAutoAddMargin: 'false',
          positionSide: 'BOTH',
          notionalValue: '-0.01613000',
          isolatedWallet: '0.01613000',
          updateTime: now - day,
          breakEvenPrice: '3069.5',
        },
      ],
      income: [income('FUNDING_FEE', '0.00001840', 9, 'ETH', 'ETHUSD_PERP')],
    },
    earnFlexible: [
      {
        totalAmount: '1500.00000000',
        latestAnnualPercentageRate: '0.04120000',
        asset: 'USDT',
        canRedeem: true,
        collateralAmount: '0.00000000',
        productId: 'USDT001',
        yesterdayRealTimeRewards: '0.16931507',
        cumulativeBonusRewards: '0.00000000',
        cumulativeRealTimeRewards: '12.40410000',
        cumulativeTotalRewards: '12.40410000',
        autoSubscribe: true,
      },
    ],
    earnLocked: [
      {
        positionId: 51_000_101,
        projectId: 'Sol*120',
        asset: 'SOL',
        amount: '10.00000000',
        purchaseTime: now - 40 * day,
        duration: '120',
        accrualDays: '40',
        rewardAsset: 'SOL',
        APY: '0.0710',
        rewardAmt: '0.07780822',
        nextPay: '0.00194520',
        nextPayDate: now + day,
        payPeriod: '1',
        rewardsEndDate: now + 80 * day,
        deliverDate: now + 81 * day,
        redeemPeriod: '1',
        redeemingAmt: '0',
        canRedeemEarly: true,
        autoSubscribe: false,
        type: 'NORMAL',
        status: 'HOLDING',
      },
    ],
  };
}
