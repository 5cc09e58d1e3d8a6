import type { CoinexSimAccount, CoinexWireDeal, CoinexWireDeposit, CoinexWireFunding, CoinexWireWithdrawal } from './coinex-sim-account.js';

/**
 * A realistic CoinEx user for tests and the demo: spot with orders frozen, two isolated margin
 * accounts (ETH and USDT borrowed, with interest), a futures account with a cross long on
 * BTCUSDT and an isolated short on ETHUSDT with five days of funding, and a coin-margined long on
 * the inverse BTCUSD (9050 contracts of 1 USD, margined in BTC moved over from spot), Financial (earn) savings in
 * USDC and USDT, 75 spot and margin trades over 50 days, deposits (one still confirming) and withdrawals (one
 * cancelled). Times are relative to `now`. The key and secret work only against the simulator.
 */
export function coinexDemoAccount(now: number): CoinexSimAccount {
  const day = 86_400_000;
  const hour = 3_600_000;
  const deals: CoinexWireDeal[] = Array.from({ length: 75 }, (_, i) => {
    const margin = i % 5 === 4;
    const market = margin ? 'ETHUSDT' : (['BTCUSDT', 'ETHUSDT', 'SOLUSDT'][i % 3] as string);
    const base = market.replace(/USDT$/, '');
    const buy = i % 4 !== 1;
    const amount = base === 'BTC' ? '0.0031' : base === 'ETH' ? '0.142' : '3.5';
    const price = base === 'BTC' ? `${87_100 + i * 31}.2` : base === 'ETH' ? `${3_080 + i}.55` : `${160 + (i % 9)}.318`;
    return {
      deal_id: 3_514_376_000 + i * 17,
      created_at: now - 50 * day + i * 15 * hour + 4_321,
      order_id: 86_788_900 + i,
      market,
      margin_market: margin ? market : '',
      side: buy ? 'buy' : 'sell',
      price,
      amount,
      role: i % 2 === 0 ? 'taker' : 'maker',
      // CoinEx charges the fee in the currency received, or in CET when the user opted in.
      fee: buy ? (base === 'BTC' ? '0.0000062' : base === 'ETH' ? '0.000284' : '0.007') : '0.5402',
      fee_ccy: buy ? base : 'USDT',
    };
  });
  const deposit = (id: number, ccy: string, amount: string, status: string, ago: number): CoinexWireDeposit => ({
    deposit_id: id,
    created_at: now - ago,
    tx_id: `0x${id.toString(16)}beef`,
    ccy,
    chain: ccy === 'USDT' ? 'TRC20' : ccy,
    deposit_method: 'on_chain',
    amount,
    actual_amount: amount,
    to_address: 'TXL8bQKAaEF5zvdVUtGk4Aw3d8jT3mwJ8o',
    confirmations: status === 'finished' ? 20 : 2,
    status,
    tx_explorer_url: '',
    to_addr_explorer_url: '',
    remark: '',
  });
  const deposits: CoinexWireDeposit[] = [
    deposit(14_270_101, 'USDT', '15000', 'finished', 60 * day),
    deposit(14_270_102, 'BTC', '0.45', 'finished', 55 * day),
    deposit(14_270_105, 'ETH', '6', 'finished', 40 * day),
    deposit(14_270_109, 'USDC', '5000', 'finished', 30 * day),
    deposit(14_270_113, 'SOL', '20', 'confirming', 2 * hour),
  ];
  const withdrawal = (id: number, ccy: string, amount: string, actual: string, fee: string, status: string, ago: number): CoinexWireWithdrawal => ({
    withdraw_id: id,
    created_at: now - ago,
    withdraw_method: 'ON_CHAIN',
    ccy,
    amount,
    actual_amount: actual,
    chain: ccy === 'USDT' ? 'TRC20' : ccy,
    tx_fee: fee,
    fee_asset: ccy,
    fee_amount: fee,
    to_address: '0x3f5CE5FBFe3E9af3971dD833D26bA9b5C936f0bE',
    memo: '',
    tx_id: status === 'finished' ? `0x${id.toString(16)}feed` : '',
    confirmations: status === 'finished' ? 12 : 0,
    explorer_address_url: '',
    explorer_tx_url: '',
    remark: '',
    status,
  });
  const withdrawals: CoinexWireWithdrawal[] = [
    withdrawal(259_364, 'USDT', '1001.4', '1000', '1.4', 'finished', 45 * day),
    withdrawal(259_377, 'ETH', '0.5', '0.4984', '0.0016', 'cancelled', 20 * day),
    withdrawal(259_401, 'BTC', '0.0505', '0.05', '0.0005', 'finished', 12 * day),
  ];
  // Funding every 8 hours since the positions opened five days ago: the long pays, the short receives.
  const funding: CoinexWireFunding[] = Array.from({ length: 15 }, (_, i) => i).flatMap((i) => [
    {
      market: 'BTCUSDT',
      market_type: 'FUTURES' as const,
      ccy: 'USDT',
      position_id: 305_891_033,
      side: 'long' as const,
      margin_mode: 'cross' as const,
      open_interest: '0.15',
      settle_price: `${89_000 + i * 37}.5`,
      funding_rate: '0.0001',
      funding_value: `-${(1.335 + i * 0.0005).toFixed(4)}`,
      created_at: now - 5 * day + i * 8 * hour + 4 * hour,
    },
    {
      market: 'ETHUSDT',
      market_type: 'FUTURES' as const,
      ccy: 'USDT',
      position_id: 305_891_077,
      side: 'short' as const,
      margin_mode: 'isolated' as const,
      open_interest: '2.4',
      settle_price: `${3_200 + i}.1`,
      funding_rate: i === 7 ? '0' : '0.0001',
      funding_value: i === 7 ? '0' : `0.${(768 + i).toString()}`,
      created_at: now - 5 * day + i * 8 * hour + 4 * hour,
    },
  ]);
  return {
    apiKey: 'OMNIFOLIOCOINEXDEMO0000000000000',
    secret: 'OMNIFOLIO0COINEX0DEMO0SECRET000000000000000000000',
    spot: [
      { ccy: 'BTC', available: '0.4215', frozen: '0.02' },
      { ccy: 'USDT', available: '8420.5', frozen: '600' },
      { ccy: 'ETH', available: '3.1', frozen: '0' },
      { ccy: 'SOL', available: '45.5', frozen: '0' },
      { ccy: 'DOGE', available: '0', frozen: '0' },
    ],
    margin: [
      {
        margin_account: 'ETHUSDT',
        base_ccy: 'ETH',
        quote_ccy: 'USDT',
        available: { base_ccy: '2', quote_ccy: '500' },
        frozen: { base_ccy: '0', quote_ccy: '0' },
        repaid: { base_ccy: '0.8', quote_ccy: '0' },
        interest: { base_ccy: '0.0012', quote_ccy: '0' },
        risk_rate: '3.12',
        liq_price: '4890.2',
      },
      {
        margin_account: 'BTCUSDT',
        base_ccy: 'BTC',
        quote_ccy: 'USDT',
        available: { base_ccy: '0.05', quote_ccy: '1200' },
        frozen: { base_ccy: '0', quote_ccy: '0' },
        repaid: { base_ccy: '0', quote_ccy: '1000' },
        interest: { base_ccy: '0', quote_ccy: '0.35' },
        risk_rate: '5.44',
        liq_price: '21004.7',
      },
    ],
    futures: [
      { ccy: 'USDT', available: '3120.44', frozen: '50', margin: '2915.574', transferrable: '3120.44', unrealized_pnl: '451.965' },
      // The BTCUSD long's coin: 0.05 BTC moved in, less its opening fee of 0.00005171, 0.0103428 of it held as margin.
      { ccy: 'BTC', available: '0.03960549', frozen: '0', margin: '0.0103428', transferrable: '0.03960549', unrealized_pnl: '0.00343693' },
    ],
    financial: [
      { ccy: 'USDC', available: '5000', frozen: '0' },
      { ccy: 'USDT', available: '1500', frozen: '0' },
    ],
    positions: [
      position(now, {
        position_id: 305_891_033,
        market: 'BTCUSDT',
        side: 'long',
        margin_mode: 'cross',
        open_interest: '0.15',
        avg_entry_price: '88420.1',
        unrealized_pnl: '313.845',
        leverage: '10',
        margin_avbl: '1357.686',
        liq_price: '72110.5',
      }),
      position(now, {
        position_id: 305_891_077,
        market: 'ETHUSDT',
        side: 'short',
        margin_mode: 'isolated',
        open_interest: '2.4',
        avg_entry_price: '3245.6',
        unrealized_pnl: '138.12',
        leverage: '5',
        margin_avbl: '1557.888',
        liq_price: '3870.2',
      }),
      // Inverse: 9050 contracts of 1 USD; PnL and margin in BTC (9050 × (1/87500.5 − 1/90508.1); 9050 ÷ 87500.5 ÷ 10).
      position(now, {
        position_id: 305_891_102,
        market: 'BTCUSD',
        side: 'long',
        margin_mode: 'cross',
        open_interest: '9050',
        avg_entry_price: '87500.5',
        unrealized_pnl: '0.00343693',
        leverage: '10',
        margin_avbl: '0.0103428',
        liq_price: '80240.6',
      }),
    ],
    deals,
    deposits,
    withdrawals,
    funding,
    // The two open positions' opening fills, and a SOL long opened and closed at a profit and
    // reopened and closed at a loss (one closing fill a maker rebate), in USDT.
    futuresDeals: [
      futuresDeal(4_100_001, 'SOLUSDT', 'buy', 'taker', '160.5', '20', '1.6050', '0', now - 30 * day),
      futuresDeal(4_100_002, 'SOLUSDT', 'sell', 'taker', '172.75', '20', '1.7275', '245', now - 25 * day),
      futuresDeal(4_100_003, 'SOLUSDT', 'buy', 'taker', '175', '10', '0.875', '0', now - 18 * day),
      futuresDeal(4_100_004, 'SOLUSDT', 'sell', 'maker', '168.4', '10', '-0.1684', '-66', now - 16 * day),
      futuresDeal(4_100_005, 'BTCUSDT', 'buy', 'taker', '88420.1', '0.15', '6.6315075', '0', now - 5 * day - hour),
      futuresDeal(4_100_006, 'ETHUSDT', 'sell', 'taker', '3245.6', '2.4', '3.89472', '0', now - 5 * day - hour + 1),
      // The inverse BTCUSD long's opening fill: 9050 USD of contracts, its 0.05% taker fee in BTC.
      futuresDeal(4_100_007, 'BTCUSD', 'buy', 'taker', '87500.5', '9050', '0.00005171', '0', now - 5 * day - hour + 2, 'BTC'),
    ],
    finishedPositions: [
      {
        ...position(now, {
          position_id: 305_880_101,
          market: 'SOLUSDT',
          side: 'long',
          margin_mode: 'cross',
          open_interest: '0',
          avg_entry_price: '160.5',
          unrealized_pnl: '0',
          leverage: '5',
          margin_avbl: '0',
          liq_price: '0',
        }),
        realized_pnl: '241.6675',
        updated_at: now - 25 * day,
      },
      {
        ...position(now, {
          position_id: 305_880_377,
          market: 'SOLUSDT',
          side: 'long',
          margin_mode: 'cross',
          open_interest: '0',
          avg_entry_price: '175',
          unrealized_pnl: '0',
          leverage: '5',
          margin_avbl: '0',
          liq_price: '0',
        }),
        realized_pnl: '-66.7066',
        updated_at: now - 16 * day,
      },
    ],
    // 6000 USDT in to futures, 1000 back to spot, 300 USDT to margin, 0.05 BTC to futures; one transfer failed.
    transfers: [
      { created_at: now - 40 * day, from_account_type: 'SPOT', to_account_type: 'FUTURES', ccy: 'USDT', amount: '6000', status: 'finished' },
      {
        created_at: now - 35 * day,
        from_account_type: 'SPOT',
        to_account_type: 'MARGIN',
        margin_market: 'BTCUSDT',
        ccy: 'USDT',
        amount: '300',
        status: 'finished',
      },
      { created_at: now - 22 * day, from_account_type: 'FUTURES', to_account_type: 'SPOT', ccy: 'USDT', amount: '1000', status: 'finished' },
      { created_at: now - 9 * day, from_account_type: 'SPOT', to_account_type: 'FUTURES', ccy: 'USDT', amount: '250', status: 'failed' },
      { created_at: now - 6 * day, from_account_type: 'SPOT', to_account_type: 'FUTURES', ccy: 'BTC', amount: '0.05', status: 'finished' },
    ],
  };
}

function futuresDeal(
  deal_id: number,
  market: string,
  side: 'buy' | 'sell',
  role: 'taker' | 'maker',
  price: string,
  amount: string,
  fee: string,
  realized_pnl: string,
  created_at: number,
  fee_ccy = 'USDT',
): NonNullable<CoinexSimAccount['futuresDeals']>[number] {
  return {
    deal_id,
    created_at,
    market,
    side,
    order_id: deal_id + 900_000,
    position_id: 305_880_000 + (deal_id % 100),
    price,
    amount,
    role,
    fee,
    fee_ccy,
    realized_pnl,
  };
}

interface PositionFields {
  position_id: number;
  market: string;
  side: 'long' | 'short';
  margin_mode: 'cross' | 'isolated';
  open_interest: string;
  avg_entry_price: string;
  unrealized_pnl: string;
  leverage: string;
  margin_avbl: string;
  liq_price: string;
}

function position(now: number, fields: PositionFields): CoinexSimAccount['positions'][number] {
  return {
    market_type: 'FUTURES',
    close_avbl: fields.open_interest,
    ath_position_amount: fields.open_interest,
    realized_pnl: '-1.2044',
    cml_position_value: '0',
    max_position_value: '0',
    take_profit_price: '0',
    stop_loss_price: '0',
    take_profit_type: '',
    stop_loss_type: '',
    settle_price: fields.avg_entry_price,
    settle_value: '0',
    ath_margin_size: fields.margin_avbl,
    position_margin_rate: '0.1',
    maintenance_margin_rate: '0.005',
    maintenance_margin_value: '60.1',
    bkr_price: '0',
    adl_level: 1,
    created_at: now - 5 * 86_400_000,
    updated_at: now - 3_600_000,
    ...fields,
  };
}
