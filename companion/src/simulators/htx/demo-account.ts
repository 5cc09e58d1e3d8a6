import type { HtxSimAccount, HtxWireFinancialRecord, HtxWireLinearBill, HtxWireTrade, HtxWireTransfer } from './htx-sim-account.js';

/**
 * A realistic HTX user for tests and the demo: a spot account with orders frozen, cross margin
 * (super-margin) with a USDT loan and interest, two isolated margin accounts (ETH borrowed in
 * ethusdt), an OTC account, a point-card account (not an asset Omnifolio values), USDT-M equity
 * with a cross long on BTC-USDT and an isolated short on ETH-USDT, a coin-margined long on BTC-USD, 130 spot trades over 26 days
 * (several per 48-hour window) and two margin trades (one cross, one isolated), deposits (one still confirming) and withdrawals (one rejected),
 * USDT-M bills, coin-margined swap and delivery records, margin loans and spot's transfer ledger,
 * which with the margin trades reconstruct the margin and coin-margined balances (htx-history-replay.test.ts).
 * Times are relative to `now`. The key and secret work only against the simulator.
 */
export function htxDemoAccount(now: number): HtxSimAccount {
  const day = 86_400_000;
  const hour = 3_600_000;
  const trades: HtxWireTrade[] = Array.from({ length: 130 }, (_, i) => {
    const kind = i % 3; // 0 btcusdt, 1 ethusdt, 2 dogeusdt
    const buy = i % 4 !== 3;
    const symbol = ['btcusdt', 'ethusdt', 'dogeusdt'][kind] as string;
    const base = ['btc', 'eth', 'doge'][kind] as string;
    const amount = ['0.0025', '0.075', '1250'][kind] as string;
    const price = [`${88_000 + i * 23}.7`, `${3_010 + i}.42`, `0.1${(3_700 + i).toString()}`][kind] as string;
    return {
      id: 700_000_000 + i * 13,
      symbol,
      'order-id': 1_100_000_000_000 + i,
      'match-id': 90_000_000 + i,
      'trade-id': 100_000 + i,
      type: buy ? 'buy-limit' : 'sell-limit',
      source: 'spot-api',
      price,
      'filled-amount': amount,
      // HTX charges the buyer in the base currency and the seller in the quote currency.
      'filled-fees': buy ? (['0.000005', '0.00015', '2.5'][kind] as string) : (['0.44', '0.45', '0.34'][kind] as string),
      'fee-currency': buy ? base : 'usdt',
      'filled-points': '0',
      'fee-deduct-currency': '',
      'fee-deduct-state': 'done',
      role: i % 2 === 0 ? 'taker' : 'maker',
      'created-at': now - 26 * day + i * 4 * hour + 17_000,
    };
  });
  // Two margin trades, recorded in the account their `source` names (the balances below include
  // them): cross margin bought 0.01 BTC for 900 USDT (fee 0.00002 BTC); isolated btcusdt bought
  // 0.001 BTC for 90 USDT (fee 0.000002 BTC).
  const marginTrade = (i: number, source: string, amount: string, fee: string, ago: number): HtxWireTrade => ({
    id: 700_001_690 + i * 13,
    symbol: 'btcusdt',
    'order-id': 1_100_000_000_200 + i,
    'match-id': 90_000_200 + i,
    'trade-id': 100_200 + i,
    type: 'buy-limit',
    source,
    price: '90000',
    'filled-amount': amount,
    'filled-fees': fee,
    'fee-currency': 'btc',
    'filled-points': '0',
    'fee-deduct-currency': '',
    'fee-deduct-state': 'done',
    role: 'taker',
    'created-at': now - ago,
  });
  trades.push(marginTrade(0, 'super-margin-api', '0.01', '0.00002', 30 * hour), marginTrade(1, 'margin-web', '0.001', '0.000002', 20 * hour));
  const transfer = (id: number, type: 'deposit' | 'withdraw', currency: string, amount: string, fee: string, state: string, ago: number): HtxWireTransfer => ({
    id,
    type,
    currency,
    chain: currency === 'usdt' ? 'trc20usdt' : currency,
    'tx-hash': `0x${id.toString(16)}c0ffee`,
    amount,
    fee,
    address: type === 'deposit' ? 'TRFTd1FxepQE6CnpwzUEMEbFaLm5bJK67s' : 'bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh',
    'address-tag': '',
    state,
    'created-at': now - ago,
    'updated-at': now - ago + 600_000,
  });
  const transfers: HtxWireTransfer[] = [
    transfer(30_001, 'deposit', 'usdt', '20000.000000000000000000', '0', 'safe', 90 * day),
    transfer(30_002, 'deposit', 'btc', '0.500000000000000000', '0', 'confirmed', 60 * day),
    transfer(30_003, 'withdraw', 'usdt', '1000.000000000000000000', '1.000000000000000000', 'confirmed', 50 * day),
    transfer(30_004, 'deposit', 'eth', '3.000000000000000000', '0', 'confirmed', 20 * day),
    transfer(30_005, 'withdraw', 'btc', '0.050000000000000000', '0.000400000000000000', 'reject', 10 * day),
    transfer(30_006, 'deposit', 'doge', '15000.000000000000000000', '0', 'confirming', day),
    transfer(30_007, 'withdraw', 'eth', '0.200000000000000000', '0.002000000000000000', 'confirmed', 5 * day),
  ];
  const row = (currency: string, type: HtxSimAccount['accounts'][number]['list'][number]['type'], balance: string) => ({
    currency,
    type,
    balance,
    'seq-num': '1',
  });
  return {
    apiKey: 'omnifolio-htx-demo-0000-0000-00000000',
    secret: 'omnifolio-htx-demo-secret-0000-0000',
    uid: 63_628_520,
    permission: 'readOnly',
    accounts: [
      {
        id: 10_000_001,
        type: 'spot',
        subtype: '',
        state: 'working',
        list: [
          row('btc', 'trade', '0.8421'),
          row('btc', 'frozen', '0.05'),
          row('usdt', 'trade', '12503.27'),
          row('usdt', 'frozen', '1500'),
          row('eth', 'trade', '4.2'),
          row('eth', 'frozen', '0'),
          row('doge', 'trade', '15000'),
          row('xrp', 'trade', '0'),
        ],
      },
      {
        id: 10_000_002,
        type: 'super-margin',
        subtype: '',
        state: 'working',
        list: [
          row('usdt', 'trade', '2100'),
          row('usdt', 'frozen', '0'),
          row('usdt', 'loan', '-1000'),
          row('usdt', 'interest', '-0.4166'),
          row('btc', 'trade', '0.10998'),
        ],
      },
      {
        id: 10_000_003,
        type: 'margin',
        subtype: 'ethusdt',
        state: 'working',
        list: [row('eth', 'trade', '1.5'), row('eth', 'loan', '-0.5'), row('eth', 'interest', '-0.0002'), row('usdt', 'trade', '200')],
      },
      {
        id: 10_000_005,
        type: 'margin',
        subtype: 'btcusdt',
        state: 'working',
        list: [row('btc', 'trade', '0.010998'), row('usdt', 'trade', '60'), row('usdt', 'loan', '0')],
      },
      { id: 10_000_004, type: 'otc', subtype: '', state: 'working', list: [row('usdt', 'trade', '800'), row('usdt', 'frozen', '50')] },
      { id: 10_000_006, type: 'point', subtype: '', state: 'working', list: [row('point', 'trade', '12.5')] },
    ],
    linearBalance: {
      state: 'normal',
      equity: '5230.118',
      details: [
        {
          currency: 'USDT',
          equity: '5230.118',
          available: '2577.6906',
          profit_unreal: '84.601',
          initial_margin: '2652.4274',
          maintenance_margin: '132.62',
          maintenance_margin_rate: '0.0254',
          initial_margin_rate: '0.5071',
          available_margin: '2577.6906',
          voucher: '0',
          voucher_value: '0',
          withdraw_available: '2577.6906',
          created_time: now - 200 * day,
          updated_time: now - hour,
          isolated_equity: '1433.4',
          isolated_profit_unreal: '-126.875',
        },
      ],
      initial_margin: '2652.4274',
      maintenance_margin: '132.62',
      profit_unreal: '84.601',
      available_margin: '2577.6906',
      voucher_value: '0',
      created_time: now - 200 * day,
      updated_time: now - hour,
    },
    linearPositions: [
      {
        contract_code: 'BTC-USDT',
        position_side: 'long',
        direction: 'buy',
        margin_mode: 'cross',
        open_avg_price: '89250.4',
        volume: '120',
        available: '120',
        lever_rate: 10,
        adl_risk_percent: 2,
        liquidation_price: '65870.12',
        margin: '1092.1524',
        initial_margin: '1092.1524',
        maintenance_margin: '54.6',
        profit_unreal: '211.476',
        profit_rate: '0.1936',
        margin_rate: '0.0104',
        mark_price: '91012.7',
        last_price: '91010.1',
        margin_currency: 'USDT',
        contract_type: 'swap',
        created_time: String(now - 6 * day),
        updated_time: String(now - hour),
      },
      {
        contract_code: 'ETH-USDT',
        position_side: 'short',
        direction: 'sell',
        margin_mode: 'isolated',
        open_avg_price: '3120.55',
        volume: '250',
        available: '250',
        lever_rate: 5,
        adl_risk_percent: 1,
        liquidation_price: '3702.4',
        margin: '1560.275',
        initial_margin: '1560.275',
        maintenance_margin: '39.6',
        profit_unreal: '-126.875',
        profit_rate: '-0.0813',
        margin_rate: '0.0254',
        mark_price: '3171.3',
        last_price: '3171.0',
        margin_currency: 'USDT',
        contract_type: 'swap',
        created_time: String(now - 3 * day),
        updated_time: String(now - hour),
      },
    ],
    // Coin-margined: a 100-contract (10 000 USD) long on BTC-USD, bought at 88 000; its margin and
    // PnL are in BTC with HTX's 18 decimals.
    inverseSwaps: {
      accounts: [
        {
          symbol: 'BTC',
          contract_code: 'BTC-USD',
          margin_balance: '0.152340118834755271',
          margin_position: '0.011048216072171367',
          margin_frozen: '0.0005',
          margin_available: '0.140791902762583904',
          profit_real: '0',
          profit_unreal: '0.00315420291464997',
          risk_rate: '13.79',
          withdraw_available: '0.140791902762583904',
          liquidation_price: '49211.7',
          lever_rate: '10',
          adjust_factor: '0.04',
          margin_static: '0.149185915920105301',
          transfer_profit_ratio: null,
        },
      ],
      positions: [
        {
          symbol: 'BTC',
          contract_code: 'BTC-USD',
          volume: '100',
          available: '100',
          frozen: '0',
          cost_open: '88000',
          cost_hold: '88000',
          profit_unreal: '0.00315420291464997',
          profit_rate: '0.2854',
          lever_rate: '10',
          position_margin: '0.011048216072171367',
          direction: 'buy',
          profit: '0.00315420291464997',
          last_price: '90510.1',
        },
      ],
      markPrices: { 'BTC-USD': '90512.35' },
      // 0.15 BTC in from spot, the opening fee, funding paid twice and received once, and a partial
      // close at a loss: together the account's margin_static, 0.149185915920105301 (margin_balance
      // without the unrealized 0.00315420291464997).
      records: [
        swapRecord(5_100_001, 9_310_001, '14', '0.15', now - 12 * day),
        swapRecord(5_100_002, 9_310_002, '5', '-0.000045454545454545', now - 10 * day),
        swapRecord(5_100_003, 9_310_003, '31', '-0.0003', now - 10 * day + 8 * hour),
        swapRecord(5_100_004, 9_310_004, '31', '-0.00028', now - 10 * day + 16 * hour),
        swapRecord(5_100_005, 9_310_005, '30', '0.00005', now - 9 * day),
        swapRecord(5_100_006, 9_310_006, '3', '-0.000238629534440154', now - 8 * day),
      ],
    },
    // Coin-margined delivery futures: 20 December BTC contracts of 100 USD held long, opened at 89000.
    deliveryFutures: {
      accounts: [
        {
          symbol: 'BTC',
          margin_balance: '0.051234567890123456',
          margin_position: '0.002207505518763797',
          margin_frozen: '0',
          margin_available: '0.049027062371359659',
          profit_real: '0',
          profit_unreal: '0.000396854924721581',
          risk_rate: '22.15',
          withdraw_available: '0.049027062371359659',
          liquidation_price: '61234.5',
          lever_rate: '10',
          adjust_factor: '0.04',
          margin_static: '0.050837712965401875',
        },
      ],
      positions: [
        {
          symbol: 'BTC',
          contract_code: 'BTC261225',
          contract_type: 'quarter',
          volume: '20',
          available: '20',
          frozen: '0',
          cost_open: '89000',
          cost_hold: '89000',
          profit_unreal: '0.000396854924721581',
          profit_rate: '0.1797',
          lever_rate: '10',
          position_margin: '0.002207505518763797',
          direction: 'buy',
          profit: '0.000396854924721581',
          last_price: '90598.2',
        },
      ],
      markPrices: { BTC261225: '90600' },
      // 0.05 BTC in from spot, a September contract delivered at a profit (with its delivery fee),
      // and the December position's opening fee: together margin_static, 0.050837712965401875.
      records: [
        deliveryRecord(7_200_001, 4_410_001, '14', '0.05', '', now - 20 * day),
        deliveryRecord(7_200_002, 4_410_002, '9', '0.000872684875514235', 'BTC260925', now - 15 * day),
        deliveryRecord(7_200_003, 4_410_003, '11', '-0.0000125', 'BTC260925', now - 15 * day + 1),
        deliveryRecord(7_200_004, 4_410_004, '5', '-0.00002247191011236', 'BTC261225', now - 7 * day),
      ],
    },
    trades,
    transfers,
    linearBills: htxDemoLinearBills(now),
    // Margin loans: 1000 USDT borrowed in cross margin (still accruing), 0.5 ETH in the ethusdt
    // isolated account (accruing) and 500 USDT in btcusdt (repaid with 0.5 USDT interest). The
    // balances above are net of them; only the interest moves them (htx-margin-loans.ts).
    loanOrders: {
      cross: [
        {
          id: 3_416_576,
          'user-id': 63_628_520,
          'account-id': 10_000_002,
          currency: 'usdt',
          'loan-amount': '1000',
          'loan-balance': '1000',
          'interest-amount': '0.4166',
          'interest-balance': '0.4166',
          'created-at': now - 45 * day,
          'accrued-at': now - hour,
          state: 'accrual',
        },
      ],
      isolated: [
        {
          id: 20_242_721,
          'user-id': 63_628_520,
          'account-id': 10_000_003,
          symbol: 'ethusdt',
          currency: 'eth',
          'loan-amount': '0.5',
          'loan-balance': '0.5',
          'interest-rate': '0.000040830000000000',
          'interest-amount': '0.0002',
          'interest-balance': '0.0002',
          'created-at': now - 28 * day,
          'accrued-at': now - hour,
          state: 'accrual',
        },
        {
          id: 20_242_790,
          'user-id': 63_628_520,
          'account-id': 10_000_005,
          symbol: 'btcusdt',
          currency: 'usdt',
          'loan-amount': '500',
          'loan-balance': '0',
          'interest-rate': '0.000040830000000000',
          'interest-amount': '0.5',
          'interest-balance': '0',
          'created-at': now - 25 * day,
          'accrued-at': now - 20 * day,
          state: 'cleared',
        },
      ],
    },
    // Spot's ledger: 3000 USDT and 0.1 BTC to cross margin and 1000 USDT back; 200 USDT, 1 ETH,
    // 300.5 USDT and 0.01 BTC to isolated margin and 150 USDT back; 500 USDT from OTC; 0.05 BTC to
    // the coin-margined delivery account and 0.15 BTC to the coin-margined swaps (those two are
    // recorded from the accounts' own records, not from here); trades and deposits in the ledger
    // are read from their own endpoints. With the loans' interest and the two margin trades this is every
    // movement of the margin accounts, so their histories add up to their balances.
    spotLedger: [
      ledgerRow(1_624_316_001, 'usdt', '-3000', 'super-margin-transfer-in', now - 50 * day),
      ledgerRow(1_624_316_002, 'btc', '-0.1', 'spot-to-super-margin', now - 49 * day),
      ledgerRow(1_624_316_003, 'usdt', '1000', 'super-margin-to-spot', now - 44 * day),
      ledgerRow(1_624_316_007, 'usdt', '-200', 'margin-transfer-in', now - 30 * day),
      ledgerRow(1_624_316_008, 'eth', '-1', 'margin-transfer-in', now - 29 * day),
      ledgerRow(1_624_316_009, 'usdt', '-300.5', 'margin-transfer-in', now - 26 * day),
      ledgerRow(1_624_316_010, 'btc', '-0.01', 'margin-transfer-in', now - 26 * day + 60_000),
      ledgerRow(1_624_316_011, 'btc', '-0.05', 'spot-to-futures', now - 20 * day),
      ledgerRow(1_624_316_012, 'usdt', '500', 'otc-to-pro', now - 14 * day),
      ledgerRow(1_624_316_013, 'btc', '-0.15', 'dm-spot-to-swap', now - 12 * day),
      { ...ledgerRow(1_624_316_020, 'btc', '0.01', 'trade', now - 9 * day), transactType: 'trade' as const, transferType: '' },
      ledgerRow(1_624_316_031, 'usdt', '150', 'margin-transfer-out', now - 4 * day),
    ],
  };
}

/**
 * The USDT-M account's bills over the last 60 days, ids growing with time: 5000 USDT in from spot
 * and 300 back out, a SOL long closed at a profit and an XRP short closed at a loss (with their
 * fees, one a maker rebate), the opening fees of the two open positions, and funding every 8 hours
 * since they opened (the BTC long pays, the ETH short receives).
 */
export function htxDemoLinearBills(now: number): HtxWireLinearBill[] {
  const day = 86_400_000;
  const hour = 3_600_000;
  const events: Omit<HtxWireLinearBill, 'id' | 'margin_mode'>[] = [
    { type: '14', currency: 'USDT', amount: '5000', contract_code: '', created_time: String(now - 60 * day) },
    { type: '5', currency: 'USDT', amount: '-0.79', contract_code: 'SOL-USDT', created_time: String(now - 41 * day) },
    { type: '3', currency: 'USDT', amount: '45.5', contract_code: 'SOL-USDT', created_time: String(now - 40 * day) },
    { type: '7', currency: 'USDT', amount: '-0.812', contract_code: 'SOL-USDT', created_time: String(now - 40 * day + 1) },
    { type: '6', currency: 'USDT', amount: '-0.3', contract_code: 'XRP-USDT', created_time: String(now - 36 * day) },
    { type: '4', currency: 'USDT', amount: '-18.25', contract_code: 'XRP-USDT', created_time: String(now - 35 * day) },
    { type: '8', currency: 'USDT', amount: '0.05', contract_code: 'XRP-USDT', created_time: String(now - 35 * day + 1) },
    { type: '15', currency: 'USDT', amount: '-300', contract_code: '', created_time: String(now - 20 * day) },
    { type: '5', currency: 'USDT', amount: '-4.2840192', contract_code: 'BTC-USDT', created_time: String(now - 6 * day) },
    { type: '5', currency: 'USDT', amount: '-3.12055', contract_code: 'ETH-USDT', created_time: String(now - 3 * day) },
    ...Array.from({ length: 18 }, (_, i) => ({
      type: '31',
      currency: 'USDT',
      amount: `-1.${String(71 + i)}`,
      contract_code: 'BTC-USDT',
      created_time: String(now - 6 * day + i * 8 * hour + 2_000),
    })),
    ...Array.from({ length: 9 }, (_, i) => ({
      type: '30',
      currency: 'USDT',
      amount: `0.${String(780 + i * 3)}`,
      contract_code: 'ETH-USDT',
      created_time: String(now - 3 * day + i * 8 * hour + 1_000),
    })),
  ];
  return events
    .sort((a, b) => Number(a.created_time) - Number(b.created_time))
    .map((e, i) => ({ ...e, id: String(2_194_774_000 + i * 7), margin_mode: e.contract_code === 'ETH-USDT' ? 'isolated' : 'cross' }));
}

function swapRecord(queryId: number, id: number, type: string, amount: string, ts: number): HtxWireFinancialRecord {
  return { query_id: String(queryId), id: String(id), ts: String(ts), symbol: 'BTC', contract_code: 'BTC-USD', type, amount };
}

function deliveryRecord(queryId: number, id: number, type: string, amount: string, contract: string, ts: number): HtxWireFinancialRecord {
  return { query_id: String(queryId), id: String(id), ts: String(ts), symbol: 'BTC', contract_code: contract, type, amount };
}

function ledgerRow(recordId: number, currency: string, transactAmt: string, transferType: string, transactTime: number) {
  return {
    recordId,
    accountId: 10_000_001,
    currency,
    transactAmt,
    transactType: 'transfer' as const,
    transferType,
    transactId: 0,
    transactTime,
    transferer: 63_628_520,
    transferee: 63_628_520,
  };
}
