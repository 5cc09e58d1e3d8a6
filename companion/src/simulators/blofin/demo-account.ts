import { dec } from '@omnifolio/shared/money';
import type { BlofinSimAccount, BlofinWireBalance, BlofinWireFill, BlofinWireTransfer } from './blofin-sim-account.js';

/** BloFin writes amounts with 18 decimal places: "0.12" → "0.120000000000000000". */
export function eighteen(value: string): string {
  const negative = value.startsWith('-');
  const [whole = '0', fraction = ''] = value.replace('-', '').split('.');
  return `${negative ? '-' : ''}${whole}.${fraction.padEnd(18, '0')}`;
}

const balance = (currency: string, total: string, frozen = '0'): BlofinWireBalance => {
  const available = dec(total).minus(frozen).toFixed();
  return { currency, balance: eighteen(total), available: eighteen(available), frozen: eighteen(frozen), bonus: eighteen('0') };
};

/**
 * A realistic BloFin account for tests and the demo: funding, spot (BTC with an order open),
 * futures (USDT margin) and Earn; a cross long on BTC-USDT and an isolated net short on ETH-USDT;
 * 130 spot fills over two months (two pages of 100), 40 futures fills with fees and realized PnL,
 * deposits and withdrawals (one cancelled), transfers between funding, spot, futures and Earn in
 * both directions. Times are relative to `now`. The key, secret and
 * passphrase work only against the simulator.
 */
export function blofinDemoAccount(now: number): BlofinSimAccount {
  const day = 86_400_000;
  const spotFills: BlofinWireFill[] = Array.from({ length: 130 }, (_, i) => {
    const btc = i % 2 === 0;
    const buy = i % 3 !== 2;
    return {
      instId: btc ? 'BTC-USDT' : 'ETH-USDT',
      tradeId: String(7_772_100 + i),
      orderId: String(28_697_000 + i),
      fillPrice: eighteen(btc ? `${90_500 + i * 7}.5` : `${3_010 + i}.25`),
      fillSize: eighteen(btc ? '0.002' : '0.05'),
      fillPnl: eighteen('0'),
      side: buy ? 'buy' : 'sell',
      fee: eighteen(btc ? (buy ? '0.000002' : '0.1811') : buy ? '0.00005' : '0.1506'),
      ts: String(now - 60 * day + i * 11 * 3_600_000),
      brokerId: '',
      feeCurrency: buy ? 'base_currency' : 'quote_currency',
    };
  });
  const futuresFills: BlofinWireFill[] = Array.from({ length: 40 }, (_, i) => {
    const closing = i % 4 === 3;
    return {
      instId: i % 2 === 0 ? 'BTC-USDT' : 'ETH-USDT',
      tradeId: String(1_440_800 + i),
      orderId: String(2_075_705_200 + i),
      fillPrice: eighteen(i % 2 === 0 ? '90500' : '3200'),
      fillSize: eighteen(i % 2 === 0 ? '10' : '5'),
      // Every fourth fill closes part of a position: a gain on BTC, a loss on ETH.
      fillPnl: eighteen(closing ? (i % 2 === 0 ? '12.5' : '-3.75') : '0'),
      positionSide: 'net',
      side: i % 2 === 0 ? 'buy' : 'sell',
      fee: eighteen(i % 2 === 0 ? '0.543' : '0.096'),
      ts: String(now - 20 * day + i * 9 * 3_600_000),
      brokerId: '',
    };
  });
  return {
    apiKey: 'omnifolio-blofin-demo-key-00000000',
    secret: 'omnifolio0blofin0demo0secret0000',
    passphrase: 'omnifolio-demo-passphrase',
    uid: '38291047',
    readOnly: 1,
    balances: {
      funding: [balance('USDT', '2500.75'), balance('SOL', '0')],
      spot: [balance('BTC', '0.12', '0.02'), balance('ETH', '1.5')],
      futures: [balance('USDT', '8000.5', '350.25')],
      earn: [balance('USDC', '1000')],
      copy_trading: [],
    },
    positions: [
      {
        instType: 'SWAP',
        instId: 'BTC-USDT',
        marginMode: 'cross',
        positionId: '644159',
        positionSide: 'net',
        positions: '150',
        availablePositions: '150',
        averagePrice: '90500',
        unrealizedPnl: '233.61',
        unrealizedPnlRatio: '0.1720',
        leverage: '10',
        liquidationPrice: '82000.5',
        markPrice: '92057.4',
        initialMargin: '1380.861',
        margin: '',
        marginRatio: '52.1',
        maintenanceMargin: '55.23',
        adl: '2',
        createTime: String(now - 5 * day),
        updateTime: String(now - day),
      },
      {
        instType: 'SWAP',
        instId: 'ETH-USDT',
        marginMode: 'isolated',
        positionId: '644160',
        positionSide: 'net',
        positions: '-20',
        availablePositions: '-20',
        averagePrice: '3200',
        unrealizedPnl: '19.76',
        unrealizedPnlRatio: '0.1593',
        leverage: '5',
        liquidationPrice: '3700.25',
        markPrice: '3101.2',
        initialMargin: '',
        margin: '124.048',
        marginRatio: '31.7',
        maintenanceMargin: '3.1',
        adl: '1',
        createTime: String(now - 3 * day),
        updateTime: String(now - day),
      },
    ],
    spotFills,
    futuresFills,
    deposits: [
      deposit('c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8', 'USDT', '12000', '1', now - 70 * day),
      deposit('d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9', 'BTC', '0.15', '1', now - 45 * day),
      deposit('e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0', 'USDC', '1000', '1', now - 25 * day),
    ],
    transfers: [
      transfer('1591', 'USDT', 'funding', 'spot', '3000', now - 65 * day),
      transfer('1592', 'USDT', 'funding', 'futures', '8000', now - 60 * day),
      transfer('1593', 'BTC', 'funding', 'spot', '0.15', now - 44 * day),
      transfer('1594', 'USDC', 'funding', 'earn', '1000', now - 24 * day),
      transfer('1595', 'USDT', 'futures', 'funding', '150.5', now - 8 * day),
      transfer('1596', 'BTC', 'spot', 'funding', '0.03', now - 2 * day),
    ],
    withdrawals: [
      withdrawal('a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6', 'USDT', '40.011111', '0.1', '3', now - 15 * day),
      withdrawal('b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7', 'USDT', '9999.899', '0.1', '4', now - 10 * day),
    ],
  };
}

function transfer(
  transferId: string,
  currency: string,
  fromAccount: BlofinWireTransfer['fromAccount'],
  toAccount: BlofinWireTransfer['toAccount'],
  amount: string,
  at: number,
): BlofinWireTransfer {
  return { transferId, currency, fromAccount, toAccount, amount: eighteen(amount), ts: String(at), clientId: '' };
}

function deposit(depositId: string, currency: string, amount: string, state: string, at: number) {
  return {
    currency,
    chain: currency === 'BTC' ? 'Bitcoin' : 'Tron (TRC20)',
    address: 'EXAMPLE_WALLET_ADDRESS',
    txId: `0x${depositId}`,
    type: '0',
    amount: eighteen(amount),
    state,
    ts: String(at),
    confirm: '12',
    depositId,
  };
}

function withdrawal(withdrawId: string, currency: string, amount: string, fee: string, state: string, at: number) {
  return {
    currency,
    chain: 'Tron (TRC20)',
    address: 'THmWeEJKyb976L76MvrTjeYMyNgiS9aKTu',
    txId: state === '3' ? `0x${withdrawId}` : '',
    type: '0',
    amount: eighteen(amount),
    fee: eighteen(fee),
    feeCurrency: currency,
    state,
    ts: String(at),
    withdrawId,
  };
}
