import type {
  BybitSimAccount,
  BybitWireDeposit,
  BybitWireEarnYield,
  BybitWireExecution,
  BybitWireInterTransfer,
  BybitWirePosition,
  BybitWireTransaction,
  BybitWireUnifiedCoin,
} from './bybit-sim-account.js';

/**
 * A realistic Bybit account for tests and the demo: a unified trading account (BTC with a spot
 * order open, USDT margining two perpetuals, USDC borrowed), a funding account, Earn (flexible
 * USDT, SOL staked on chain), two linear perpetuals and an inverse one, 160 spot executions
 * over two months (several 7-day windows, one of them over a page), funding settlements and
 * realized PnL in the transaction log, deposits over more than a year and withdrawals (one
 * rejected), transfers between the unified and funding accounts both ways (one pending, one
 * failed), each also in the unified account's transaction log, Flexible Savings yield paid into
 * the funding account daily, and a bought BTC call. Times are relative to `now`. The key and secret work only against the simulator.
 */
export function bybitDemoAccount(now: number): BybitSimAccount {
  const day = 86_400_000;
  const hour = 3_600_000;
  const executions: BybitWireExecution[] = Array.from({ length: 160 }, (_, i) => {
    const btc = i % 2 === 0;
    const buy = i % 3 !== 2;
    // The last 110 fall into the final week, so that one window needs two pages of 100.
    const execTime = i < 50 ? now - 60 * day + i * day : now - 6 * day + (i - 50) * hour;
    return {
      category: 'spot',
      symbol: btc ? 'BTCUSDT' : 'ETHUSDT',
      orderType: 'Limit',
      orderId: String(1_750_000_000_000_000_000n + BigInt(i)),
      orderLinkId: '',
      execId: String(2_100_000_000_047_087_120n + BigInt(i * 3)),
      execTime: String(execTime),
      execType: 'Trade',
      side: buy ? 'Buy' : 'Sell',
      execQty: btc ? '0.0015' : '0.042',
      execPrice: btc ? `${91_000 + i * 11}.5` : `${3_050 + i}.25`,
      execValue: '',
      feeRate: '0.001',
      feeCurrency: btc ? (buy ? 'BTC' : 'USDT') : buy ? 'ETH' : 'USDT',
      execFee: btc ? (buy ? '0.0000015' : '0.13650825') : buy ? '0.000042' : '0.12810525',
      isMaker: false,
      seq: String(1_251_953_666 + i),
    };
  });
  const transactions: BybitWireTransaction[] = [];
  // Funding every eight hours for the last ten days on BTCUSDT (long pays) and ETHUSDT (short receives).
  for (let k = 0; k < 30; k += 1) {
    const at = String(Math.floor((now - 10 * day) / (8 * hour)) * 8 * hour + k * 8 * hour);
    transactions.push(
      ledgerRow(`452265_BTCUSDT_${157_751_525_050 + k}`, 'SETTLEMENT', 'BTCUSDT', 'Buy', '0.25', '-2.3014350', at),
      ledgerRow(`452265_ETHUSDT_${157_751_526_050 + k}`, 'SETTLEMENT', 'ETHUSDT', 'Sell', '3', '0.9303600', at),
    );
  }
  transactions.push(
    ledgerRow('452265_ETHUSDT_157751527001', 'TRADE', 'ETHUSDT', 'Buy', '1', '41.7325', String(now - 9 * day)),
    ledgerRow('452265_BTCUSDT_157751527002', 'TRADE', 'BTCUSDT', 'Sell', '0.05', '-12.6012', String(now - 5 * day)),
    { ...ledgerRow('452265_USDC_157751527003', 'INTEREST', '', '', '0', '-0.41095891', String(now - 2 * day)), currency: 'USDC', category: '' },
    { ...ledgerRow('452265_USDT_157751527004', 'TRANSFER_IN', '', '', '0', '5000', String(now - 30 * day)), category: '' },
    { ...ledgerRow('452265_BTC_157751527006', 'TRANSFER_IN', '', '', '0', '0.1', String(now - 44 * day)), category: '', currency: 'BTC' },
    { ...ledgerRow('452265_ETH_157751527007', 'TRANSFER_OUT', '', '', '0', '-0.5', String(now - 26 * day)), category: '', currency: 'ETH' },
    { ...ledgerRow('452265_USDT_157751527008', 'TRANSFER_OUT', '', '', '0', '-750', String(now - 18 * day)), category: '' },
    { ...ledgerRow('452265_BTCUSDT_157751527005', 'TRADE', 'BTCUSDT', 'Buy', '0.0015', '0.0015', String(now - 3 * day)), category: 'spot', currency: 'BTC' },
  );
  // Between the unified and funding accounts; the unified side of each is in the transaction log above.
  const transfers: BybitWireInterTransfer[] = [
    interTransfer('c2a1f0d4-0001', 'BTC', '0.1', 'FUND', 'UNIFIED', 'SUCCESS', now - 44 * day),
    interTransfer('c2a1f0d4-0002', 'USDT', '5000', 'FUND', 'UNIFIED', 'SUCCESS', now - 30 * day),
    interTransfer('c2a1f0d4-0003', 'ETH', '0.5', 'UNIFIED', 'FUND', 'SUCCESS', now - 26 * day),
    interTransfer('c2a1f0d4-0004', 'USDT', '750', 'UNIFIED', 'FUND', 'SUCCESS', now - 18 * day),
    interTransfer('c2a1f0d4-0005', 'BTC', '1', 'UNIFIED', 'FUND', 'FAILED', now - 9 * day),
    interTransfer('c2a1f0d4-0006', 'USDT', '20', 'FUND', 'UNIFIED', 'PENDING', now - hour),
  ];
  // Flexible Savings USDT (product 8) pays daily into the funding account; today's is still pending.
  const earnYield: BybitWireEarnYield[] = Array.from({ length: 21 }, (_, i) => ({
    productId: '8',
    coin: 'USDT',
    id: String(1_002_096 + i),
    amount: `0.2${(i % 9) + 10}`,
    yieldType: 'Normal',
    distributionMode: 'Auto',
    effectiveStakingAmount: '3000',
    orderId: '',
    status: i === 20 ? 'Pending' : 'Success',
    createdAt: String(now - (20 - i) * day - 2 * hour),
  }));
  const deposits: BybitWireDeposit[] = [
    deposit('a7d3e2c1-0001', 'USDT', 'TRX', '25000', 3, now - 400 * day),
    deposit('a7d3e2c1-0002', 'BTC', 'BTC', '0.35', 3, now - 45 * day),
    deposit('a7d3e2c1-0003', 'SOL', 'SOL', '120', 3, now - 20 * day),
  ];
  const unified: BybitWireUnifiedCoin[] = [
    unifiedCoin('BTC', { walletBalance: '0.85581394', locked: '0.05' }),
    unifiedCoin('USDT', { walletBalance: '18250.55', unrealisedPnl: '412.25', totalPositionIM: '4162.155' }),
    unifiedCoin('ETH', { walletBalance: '2.5' }),
    // Borrowed USDC; the bought call's unrealized PnL (in USDC) is beside it.
    unifiedCoin('USDC', { walletBalance: '-1500.25', unrealisedPnl: '165.25', borrowAmount: '1500.25', accruedInterest: '0.41095891' }),
    unifiedCoin('SOL', { walletBalance: '0' }),
  ];
  return {
    apiKey: 'OMNIFOLIODEMOBYBIT',
    secret: 'OmnifolioDemoBybitSecret0000000000000',
    uid: '24617703',
    apiKeyInfo: {
      readOnly: 1,
      permissions: {
        ContractTrade: ['Order', 'Position'],
        Spot: ['SpotTrade'],
        Wallet: ['AccountTransfer'],
        Options: [],
        Derivatives: [],
        CopyTrading: [],
        BlockTrade: [],
        Exchange: [],
        NFT: [],
        Affiliate: [],
        Earn: ['Earn'],
      },
      ips: ['*'],
    },
    marginMode: 'REGULAR_MARGIN',
    unified,
    fund: [
      { coin: 'USDT', walletBalance: '1250.75', transferBalance: '1200.75', bonus: '0' },
      { coin: 'SOL', walletBalance: '0', transferBalance: '0', bonus: '0' },
      { coin: 'ADA', walletBalance: '38.68128', transferBalance: '38.68128', bonus: '0' },
    ],
    earn: [earnRow('FlexibleSaving', 'USDT', '3000', '8'), earnRow('OnChain', 'SOL', '100', '2002'), earnRow('FlexibleSaving', 'SOL', '15.5', '25')],
    positions: [
      position('linear', 'USDT', 'BTCUSDT', 'Buy', '0.25', '91000', '92057.4', '264.35', '10', '82510.2', '2301.435'),
      position('linear', 'USDT', 'ETHUSDT', 'Sell', '3', '3150.5', '3101.2', '147.9', '5', '3745.8', '1860.72'),
      position('inverse', 'BTC', 'BTCUSD', 'Buy', '5000', '90000', '92057.4', '0.00124162', '5', '75200.5', '0.01086279'),
      // A bought call: 0.5 BTC of underlying, premiums in USDC; (3480.5 − 3150) × 0.5.
      position('option', 'USDC', 'BTC-25DEC26-100000-C', 'Buy', '0.5', '3150', '3480.5', '165.25', '', '', ''),
    ],
    executions,
    transactions,
    deposits,
    // From another Bybit user (Bybit Pay): an internal deposit, `createdTime` in seconds.
    internalDeposits: [
      {
        id: '1103',
        type: 1,
        coin: 'USDT',
        amount: '500',
        txID: '77c37e5c-d9fa-41e5-bd13-c9b59d95',
        status: 2,
        address: 'friend***@example.com',
        createdTime: String(Math.floor((now - 15 * day) / 1000)),
      },
    ],
    transfers,
    earnYield,
    withdrawals: [
      withdrawal('wd-9f21-0001', 'ETH', '0.5', '0.0012', 'success', now - 25 * day),
      withdrawal('wd-9f21-0002', 'USDT', '1000', '1', 'Reject', now - 12 * day),
      withdrawal('wd-9f21-0003', 'BTC', '0.05', '0.0002', 'success', now - 4 * day),
    ],
  };
}

function unifiedCoin(coin: string, values: Partial<Record<string, string>>): BybitWireUnifiedCoin {
  const walletBalance = values.walletBalance ?? '0';
  const unrealisedPnl = values.unrealisedPnl ?? '0';
  return {
    coin,
    equity: values.equity ?? trimZeros(addStrings(walletBalance, unrealisedPnl)),
    usdValue: '',
    walletBalance,
    free: '',
    locked: values.locked ?? '0',
    spotHedgingQty: '0',
    borrowAmount: values.borrowAmount ?? '0',
    availableToWithdraw: '',
    accruedInterest: values.accruedInterest ?? '0',
    totalOrderIM: values.totalOrderIM ?? '0',
    totalPositionIM: values.totalPositionIM ?? '0',
    totalPositionMM: '0',
    unrealisedPnl,
    cumRealisedPnl: '0',
    bonus: '0',
    marginCollateral: true,
    collateralSwitch: true,
    availableToBorrow: '',
  };
}

/** Adds two decimal strings of at most eight places exactly (the demo's equity = wallet + uPnL). */
function addStrings(a: string, b: string): string {
  const scale = 100_000_000n;
  const toUnits = (s: string) => {
    const negative = s.startsWith('-');
    const [whole = '0', fraction = ''] = s.replace('-', '').split('.');
    const units = BigInt(whole) * scale + BigInt(fraction.padEnd(8, '0').slice(0, 8));
    return negative ? -units : units;
  };
  const sum = toUnits(a) + toUnits(b);
  const abs = sum < 0n ? -sum : sum;
  return `${sum < 0n ? '-' : ''}${abs / scale}.${(abs % scale).toString().padStart(8, '0')}`;
}

const trimZeros = (s: string) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);

function ledgerRow(id: string, type: string, symbol: string, side: string, qty: string, change: string, transactionTime: string): BybitWireTransaction {
  return {
    id,
    symbol,
    category: 'linear',
    side,
    transactionTime,
    type,
    qty,
    size: qty,
    currency: 'USDT',
    tradePrice: '',
    funding: type === 'SETTLEMENT' ? change : '0',
    fee: '0',
    cashFlow: type === 'TRADE' ? change : '0',
    change,
    cashBalance: '',
    feeRate: '',
    bonusChange: '0',
    tradeId: '',
    orderId: '',
    orderLinkId: '',
  };
}

function deposit(id: string, coin: string, chain: string, amount: string, status: number, at: number): BybitWireDeposit {
  return {
    id,
    coin,
    chain,
    amount,
    txID: `0x${id.replace(/-/g, '')}`,
    status,
    toAddress: '0x…',
    tag: '',
    depositFee: '',
    successAt: String(at),
    confirmations: '64',
    txIndex: '0',
    blockHash: '',
    batchReleaseLimit: '-1',
    depositType: '0',
  };
}

function withdrawal(withdrawId: string, coin: string, amount: string, withdrawFee: string, status: string, at: number) {
  return {
    withdrawId,
    txID: status === 'success' ? `0x${withdrawId.replace(/-/g, '')}` : '',
    withdrawType: 0,
    coin,
    chain: coin,
    amount,
    withdrawFee,
    status,
    toAddress: '0xabc…',
    tag: '',
    createTime: String(at),
    updateTime: String(at + 600_000),
  };
}

function earnRow(category: 'FlexibleSaving' | 'OnChain', coin: string, amount: string, productId: string) {
  return {
    category,
    coin,
    productId,
    amount,
    totalPnl: '0',
    claimableYield: '0',
    id: `${productId}-${coin}`,
    status: 'Active',
    orderId: '',
    estimateRedeemTime: '',
    estimateStakeTime: '',
    estimateInterestCalculationTime: '',
    settlementTime: '',
  };
}

function interTransfer(
  transferId: string,
  coin: string,
  amount: string,
  fromAccountType: string,
  toAccountType: string,
  status: BybitWireInterTransfer['status'],
  at: number,
): BybitWireInterTransfer {
  return { transferId, coin, amount, fromAccountType, toAccountType, timestamp: String(at), status };
}

function position(
  category: 'linear' | 'inverse' | 'option',
  settleCoin: string,
  symbol: string,
  side: 'Buy' | 'Sell',
  size: string,
  avgPrice: string,
  markPrice: string,
  unrealisedPnl: string,
  leverage: string,
  liqPrice: string,
  positionIM: string,
): BybitWirePosition {
  return {
    category,
    settleCoin,
    positionIdx: 0,
    riskId: 1,
    riskLimitValue: '2000000',
    symbol,
    side,
    size,
    avgPrice,
    positionValue: '',
    tradeMode: 0,
    positionStatus: 'Normal',
    autoAddMargin: 0,
    adlRankIndicator: 2,
    leverage,
    positionBalance: positionIM,
    markPrice,
    liqPrice,
    bustPrice: '',
    positionMM: '',
    positionIM,
    tpslMode: 'Full',
    takeProfit: '0',
    stopLoss: '0',
    trailingStop: '0',
    unrealisedPnl,
    curRealisedPnl: '0',
    cumRealisedPnl: '0',
    seq: 8172241024,
    isReduceOnly: false,
    mmrSysUpdatedTime: '',
    leverageSysUpdatedTime: '',
    sessionAvgPrice: '',
    createdTime: '1700000000000',
    updatedTime: '1700000000000',
  };
}
