import type { KucoinSimAccount, KucoinWireFill, KucoinWireHfFill, KucoinWireLedgerEntry } from './kucoin-sim-account.js';

/**
 * A realistic KuCoin account for tests and the demo: Funding and Trading accounts (an order
 * holding BTC), cross margin with a USDT loan and a little BTC owed beyond what is held, USDT-
 * and XBT-margined futures wallets with a linear long, a linear short and an inverse short,
 * isolated margin on SOL-USDT (a USDT loan larger than the USDT held) and ETH-USDT, flexible and
 * locked Earn holdings (one being redeemed) with their subscriptions and a redemption in the ledger, transfers to and
 * from isolated margin in the classic and the high-frequency margin ledgers, futures transfers and realized PnL, 64 spot fills over five weeks (14 a
 * week: two pages at KuCoin's smallest page size), 7 cross and 3 isolated margin fills, margin interest
 * (cross in the classic ledger, isolated from the interest history), deposits and withdrawals
 * (one failed each, one still processing) and ledger transfers and rewards. Both margin accounts'
 * histories add up to their balances (held less owed). Times are relative to `now`. The key works only against the simulator.
 */
export function kucoinDemoAccount(now: number): KucoinSimAccount {
  const day = 86_400_000;
  const fills: KucoinWireFill[] = Array.from({ length: 64 }, (_, i) => {
    const btc = i % 2 === 0;
    const buy = i % 4 !== 3;
    const size = btc ? '0.0125' : '0.35';
    const price = btc ? `${88_000 + i * 37}.5` : `${3_010 + i}.25`;
    return {
      symbol: btc ? 'BTC-USDT' : 'ETH-USDT',
      tradeId: `6570a1f0c2b7e10001${String(i).padStart(6, '0')}`,
      orderId: `6570a1f0c2b7e10002${String(i).padStart(6, '0')}`,
      counterOrderId: `6570a1f0c2b7e10003${String(i).padStart(6, '0')}`,
      side: buy ? 'buy' : 'sell',
      liquidity: i % 3 === 0 ? 'maker' : 'taker',
      forceTaker: false,
      price,
      size,
      funds: '0',
      fee: btc ? '1.1' : '1.05',
      feeRate: '0.001',
      feeCurrency: 'USDT',
      stop: '',
      type: 'limit',
      tradeType: 'TRADE',
      createdAt: now - 49 * day + i * 12 * 3_600_000,
    };
  });
  // Isolated margin on SOL-USDT: three buys.
  for (let i = 0; i < 3; i += 1) {
    fills.push({
      symbol: 'SOL-USDT',
      tradeId: `6570c3d0c2b7e10001${String(i).padStart(6, '0')}`,
      orderId: `6570c3d0c2b7e10002${String(i).padStart(6, '0')}`,
      counterOrderId: `6570c3d0c2b7e10003${String(i).padStart(6, '0')}`,
      side: 'buy',
      liquidity: 'taker',
      forceTaker: false,
      price: `${182 + i}.4`,
      size: '5',
      funds: '0',
      fee: '0.005',
      feeRate: '0.001',
      feeCurrency: 'SOL',
      stop: '',
      type: 'market',
      tradeType: 'MARGIN_ISOLATED_TRADE',
      createdAt: now - 8 * day + i * 3_600_000,
    });
  }
  for (let i = 0; i < 6; i += 1) {
    fills.push({
      symbol: 'ETH-USDT',
      tradeId: `6570b2e0c2b7e10001${String(i).padStart(6, '0')}`,
      orderId: `6570b2e0c2b7e10002${String(i).padStart(6, '0')}`,
      counterOrderId: `6570b2e0c2b7e10003${String(i).padStart(6, '0')}`,
      side: 'buy',
      liquidity: 'taker',
      forceTaker: false,
      price: `${3_120 + i * 4}.5`,
      size: '0.25',
      funds: '0',
      fee: '0.00025',
      feeRate: '0.001',
      feeCurrency: 'ETH',
      stop: '',
      type: 'market',
      tradeType: 'MARGIN_TRADE',
      createdAt: now - 12 * day + i * 3_600_000,
    });
  }
  // Cross margin sold the 0.01 BTC it borrowed (the BTC owed beyond what is held).
  fills.push({
    symbol: 'BTC-USDT',
    tradeId: '6570b2e0c2b7e10001000100',
    orderId: '6570b2e0c2b7e10002000100',
    counterOrderId: '6570b2e0c2b7e10003000100',
    side: 'sell',
    liquidity: 'taker',
    forceTaker: false,
    price: '90000',
    size: '0.01',
    funds: '900',
    fee: '0.9',
    feeRate: '0.001',
    feeCurrency: 'USDT',
    stop: '',
    type: 'market',
    tradeType: 'MARGIN_TRADE',
    createdAt: now - 10 * day,
  });
  const ledgerEntry = (
    id: number,
    at: number,
    entry: Omit<KucoinWireLedgerEntry, 'id' | 'createdAt' | 'context' | 'fee' | 'balance'>,
  ): KucoinWireLedgerEntry => ({
    id: `65${String(id).padStart(22, '0')}`,
    fee: '0',
    balance: '0',
    context: '',
    createdAt: at,
    ...entry,
  });
  const ledger: KucoinWireLedgerEntry[] = [
    // Deposits, withdrawals and trades are in the ledger too; the connector reads them from their own endpoints.
    ledgerEntry(1, now - 60 * day, { currency: 'USDT', amount: '10000', accountType: 'MAIN', bizType: 'Deposit', direction: 'in' }),
    ledgerEntry(2, now - 59 * day, { currency: 'USDT', amount: '8000', accountType: 'MAIN', bizType: 'Transfer', direction: 'out' }),
    ledgerEntry(3, now - 59 * day, { currency: 'USDT', amount: '8000', accountType: 'TRADE', bizType: 'Transfer', direction: 'in' }),
    ledgerEntry(4, now - 30 * day, { currency: 'USDT', amount: '1000', accountType: 'TRADE', bizType: 'Transfer', direction: 'out' }),
    ledgerEntry(5, now - 30 * day, { currency: 'USDT', amount: '1000', accountType: 'MARGIN', bizType: 'Transfer', direction: 'in' }),
    ledgerEntry(6, now - 21 * day, { currency: 'KCS', amount: '0.5', accountType: 'MAIN', bizType: 'Rewards', direction: 'in' }),
    ledgerEntry(7, now - 20 * day, { currency: 'BTC', amount: '0.0125', accountType: 'TRADE', bizType: 'Exchange', direction: 'in' }),
    ledgerEntry(8, now - 3 * day, { currency: 'USDT', amount: '0.84', accountType: 'MARGIN', bizType: 'Cross Margin Interest', direction: 'out' }),
    // KuCoin Earn: subscriptions leave Funding or Trading (`Staking`), redemptions come back (`Redemption`).
    // What Earn holds now is what these leave there: USDT 1500 + 350.5 − 100 (1500 held, 250.5 redeeming), ETH 2.
    ledgerEntry(9, now - 40 * day, { currency: 'USDT', amount: '1500', accountType: 'MAIN', bizType: 'Staking', direction: 'out' }),
    ledgerEntry(10, now - 30 * day, { currency: 'USDT', amount: '350.5', accountType: 'MAIN', bizType: 'Staking', direction: 'out' }),
    ledgerEntry(11, now - 25 * day, { currency: 'USDT', amount: '100', accountType: 'MAIN', bizType: 'Redemption', direction: 'in' }),
    ledgerEntry(12, now - 15 * day, { currency: 'ETH', amount: '2', accountType: 'TRADE', bizType: 'Staking', direction: 'out' }),
    ledgerEntry(13, now - 14 * day, { currency: 'ETH', amount: '0.0019', accountType: 'MAIN', bizType: 'Staking Profits', direction: 'in' }),
    // To the high-frequency trading account (its own ledger lists the other side).
    ledgerEntry(15, now - 6 * day, { currency: 'USDT', amount: '300', accountType: 'MAIN', bizType: 'Transfer', direction: 'out' }),
    // Back from futures (its TransferOut below).
    ledgerEntry(14, now - 2 * day, { currency: 'USDT', amount: '250', accountType: 'TRADE', bizType: 'Transfer', direction: 'in' }),
    // From the high-frequency trading account (its ledger's TRANSFER out).
    ledgerEntry(16, now - 1 * day, { currency: 'USDT', amount: '50', accountType: 'MAIN', bizType: 'Transfer', direction: 'in' }),
    // To and from isolated margin (the margin ledger below lists the other side).
    ledgerEntry(17, now - 28 * day, { currency: 'USDT', amount: '600', accountType: 'TRADE', bizType: 'Transfer', direction: 'out' }),
    ledgerEntry(18, now - 27 * day, { currency: 'USDT', amount: '100', accountType: 'TRADE', bizType: 'Transfer', direction: 'out' }),
    ledgerEntry(19, now - 27 * day, { currency: 'ETH', amount: '0.5', accountType: 'TRADE', bizType: 'Transfer', direction: 'out' }),
    ledgerEntry(20, now - 8 * day, { currency: 'USDT', amount: '150', accountType: 'TRADE', bizType: 'Transfer', direction: 'in' }),
  ];
  // The high-frequency margin ledger: the isolated pairs' side of those transfers (SOL-USDT got 600 USDT
  // and sent 150 back; ETH-USDT got 100 USDT and 0.5 ETH, what it holds), and the SOL-USDT buys' trade
  // legs, which the connector reads from the fills instead.
  const isolatedEntry = (id: string, at: number, symbol: string, entry: Pick<KucoinWireLedgerEntry, 'currency' | 'amount' | 'bizType' | 'direction'>) => ({
    ...ledgerEntry(0, at, { ...entry, accountType: 'ISOLATED_V2' }),
    id,
    context: JSON.stringify({ symbol }),
  });
  const marginHfLedger: KucoinWireLedgerEntry[] = [
    isolatedEntry('42852600001', now - 28 * day, 'SOL-USDT', { currency: 'USDT', amount: '600', bizType: 'TRANSFER', direction: 'in' }),
    isolatedEntry('42852600002', now - 27 * day, 'ETH-USDT', { currency: 'USDT', amount: '100', bizType: 'TRANSFER', direction: 'in' }),
    isolatedEntry('42852600003', now - 27 * day, 'ETH-USDT', { currency: 'ETH', amount: '0.5', bizType: 'TRANSFER', direction: 'in' }),
    isolatedEntry('42852600004', now - 12 * day, 'SOL-USDT', { currency: 'SOL', amount: '4.995', bizType: 'ISOLATED_EXCHANGE', direction: 'in' }),
    isolatedEntry('42852600005', now - 8 * day, 'SOL-USDT', { currency: 'USDT', amount: '150', bizType: 'TRANSFER', direction: 'out' }),
  ];
  // The high-frequency trading account's ledger: ids are numbers and grow with time, as KuCoin's do.
  const hfLedger: KucoinWireLedgerEntry[] = [
    { ...ledgerEntry(0, now - 6 * day, { currency: 'USDT', amount: '300', accountType: 'TRADE_HF', bizType: 'TRANSFER', direction: 'in' }), id: '42852417537' },
    {
      ...ledgerEntry(0, now - 5 * day, { currency: 'USDT', amount: '0.12', accountType: 'TRADE_HF', bizType: 'RETURNED_FEES', direction: 'in' }),
      id: '42852417538',
    },
    { ...ledgerEntry(0, now - 1 * day, { currency: 'USDT', amount: '50', accountType: 'TRADE_HF', bizType: 'TRANSFER', direction: 'out' }), id: '42852417539' },
  ];
  // The high-frequency trading account bought SOL with the USDT moved there.
  const hfFills: KucoinWireHfFill[] = [0, 1].map((i) => ({
    id: 2678765568 + i,
    symbol: 'SOL-USDT',
    tradeId: `1000000${i}`,
    orderId: `6570d4e0c2b7e10002${String(i).padStart(6, '0')}`,
    counterOrderId: `6570d4e0c2b7e10003${String(i).padStart(6, '0')}`,
    side: 'buy',
    liquidity: 'taker',
    forceTaker: false,
    price: i === 0 ? '125.5' : '126.25',
    size: '2',
    funds: i === 0 ? '251' : '252.5',
    fee: i === 0 ? '0.251' : '0.2525',
    feeRate: '0.001',
    feeCurrency: 'USDT',
    stop: '',
    type: 'market',
    tradeType: 'TRADE',
    createdAt: now - 5 * day + i * 3_600_000,
  }));
  return {
    apiKey: '6570a1f0c2b7e1000omnifolio',
    secret: 'omnifolio-kucoin-demo-secret-0f00dfeed',
    passphrase: 'omnifolio-demo-passphrase',
    permission: 'General',
    ipWhitelist: '',
    accounts: [
      { id: '5bd6e9216d99522a52e458d6', currency: 'USDT', type: 'main', balance: '2500', available: '2500', holds: '0' },
      { id: '5bd6e9216d99522a52e458d7', currency: 'BTC', type: 'main', balance: '0.05', available: '0.05', holds: '0' },
      { id: '5bd6e9216d99522a52e458d8', currency: 'KCS', type: 'main', balance: '12.5', available: '12.5', holds: '0' },
      { id: '5bd6e9216d99522a52e458d9', currency: 'BTC', type: 'trade', balance: '0.42', available: '0.32', holds: '0.1' },
      { id: '5bd6e9216d99522a52e458da', currency: 'ETH', type: 'trade', balance: '3.5', available: '3.5', holds: '0' },
      { id: '5bd6e9216d99522a52e458db', currency: 'USDT', type: 'trade', balance: '8120.4', available: '8000', holds: '120.4' },
      { id: '5bd6e9216d99522a52e458dc', currency: 'SOL', type: 'trade', balance: '0', available: '0', holds: '0' },
      // The high-frequency trading account (summed into Trading): the SOL its fills bought.
      { id: '5bd6e9216d99522a52e458df', currency: 'SOL', type: 'trade_hf', balance: '4', available: '4', holds: '0' },
      // The same cross-margin assets as below, without what is owed: not read from here.
      { id: '5bd6e9216d99522a52e458dd', currency: 'USDT', type: 'margin', balance: '1500', available: '1500', holds: '0' },
      { id: '5bd6e9216d99522a52e458de', currency: 'ETH', type: 'margin', balance: '1.4985', available: '0.9985', holds: '0.5' },
    ],
    margin: [
      {
        currency: 'USDT',
        total: '1500',
        available: '1500',
        hold: '0',
        // What the history leaves (1000 in − 4695.75 for the ETH buys + 899.1 for the BTC sale − 0.84
        // interest = −2797.49) is what is held less what is owed: 1500 − 4297.49.
        liability: '4297.49',
        maxBorrowSize: '4000',
        borrowEnabled: true,
        transferInEnabled: true,
      },
      // The six buys' 1.5 ETH less their 0.0015 ETH fees.
      {
        currency: 'ETH',
        total: '1.4985',
        available: '0.9985',
        hold: '0.5',
        liability: '0',
        maxBorrowSize: '1.2',
        borrowEnabled: true,
        transferInEnabled: true,
      },
      { currency: 'BTC', total: '0', available: '0', hold: '0', liability: '0.01', maxBorrowSize: '0.03', borrowEnabled: true, transferInEnabled: true },
      { currency: 'KCS', total: '0', available: '0', hold: '0', liability: '0', maxBorrowSize: '50', borrowEnabled: true, transferInEnabled: true },
    ],
    isolated: [
      {
        symbol: 'SOL-USDT',
        status: 'EFFECTIVE',
        debtRatio: '0.4012',
        baseAsset: {
          // The three buys' 15 SOL less their 0.015 SOL fees.
          currency: 'SOL',
          total: '14.985',
          available: '9.985',
          hold: '5',
          liability: '0',
          maxBorrowSize: '20',
          borrowEnabled: true,
          transferInEnabled: true,
        },
        quoteAsset: {
          currency: 'USDT',
          total: '400',
          available: '400',
          hold: '0',
          // 600 − 150 transferred, 2751 paid for the SOL, 0.37 interest: −2301.37 = 400 held − 2701.37 owed.
          liability: '2701.37',
          maxBorrowSize: '800',
          borrowEnabled: true,
          transferInEnabled: true,
        },
      },
      {
        symbol: 'ETH-USDT',
        status: 'EFFECTIVE',
        debtRatio: '0',
        baseAsset: {
          currency: 'ETH',
          total: '0.5',
          available: '0.5',
          hold: '0',
          liability: '0',
          maxBorrowSize: '1',
          borrowEnabled: true,
          transferInEnabled: true,
        },
        quoteAsset: {
          currency: 'USDT',
          total: '100',
          available: '100',
          hold: '0',
          liability: '0',
          maxBorrowSize: '300',
          borrowEnabled: true,
          transferInEnabled: true,
        },
      },
    ],
    futures: [
      {
        accountEquity: 5230.75,
        unrealisedPNL: 211.895,
        marginBalance: 5018.855,
        positionMargin: 867.2285,
        orderMargin: 0,
        frozenFunds: 0,
        availableBalance: 4363.5215,
        currency: 'USDT',
      },
      {
        accountEquity: 0.0215,
        unrealisedPNL: 0.00052094,
        marginBalance: 0.02097906,
        positionMargin: 0.00443,
        orderMargin: 0.0005,
        frozenFunds: 0,
        availableBalance: 0.01657,
        currency: 'XBT',
      },
    ],
    positions: [
      {
        id: '615ba79f83a3410001cde321',
        symbol: 'XBTUSDTM',
        autoDeposit: false,
        crossMode: true,
        marginMode: 'CROSS',
        currentQty: 150,
        avgEntryPrice: 89120.5,
        markPrice: 90323.8,
        markValue: 13548.57,
        unrealisedPnl: 180.495,
        realisedPnl: -8.0176,
        liquidationPrice: 61250.1,
        posMargin: 677.4285,
        maintMargin: 857.9235,
        leverage: 20,
        realLeverage: 19.8,
        settleCurrency: 'USDT',
        isInverse: false,
        isOpen: true,
        openingTimestamp: now - 6 * day,
        currentTimestamp: now,
      },
      {
        id: '615ba79f83a3410001cde322',
        symbol: 'SOLUSDTM',
        autoDeposit: false,
        crossMode: false,
        marginMode: 'ISOLATED',
        currentQty: -40,
        avgEntryPrice: 150.2,
        markPrice: 142.35,
        markValue: -569.4,
        unrealisedPnl: 31.4,
        realisedPnl: -0.3415,
        liquidationPrice: 195.87,
        posMargin: 189.8,
        maintMargin: 221.2,
        leverage: 3,
        realLeverage: 3,
        settleCurrency: 'USDT',
        isInverse: false,
        isOpen: true,
        openingTimestamp: now - 2 * day,
        currentTimestamp: now,
      },
      {
        id: '615ba79f83a3410001cde323',
        symbol: 'XBTUSDM',
        autoDeposit: false,
        crossMode: false,
        marginMode: 'ISOLATED',
        currentQty: -2000,
        avgEntryPrice: 92500,
        markPrice: 90323.8,
        markValue: -0.02214256,
        unrealisedPnl: 0.00052094,
        realisedPnl: -0.0000132,
        liquidationPrice: 108000.5,
        posMargin: 0.00443,
        maintMargin: 0.00495094,
        leverage: 5,
        realLeverage: 5,
        settleCurrency: 'XBT',
        isInverse: true,
        isOpen: true,
        openingTimestamp: now - 9 * day,
        currentTimestamp: now,
      },
    ],
    earn: [
      {
        orderId: '2767291',
        productId: '2611',
        productCategory: 'DEMAND',
        productType: 'DEMAND',
        currency: 'USDT',
        incomeCurrency: 'USDT',
        returnRate: '0.0561',
        holdAmount: '1500',
        redeemedAmount: '0',
        redeemingAmount: '0',
        lockStartTime: null,
        lockEndTime: null,
        purchaseTime: now - 40 * day,
        redeemPeriod: 0,
        status: 'LOCKED',
        earlyRedeemSupported: 0,
      },
      {
        orderId: '2767292',
        productId: '2904',
        productCategory: 'STAKING',
        productType: 'TIME',
        currency: 'ETH',
        incomeCurrency: 'ETH',
        returnRate: '0.0342',
        holdAmount: '2',
        redeemedAmount: '0',
        redeemingAmount: '0',
        lockStartTime: now - 15 * day,
        lockEndTime: now + 15 * day,
        purchaseTime: now - 15 * day,
        redeemPeriod: 1,
        status: 'LOCKED',
        earlyRedeemSupported: 0,
      },
      {
        orderId: '2767293',
        productId: '2611',
        productCategory: 'DEMAND',
        productType: 'DEMAND',
        currency: 'USDT',
        incomeCurrency: 'USDT',
        returnRate: '0.0561',
        holdAmount: '0',
        redeemedAmount: '100',
        redeemingAmount: '250.5',
        lockStartTime: null,
        lockEndTime: null,
        purchaseTime: now - 30 * day,
        redeemPeriod: 0,
        status: 'REDEEMING',
        earlyRedeemSupported: 0,
      },
    ],
    futuresLedger: [
      {
        time: now - 20 * day,
        type: 'TransferIn',
        amount: 5000,
        fee: 0,
        accountEquity: 5000,
        status: 'Completed',
        remark: 'Transferred from Trading Account',
        offset: 71904901,
        currency: 'USDT',
      },
      {
        time: now - 9 * day,
        type: 'TransferIn',
        amount: 0.021,
        fee: 0,
        accountEquity: 0.021,
        status: 'Completed',
        remark: 'Transferred from Funding Account',
        offset: 71904902,
        currency: 'XBT',
      },
      {
        time: now - 5 * day,
        type: 'RealisedPNL',
        amount: -3.1425,
        fee: 0,
        accountEquity: 4996.8575,
        status: 'Completed',
        remark: 'XBTUSDTM',
        offset: 71904910,
        currency: 'USDT',
      },
      {
        time: now - 4 * day,
        type: 'RealisedPNL',
        amount: 42.75,
        fee: 0,
        accountEquity: 5039.6085,
        status: 'Completed',
        remark: 'SOLUSDTM',
        offset: 71904921,
        currency: 'USDT',
      },
      {
        time: now - 3 * day,
        type: 'RealisedPNL',
        amount: 0.4213,
        fee: 0,
        accountEquity: 5040.0298,
        status: 'Completed',
        remark: 'XBTUSDTM',
        offset: 71904933,
        currency: 'USDT',
      },
      {
        time: now - 2 * day,
        type: 'TransferOut',
        amount: -250,
        fee: 0,
        accountEquity: 4790.0298,
        status: 'Completed',
        remark: 'Transferred to Trading Account',
        offset: 71904940,
        currency: 'USDT',
      },
    ],
    fills,
    ledger,
    hfLedger,
    marginHfLedger,
    // Interest on the SOL-USDT pair's USDT loan, and the cross margin interest the classic ledger
    // also lists (entry 8: the connector reads cross margin interest from there only).
    marginInterest: [
      { symbol: 'SOL-USDT', currency: 'USDT', interestAmount: '0.12', dayRatio: '0.000329', createdAt: now - 7 * day },
      { symbol: 'SOL-USDT', currency: 'USDT', interestAmount: '0.125', dayRatio: '0.000342', createdAt: now - 4 * day },
      { symbol: 'SOL-USDT', currency: 'USDT', interestAmount: '0.125', dayRatio: '0.000342', createdAt: now - 1 * day },
      { currency: 'USDT', interestAmount: '0.84', dayRatio: '0.000411', createdAt: now - 3 * day },
    ],
    hfFills,
    deposits: [
      deposit('USDT', '10000', 'TRC20', '0x6f1f9c3a…a1@TXL8…', 'SUCCESS', now - 60 * day),
      deposit('BTC', '0.5', 'btc', '4a5e1e4b…77@bc1q…', 'SUCCESS', now - 45 * day),
      deposit('ETH', '5', 'eth', '0x9b2e51…03@0xabc…', 'SUCCESS', now - 33 * day),
      deposit('ETH', '1', 'eth', '0x77ac90…11@0xabc…', 'FAILURE', now - 20 * day),
      deposit('KCS', '12', 'kcc', '0x51aa02…cd@0xdef…', 'PROCESSING', now - 2 * day),
    ],
    withdrawals: [
      withdrawal('5c2dc64e03aa675aa263f1ac', 'BTC', '0.05', '0.0005', 'SUCCESS', now - 10 * day),
      withdrawal('5c2dc64e03aa675aa263f1ad', 'USDT', '200', '1', 'FAILURE', now - 5 * day),
    ],
  };
}

function deposit(currency: string, amount: string, chain: string, walletTxId: string, status: 'SUCCESS' | 'FAILURE' | 'PROCESSING', createdAt: number) {
  return {
    currency,
    chain,
    status,
    address: '',
    memo: '',
    isInner: false,
    amount,
    fee: '0',
    walletTxId,
    createdAt,
    updatedAt: createdAt + 600_000,
    remark: '',
    arrears: false,
  };
}

function withdrawal(id: string, currency: string, amount: string, fee: string, status: 'SUCCESS' | 'FAILURE', createdAt: number) {
  return {
    id,
    currency,
    chain: currency === 'BTC' ? 'btc' : 'trx',
    status,
    address: currency === 'BTC' ? 'bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh' : 'TXL8uMGmVUyDqNWnrKAZEsdoPMQC4ZkFvR',
    memo: '',
    isInner: false,
    amount,
    fee,
    walletTxId: status === 'SUCCESS' ? '3e2414d82acce78d38be7fe9' : '',
    createdAt,
    updatedAt: createdAt + 1_800_000,
    remark: '',
  };
}
