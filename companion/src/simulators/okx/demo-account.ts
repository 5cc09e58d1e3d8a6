import { dec, toDecimalString } from '@omnifolio/shared/money';
import type {
  OkxSimAccount,
  OkxWireAccountBill,
  OkxWireAssetBill,
  OkxWireDeposit,
  OkxWireFill,
  OkxWireLendingRecord,
  OkxWireWithdrawal,
} from './okx-sim-account.js';

/**
 * A realistic OKX account for tests and the demo: a trading account (BTC with an order frozen,
 * OKX's floating-point `availBal` included), a funding account, a linear and an inverse swap, a delivery future, a BTC call option,
 * 150 spot fills over two months (two pages), deposits and withdrawals (one failed), a trading
 * ledger of 143 bills (two pages: LTC-USDT-SWAP funding fees every 8 hours, swap fills with a
 * realized loss and a gain, transfers in and out, loan interest), a funding ledger (transfers to
 * and from trading, Simple Earn subscription and redemption, a staking subscription, rewards),
 * Simple Earn USDT with 115 interest records (two pages) and 1 ETH staked. Times are relative to `now`. The key, secret and passphrase work only against the simulator.
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
  const { accountBills, assetBills, lendingHistory, savingsUsdt } = okxDemoLedgers(now);
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
      {
        // A delivery future, short in net mode: 3 contracts of 0.01 BTC; (93120.5 − 92057.4) × 0.03.
        instType: 'FUTURES',
        instId: 'BTC-USDT-261225',
        instFamily: 'BTC-USDT',
        posId: '3234547810395054081',
        pos: '-3',
        posSide: 'net',
        avgPx: '93120.5',
        markPx: '92057.4',
        upl: '31.893',
        lever: '5',
        liqPx: '110300.2',
        mgnMode: 'isolated',
        margin: '558.72',
        imr: '',
        ccy: 'USDT',
        notionalUsd: '2761.722',
        uTime: String(now - 2 * day),
      },
      {
        // A bought call: 10 contracts of 0.01 BTC, premium in BTC; (0.0452 − 0.0415) × 0.1.
        instType: 'OPTION',
        instId: 'BTC-USD-270326-100000-C',
        instFamily: 'BTC-USD',
        uly: 'BTC-USD',
        posId: '3234547810395054082',
        pos: '10',
        posSide: 'net',
        avgPx: '0.0415',
        markPx: '0.0452',
        upl: '0.00037',
        lever: '',
        liqPx: '',
        mgnMode: 'cross',
        margin: '',
        imr: '',
        ccy: 'BTC',
        deltaBS: '0.41',
        notionalUsd: '9205.74',
        uTime: String(now - 3 * day),
      },
    ],
    fills,
    deposits,
    withdrawals,
    accountBills,
    assetBills,
    savings: [
      {
        ccy: 'USDT',
        amt: savingsUsdt,
        earnings: toDecimalString(lendingHistory.reduce((total, row) => total.plus(row.earnings), dec('0'))),
        loanAmt: savingsUsdt,
        pendingAmt: '0',
        redemptAmt: '0',
        rate: '0.0312',
      },
    ],
    lendingHistory,
    stakingOrders: [
      {
        ordId: '2413499866396496896',
        state: '1',
        ccy: 'ETH',
        protocol: 'Lido',
        protocolType: 'staking',
        term: '0',
        apy: '0.0298',
        investData: [{ ccy: 'ETH', amt: '1' }],
        earningData: [{ ccy: 'ETH', earningType: '0', earnings: '0.0016' }],
        purchasedTime: String(now - 20 * day),
        tag: '',
        estSettlementTime: '',
        cancelRedemptionDeadline: '',
        fastRedemptionData: [],
        productId: '4005',
      },
    ],
  };
}

/**
 * The demo's ledgers. Every movement between two of the account's wallets appears in both
 * ledgers (or, for Earn, in the funding ledger and the Earn balance), at the same time.
 */
function okxDemoLedgers(now: number) {
  const hour = 3_600_000;
  const day = 24 * hour;
  const accountBills: OkxWireAccountBill[] = [];
  const bill = (at: number, fields: Partial<OkxWireAccountBill> & { type: string; subType: string; balChg: string }) => {
    accountBills.push({
      billId: '',
      instType: '',
      instId: '',
      ccy: 'USDT',
      mgnMode: 'cross',
      pnl: '0',
      fee: '0',
      sz: '0',
      px: '',
      posBal: '0',
      posBalChg: '0',
      interest: '0',
      notes: '',
      execType: '',
      ordId: '',
      tradeId: '',
      from: '',
      to: '',
      ...fields,
      bal: '',
      ts: String(at),
    });
  };
  const swap = { instType: 'SWAP', instId: 'LTC-USDT-SWAP' };
  const start = now - 50 * day;
  bill(now - 28 * day, { type: '1', subType: '11', balChg: '2500', from: '6', to: '18' });
  // A long closed at a loss (realized −6.8 plus the fee), then one closed at a gain.
  bill(start + hour, { ...swap, type: '2', subType: '3', balChg: '-0.0476', fee: '-0.0476', sz: '1', px: '95.2', execType: 'T', tradeId: '310001' });
  bill(start + 30 * hour, {
    ...swap,
    type: '2',
    subType: '5',
    balChg: '-6.8442',
    pnl: '-6.8',
    fee: '-0.0442',
    sz: '1',
    px: '88.4',
    execType: 'T',
    tradeId: '310002',
  });
  bill(start + 60 * hour, { ...swap, type: '2', subType: '3', balChg: '-0.0391', fee: '-0.0391', sz: '1', px: '78.2', execType: 'M', tradeId: '310003' });
  bill(start + 90 * hour, {
    ...swap,
    type: '2',
    subType: '5',
    balChg: '11.2573',
    pnl: '11.3',
    fee: '-0.0427',
    sz: '1',
    px: '89.5',
    execType: 'T',
    tradeId: '310004',
  });
  bill(start + 5 * day, { ...swap, type: '2', subType: '3', balChg: '-0.0826750', fee: '-0.082675', sz: '2', px: '82.675', execType: 'T', tradeId: '310005' });
  for (let i = 0; i < 135; i += 1) {
    const received = i % 5 === 3;
    bill(start + 5 * day + (i + 1) * 8 * hour, {
      ...swap,
      type: '8',
      subType: received ? '174' : '173',
      balChg: received ? '0.0009' : `-0.00${(i % 7) + 12}`,
    });
  }
  bill(now - 12 * day, { type: '1', subType: '12', balChg: '-1200', from: '18', to: '6' });
  bill(now - 6 * day, { type: '7', subType: '9', balChg: '-0.35', interest: '-0.35' });
  // Bill ids grow with time; `bal` is the USDT balance after each bill.
  accountBills.sort((a, b) => Number(a.ts) - Number(b.ts));
  let usdt = dec('13000');
  accountBills.forEach((row, i) => {
    usdt = usdt.plus(row.balChg);
    row.billId = (700_000_000_000_000_000n + BigInt(i) * 17n).toString();
    row.bal = toDecimalString(usdt);
  });

  const assetBills: OkxWireAssetBill[] = [];
  const assetBill = (at: number, type: string, ccy: string, balChg: string) =>
    assetBills.push({ billId: String(12_345_678_000 + assetBills.length), ccy, balChg, bal: '', type, ts: String(at), clientId: '', notes: '' });
  assetBill(now - 28 * day, '131', 'USDT', '-2500');
  assetBill(now - 25 * day, '75', 'USDT', '-2000');
  assetBill(now - 20 * day, '80', 'ETH', '-1');
  assetBill(now - 12 * day, '130', 'USDT', '1200');
  assetBill(now - 9 * day, '151', 'USDT', '2.5');
  assetBill(now - 5 * day, '76', 'USDT', '500');
  assetBill(now - 3 * day, '83', 'ETH', '0.0021');

  // Simple Earn: subscribed 25 days ago, interest every five hours, 500 redeemed five days ago.
  let savings = dec('2000');
  const lendingHistory: OkxWireLendingRecord[] = [];
  for (let i = 0; i < 115; i += 1) {
    const at = now - 25 * day + (i + 1) * 5 * hour;
    if (at > now - 5 * day && savings.greaterThan('1600')) savings = savings.minus('500');
    const earnings = `0.0${(i % 9) + 10}`;
    lendingHistory.push({ ccy: 'USDT', amt: toDecimalString(savings), earnings, rate: '0.0312', ts: String(at) });
    savings = savings.plus(earnings);
  }
  return { accountBills, assetBills, lendingHistory, savingsUsdt: toDecimalString(savings) };
}
