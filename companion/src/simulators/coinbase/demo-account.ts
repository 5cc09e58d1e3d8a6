import type { CoinbaseSimAccount, CoinbaseWireAccount, CoinbaseWireFill, CoinbaseWireIntxBalance, CoinbaseWireTransaction } from './coinbase-sim-account.js';

/**
 * A realistic Coinbase user for tests and the demo: wallets in BTC (part held by an open order),
 * ETH, SOL, ADA, USDC and USD, an empty MASK wallet, a BTC vault, staked SOL (a wallet only the v2
 * API lists); a perpetuals (INTX) portfolio
 * with USDC and ETH collateral, a long ADA and a short BTC perpetual; a US futures (CFM) account
 * with USD, a long nano-Bitcoin and a short nano-Ether future; 150 Advanced Trade fills
 * over two months (two pages of 100) and one perpetual fill; v2 transactions: crypto received
 * and sent (fee included in the sent amount), a bank deposit, staking rewards, a send still
 * pending, SOL moved to staking, BTC moved to the vault and daily USD sweeps with the futures
 * account (each side signed in its own wallet), and a US futures fill whose commission is a fee. Times are relative to `now`. The key works only against the simulator.
 */

export const COINBASE_DEMO_KEY_NAME = 'organizations/5a3e1f0c-7b2d-4c61-9f0e-1d2c3b4a5e6f/apiKeys/0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9';
/** EC P-256, SEC1 PEM, as the CDP portal downloads it. Generated for this demo only. */
export const COINBASE_DEMO_PRIVATE_KEY = `-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIMMJSUCFgsinPWby/qj11IF/xmam99MvzEeegna8PGejoAoGCCqGSM49
AwEHoUQDQgAEAEB8jlcwuZXyPxdoJ9W2VuLoVgxs+kaPrQJGeIxIQcuDaCvOT7CC
kisnwoTIf/hZHYXjfcQm4YwPWRblMiXXdQ==
-----END EC PRIVATE KEY-----
`;

export const DEMO_DEFAULT_PORTFOLIO = '6e1d3c5a-2b4f-4e8a-9c0d-7f6e5d4c3b2a';
export const DEMO_INTX_PORTFOLIO = '018ebd63-1f6d-7c8e-ada9-0761c5a2235f';

export const DEMO_WALLETS = {
  BTC: 'b1c2d3e4-0001-5a6b-8c7d-9e0f1a2b3c4d',
  ETH: 'b1c2d3e4-0002-5a6b-8c7d-9e0f1a2b3c4d',
  SOL: 'b1c2d3e4-0003-5a6b-8c7d-9e0f1a2b3c4d',
  ADA: 'b1c2d3e4-0004-5a6b-8c7d-9e0f1a2b3c4d',
  USDC: 'b1c2d3e4-0005-5a6b-8c7d-9e0f1a2b3c4d',
  USD: 'b1c2d3e4-0006-5a6b-8c7d-9e0f1a2b3c4d',
  MASK: 'b1c2d3e4-0007-5a6b-8c7d-9e0f1a2b3c4d',
  BTC_VAULT: 'b1c2d3e4-0008-5a6b-8c7d-9e0f1a2b3c4d',
  STAKED_SOL: 'b1c2d3e4-0010-5a6b-8c7d-9e0f1a2b3c4d',
} as const;

const iso = (ms: number) => new Date(ms).toISOString();

export function coinbaseWallet(
  uuid: string,
  currency: string,
  available: string,
  hold: string,
  options: { type?: CoinbaseWireAccount['type']; name?: string; portfolio?: string } = {},
): CoinbaseWireAccount {
  const type = options.type ?? (currency === 'USD' || currency === 'EUR' ? 'ACCOUNT_TYPE_FIAT' : 'ACCOUNT_TYPE_CRYPTO');
  return {
    uuid,
    name: options.name ?? (type === 'ACCOUNT_TYPE_VAULT' ? `${currency} Vault` : `${currency} Wallet`),
    currency,
    available_balance: { value: available, currency },
    default: type !== 'ACCOUNT_TYPE_VAULT',
    active: true,
    created_at: '2023-01-19T14:58:29.000Z',
    updated_at: '2024-04-08T13:15:33.000Z',
    deleted_at: null,
    type,
    ready: true,
    hold: { value: hold, currency },
    retail_portfolio_id: options.portfolio ?? DEMO_DEFAULT_PORTFOLIO,
    platform: 'ACCOUNT_PLATFORM_CONSUMER',
  };
}

function intxBalance(asset: string, quantity: string, hold: string, loan = '0'): CoinbaseWireIntxBalance {
  return {
    asset: {
      asset_id: `${asset}-asset-id`,
      asset_uuid: `${asset}-asset-uuid`,
      asset_name: asset,
      status: 'ACTIVE',
      collateral_weight: asset === 'USDC' ? '1' : '0.9',
    },
    quantity,
    hold,
    transfer_hold: '0',
    collateral_value: quantity,
    collateral_weight: asset === 'USDC' ? '1' : '0.9',
    max_withdraw_amount: quantity,
    loan,
    loan_collateral_requirement_usd: '0',
    pledged_quantity: '0',
  };
}

const money = (value: string, currency = 'USDC') => ({ value, currency });

/** An INTX perpetual position as Coinbase sends it (fields as in ccxt's recorded body). */
export function intxPosition(p: {
  symbol: string;
  side: 'LONG' | 'SHORT';
  netSize: string;
  vwap: string;
  entryVwap: string;
  mark: string;
  upnl: string;
  liquidation: string;
  leverage: string;
  imNotional: string;
  marginType: 'MARGIN_TYPE_CROSS' | 'MARGIN_TYPE_ISOLATED';
}): Record<string, unknown> {
  return {
    product_id: `${p.symbol.toLowerCase()}-0-0`,
    product_uuid: '00000000-0000-0000-0000-000000000000',
    symbol: p.symbol,
    vwap: money(p.vwap),
    position_side: `POSITION_SIDE_${p.side}`,
    net_size: p.netSize,
    buy_order_size: '0',
    sell_order_size: '0',
    im_contribution: '0.1',
    unrealized_pnl: money(p.upnl),
    mark_price: money(p.mark),
    liquidation_price: money(p.liquidation),
    leverage: p.leverage,
    im_notional: money(p.imNotional),
    mm_notional: money('0'),
    position_notional: money(p.imNotional),
    margin_type: p.marginType,
    liquidation_buffer: '0',
    liquidation_percentage: '0',
    entry_vwap: money(p.entryVwap),
  };
}

function transaction(
  wallet: string,
  id: string,
  type: string,
  amount: string,
  currency: string,
  at: number,
  extra: Record<string, unknown> = {},
): CoinbaseWireTransaction {
  return {
    id,
    type,
    status: 'completed',
    amount: { amount, currency },
    native_amount: { amount: amount.startsWith('-') ? '-1.00' : '1.00', currency: 'USD' },
    created_at: iso(at).replace(/\.\d{3}Z$/, 'Z'),
    resource: 'transaction',
    resource_path: `/v2/accounts/${wallet}/transactions/${id}`,
    ...extra,
  };
}

export function coinbaseDemoAccount(now: number): CoinbaseSimAccount {
  const day = 86_400_000;
  const fills: CoinbaseWireFill[] = Array.from({ length: 150 }, (_, i) => {
    const btc = i % 2 === 0;
    const at = now - 60 * day + i * 9 * 3_600_000;
    return {
      entry_id: `e${String(i).padStart(3, '0')}a7c1f0d2b3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9`,
      trade_id: `7f3b9c2e-${String(1000 + i)}-4d5e-8f9a-0b1c2d3e4f5a`,
      order_id: `3c2b1a0f-${String(1000 + i)}-4e5d-9c8b-7a6f5e4d3c2b`,
      trade_time: iso(at),
      trade_type: 'FILL',
      price: btc ? `${91_000 + i * 11}.5` : `${3_050 + i}.25`,
      size: btc ? '0.0015' : '0.042',
      commission: btc ? '0.81900' : '0.0770',
      product_id: btc ? 'BTC-USD' : 'ETH-USD',
      sequence_timestamp: `${iso(at + 3).slice(0, -1)}${String(i).padStart(3, '0')}Z`,
      liquidity_indicator: i % 5 === 0 ? 'MAKER' : 'TAKER',
      size_in_quote: false,
      user_id: 'dbcb91e7-2bc9-5152-bb6f-72d6677e6727',
      side: i % 3 === 2 ? 'SELL' : 'BUY',
    };
  });
  fills.push({
    entry_id: '88d1e03f8fa6fc46ba8e1fc99545edd7e07f430cfffa2f95d59ce4ff4442f5f7',
    trade_id: 'f8e23d3d-29a4-44f9-804d-1c74e4908055',
    order_id: 'efed4cba-7395-4b02-b927-0c1dce00e0d8',
    trade_time: iso(now - 5 * day),
    trade_type: 'FILL',
    price: '0.6091',
    size: '20',
    commission: '0.0036',
    product_id: 'ADA-PERP-INTX',
    sequence_timestamp: iso(now - 5 * day + 101),
    liquidity_indicator: 'TAKER',
    size_in_quote: false,
    user_id: 'dbcb91e7-2bc9-5152-bb6f-72d6677e6727',
    side: 'BUY',
  });
  // A US futures fill: one nano Bitcoin contract; its commission is charged to the futures account in USD.
  fills.push({
    entry_id: '4b7e2f9a1c3d5e7f9a0b2c4d6e8f0a1b3c5d7e9f1a2b4c6d8e0f2a3b5c7d9e1f',
    trade_id: 'c1d2e3f4-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
    order_id: 'a9b8c7d6-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
    trade_time: iso(now - 4 * day),
    trade_type: 'FILL',
    price: '90500',
    size: '1',
    commission: '1.2',
    product_id: 'BIT-24DEC26-CDE',
    sequence_timestamp: iso(now - 4 * day + 57),
    liquidity_indicator: 'TAKER',
    size_in_quote: false,
    user_id: 'dbcb91e7-2bc9-5152-bb6f-72d6677e6727',
    side: 'BUY',
  });

  const w = DEMO_WALLETS;
  return {
    keyName: COINBASE_DEMO_KEY_NAME,
    privateKeyPem: COINBASE_DEMO_PRIVATE_KEY,
    permissions: { can_view: true, can_trade: false, can_transfer: false, portfolio_uuid: DEMO_DEFAULT_PORTFOLIO, portfolio_type: 'DEFAULT' },
    accounts: [
      coinbaseWallet(w.BTC, 'BTC', '0.41235', '0.05'),
      coinbaseWallet(w.ETH, 'ETH', '3.214', '0'),
      coinbaseWallet(w.SOL, 'SOL', '42.5', '0'),
      coinbaseWallet(w.ADA, 'ADA', '22.314018', '0'),
      coinbaseWallet(w.USDC, 'USDC', '1250.75', '0'),
      coinbaseWallet(w.USD, 'USD', '3120.4', '250'),
      coinbaseWallet(w.MASK, 'MASK', '0', '0'),
      coinbaseWallet(w.BTC_VAULT, 'BTC', '0.25', '0', { type: 'ACCOUNT_TYPE_VAULT' }),
    ],
    stakedWallets: [
      {
        id: w.STAKED_SOL,
        name: 'Staked SOL',
        primary: false,
        type: 'wallet',
        balance: { amount: '12.504118', currency: 'SOL' },
        currency: { code: 'SOL', name: 'Solana', type: 'crypto', rewards: { apy: '0.059', formatted_apy: '5.90%', label: '5.90% APY' } },
        created_at: '2024-02-11T09:12:40Z',
        updated_at: iso(now - 3 * day).replace(/\.\d{3}Z$/, 'Z'),
        resource: 'account',
        resource_path: `/v2/accounts/${w.STAKED_SOL}`,
        allow_deposits: true,
        allow_withdrawals: true,
      },
    ],
    portfolios: [
      { name: 'Default', uuid: DEMO_DEFAULT_PORTFOLIO, type: 'DEFAULT', deleted: false },
      { name: 'Perpetuals', uuid: DEMO_INTX_PORTFOLIO, type: 'INTX', deleted: false },
    ],
    intxBalances: {
      [DEMO_INTX_PORTFOLIO]: [intxBalance('USDC', '5000', '120.5'), intxBalance('ETH', '0.75', '0')],
    },
    intxPositions: {
      [DEMO_INTX_PORTFOLIO]: [
        intxPosition({
          symbol: 'ADA-PERP-INTX',
          side: 'LONG',
          netSize: '20',
          vwap: '0.5648',
          entryVwap: '0.6091',
          mark: '0.5657',
          upnl: '0.018',
          liquidation: '0',
          leverage: '1',
          imNotional: '11.296',
          marginType: 'MARGIN_TYPE_CROSS',
        }),
        intxPosition({
          symbol: 'BTC-PERP-INTX',
          side: 'SHORT',
          netSize: '-0.05',
          vwap: '93120.5',
          entryVwap: '94010',
          mark: '92057.4',
          upnl: '53.155',
          liquidation: '118400.25',
          leverage: '5',
          imNotional: '931.205',
          marginType: 'MARGIN_TYPE_ISOLATED',
        }),
      ],
    },
    cfmBalanceSummary: {
      futures_buying_power: money('3120.15', 'USD'),
      total_usd_balance: money('5220.65', 'USD'),
      cbi_usd_balance: money('3370.4', 'USD'),
      cfm_usd_balance: money('1850.25', 'USD'),
      total_open_orders_hold_amount: money('0', 'USD'),
      unrealized_pnl: money('59.4', 'USD'),
      daily_realized_pnl: money('0', 'USD'),
      initial_margin: money('612.4', 'USD'),
      available_margin: money('4608.25', 'USD'),
      liquidation_threshold: money('306.2', 'USD'),
      liquidation_buffer_amount: money('4914.45', 'USD'),
      liquidation_buffer_percentage: '1605',
    },
    cfmPositions: [
      {
        product_id: 'BIT-24DEC26-CDE',
        expiration_time: '2026-12-24T16:00:00Z',
        side: 'LONG',
        number_of_contracts: '3',
        current_price: '92110',
        avg_entry_price: '90500',
        unrealized_pnl: '48.3',
        daily_realized_pnl: '0',
      },
      {
        product_id: 'ET-24DEC26-CDE',
        expiration_time: '2026-12-24T16:00:00Z',
        side: 'SHORT',
        number_of_contracts: '2',
        current_price: '3094.5',
        avg_entry_price: '3150',
        unrealized_pnl: '11.1',
        daily_realized_pnl: '0',
      },
    ],
    fills,
    transactions: {
      [w.BTC]: [
        transaction(w.BTC, '5c1e0a3b-0001-5d2f-9a8b-7c6d5e4f3a2b', 'send', '0.50000000', 'BTC', now - 70 * day, {
          network: { status: 'confirmed', hash: '4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b', network_name: 'bitcoin' },
          from: { resource: 'bitcoin_network', currency: 'BTC' },
        }),
        transaction(w.BTC, '5c1e0a3b-0002-5d2f-9a8b-7c6d5e4f3a2b', 'send', '-0.10012000', 'BTC', now - 20 * day, {
          network: {
            status: 'confirmed',
            hash: '9b2e6f1c7d8a4b3e2f1a0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f',
            network_name: 'bitcoin',
            transaction_fee: { amount: '0.00012000', currency: 'BTC' },
            transaction_amount: { amount: '0.10000000', currency: 'BTC' },
          },
          to: { resource: 'bitcoin_address', address: 'bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh', currency: 'BTC' },
        }),
        // Into the vault: each wallet lists its own side, signed.
        transaction(w.BTC, '5c1e0a3b-0003-5d2f-9a8b-7c6d5e4f3a2b', 'transfer', '-0.25000000', 'BTC', now - 18 * day),
      ],
      // USDC collateral sent to the perpetuals portfolio.
      [w.USDC]: [transaction(w.USDC, '4a2c6e8f-0001-5b3d-9f1a-2c4e6a8b0d1f', 'intx_deposit', '-500.00', 'USDC', now - 21 * day)],
      [w.BTC_VAULT]: [transaction(w.BTC_VAULT, '5c1e0a3b-0004-5d2f-9a8b-7c6d5e4f3a2b', 'transfer', '0.25000000', 'BTC', now - 18 * day)],
      [w.ETH]: [
        transaction(w.ETH, '6d2f1b4c-0001-5e3a-8b9c-6d5e4f3a2b1c', 'staking_reward', '0.00412', 'ETH', now - 15 * day),
        transaction(w.ETH, '6d2f1b4c-0002-5e3a-8b9c-6d5e4f3a2b1c', 'staking_reward', '0.00398', 'ETH', now - 8 * day),
        transaction(w.ETH, '6d2f1b4c-0003-5e3a-8b9c-6d5e4f3a2b1c', 'advanced_trade_fill', '0.042', 'ETH', now - 7 * day),
      ],
      [w.STAKED_SOL]: [
        transaction(w.STAKED_SOL, '9b6d5f8a-0002-5c7e-8f3a-2b1c0d9e8f7a', 'staking_transfer', '12.5', 'SOL', now - 25 * day),
        transaction(w.STAKED_SOL, '9b6d5f8a-0001-5c7e-8f3a-2b1c0d9e8f7a', 'staking_reward', '0.004118', 'SOL', now - 3 * day),
      ],
      [w.USD]: [
        transaction(w.USD, '7e3a2c5d-0001-5f4b-9c0d-5e4f3a2b1c0d', 'fiat_deposit', '10000.00', 'USD', now - 75 * day),
        transaction(w.USD, '7e3a2c5d-0002-5f4b-9c0d-5e4f3a2b1c0d', 'fiat_withdrawal', '-500.00', 'USD', now - 12 * day),
        // Daily sweeps with the US futures account: USD out to cover margin, then realized gains back.
        transaction(w.USD, '7e3a2c5d-0003-5f4b-9c0d-5e4f3a2b1c0d', 'derivatives_settlement', '-2000.00', 'USD', now - 10 * day),
        transaction(w.USD, '7e3a2c5d-0004-5f4b-9c0d-5e4f3a2b1c0d', 'derivatives_settlement', '148.55', 'USD', now - 2 * day),
      ],
      [w.SOL]: [
        transaction(w.SOL, '8f4b3d6e-0001-5a5c-8d1e-4f3a2b1c0d9e', 'send', '55', 'SOL', now - 30 * day, {
          network: { status: 'confirmed', hash: '5xYzSo1anaTxHash', network_name: 'solana' },
        }),
        transaction(w.SOL, '8f4b3d6e-0003-5a5c-8d1e-4f3a2b1c0d9e', 'staking_transfer', '-12.5', 'SOL', now - 25 * day),
        transaction(w.SOL, '8f4b3d6e-0002-5a5c-8d1e-4f3a2b1c0d9e', 'send', '-2', 'SOL', now - 1 * day, {
          status: 'pending',
          network: { status: 'pending', network_name: 'solana', transaction_fee: { amount: '0.000005', currency: 'SOL' } },
        }),
      ],
    },
  };
}
