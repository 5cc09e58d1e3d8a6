import type { OkxSimAccount, OkxWireDeposit, OkxWireFill, OkxWireWithdrawal } from './okx-sim-account.js';

/**
 * A realistic OKX account for tests and the demo: a trading account (BTC with an order frozen,
 * OKX's floating-point `availBal` included), a funding account, a linear and an inverse swap,
 * 150 spot fills over two months (two pages), deposits and withdrawals (one failed). Times are
 * relative to `now`. The key, secret and passphrase work only against the simulator.
 */
export function okxDemoAccount(now: number): OkxSimAccount {
  const day = 86_400_000;
  const fills: OkxWireFill[] = Array.from({ length: 150 }, (_, i) => {
    const buy = i % 3 !== 2;
    return {
      instType: 'SPOT',
      instId: i % 2 === 0 ? 'BTC-USDT' : 'ETH-USDT',
      tradeId: String(56_181_695 + i),
      ordId: String(639_895_991_331_667_968n + BigInt(i)),
      billId: String(639_895_991_340_056_576n + BigInt(i * 7)),
      side: buy ? 'buy' : 'sell',
      fillSz: i % 2 === 0 ? '0.0015' : '0.042',
      fillPx: i % 2 === 0 ? `${91_000 + i * 11}.5` : `${3_050 + i}.25`,
      fee: i % 2 === 0 ? (buy ? '-0.0000015' : '-0.136575') : buy ? '-0.000042' : '-0.128205',
      feeCcy: i % 2 === 0 ? (buy ? 'BTC' : 'USDT') : buy ? 'ETH' : 'USDT',
      execType: 'T',
      posSide: 'net',
      ts: String(now - 60 * day + i * 9 * 3_600_000),
    };
  });
  const deposits: OkxWireDeposit[] = [
    {
      depId: '161008870',
      ccy: 'USDT',
      chain: 'USDT-TRC20',
      amt: '25000',
      state: '2',
      txId: '0x6f1f9c3a',
      ts: String(now - 70 * day),
      from: '',
      to: 'TXL8…',
      actualDepBlkConfirm: '20',
    },
    {
      depId: '161008871',
      ccy: 'BTC',
      chain: 'BTC-Bitcoin',
      amt: '0.35',
      state: '2',
      txId: '4a5e1e4b',
      ts: String(now - 40 * day),
      from: '',
      to: 'bc1q…',
      actualDepBlkConfirm: '3',
    },
    {
      depId: '161008872',
      ccy: 'TUSD',
      chain: 'TUSD-ERC20',
      amt: '100',
      state: '2',
      txId: '0x77ac',
      ts: String(now - 30 * day),
      from: '',
      to: '0x…',
      actualDepBlkConfirm: '64',
    },
  ];
  const withdrawals: OkxWireWithdrawal[] = [
    { wdId: '67485', ccy: 'ETH', chain: 'ETH-ERC20', amt: '0.5', fee: '0.0012', state: '2', txId: '0x9b2e', ts: String(now - 20 * day), to: '0xabc…' },
    { wdId: '67486', ccy: 'USDT', chain: 'USDT-TRC20', amt: '1000', fee: '1', state: '-1', txId: '', ts: String(now - 10 * day), to: 'TXL8…' },
  ];
  return {
    apiKey: 'omnifolio-okx-demo-key-0000-0000-000000000000',
    secret: 'OMNIFOLIO0OKX0DEMO0SECRET0F00DFEED',
    passphrase: 'omnifolio-demo-passphrase',
    perm: 'read_only',
    trading: [
      { ccy: 'BTC', eq: '1.06126645222', cashBal: '1.06126645222', availBal: '0.6612664522199999', frozenBal: '0.4', ordFrozen: '0.4', liab: '0', upl: '0' },
      { ccy: 'USDT', eq: '18250.55', cashBal: '18250.55', availBal: '18250.55', frozenBal: '0', ordFrozen: '0', liab: '0', upl: '0' },
      { ccy: 'ETH', eq: '5', cashBal: '5', availBal: '5', frozenBal: '0', ordFrozen: '0', liab: '0', upl: '0' },
      { ccy: 'OKB', eq: '0', cashBal: '0', availBal: '0', frozenBal: '0', ordFrozen: '0', liab: '0', upl: '0' },
    ],
    funding: [
      { ccy: 'TUSD', bal: '100', availBal: '100', frozenBal: '0' },
      { ccy: 'USDT', bal: '520.75', availBal: '500.75', frozenBal: '20' },
    ],
    positions: [
      {
        instType: 'SWAP',
        instId: 'LTC-USDT-SWAP',
        posId: '653944598162657280',
        pos: '2',
        posSide: 'long',
        avgPx: '82.675',
        markPx: '101.33',
        // Consistent with LTC-USDT-SWAP's ctVal of 1 LTC: (101.33 − 82.675) × 2 and 202.66 / 10.
        // (ccxt's fixture, where this row comes from, was captured on an account with other contract sizes.)
        upl: '37.31',
        lever: '10',
        liqPx: '',
        mgnMode: 'cross',
        margin: '',
        imr: '20.266',
        ccy: 'USDT',
        notionalUsd: '202.7248512',
        uTime: String(now - day),
      },
      {
        instType: 'SWAP',
        instId: 'BTC-USD-SWAP',
        posId: '3234547810395054080',
        pos: '1',
        posSide: 'long',
        avgPx: '91957.1',
        markPx: '92057.4',
        upl: '0.0000011848325084',
        lever: '20',
        liqPx: '89.11497615226264',
        mgnMode: 'cross',
        margin: '',
        imr: '0.000054313938912',
        ccy: 'BTC',
        notionalUsd: '100',
        uTime: String(now - day),
      },
    ],
    fills,
    deposits,
    withdrawals,
  };
}
