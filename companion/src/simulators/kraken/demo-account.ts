import { KRAKEN_TIERS } from './kraken-call-counter.js';
import type { KrakenSimAccount, KrakenWireLedgerEntry, KrakenWireTrade } from './kraken-sim-account.js';

/**
 * A realistic Kraken user for tests and the demo: spot BTC (part held by an order), ETH, SOL,
 * USD (part held) and USDC; DOT bonded in staking (20 of it unbonding) and ETH in flexible Earn,
 * which Kraken's balance also lists as `DOT.S` and `ETH.F`; a long BTC and a short ETH margin
 * position; 120 trades over two months and the margin trade that opened the BTC position (three
 * pages of 50); a ledger with deposits, a
 * withdrawal, staking and Earn rewards, a move into staking, rollover fees and a closed margin
 * position. Times are relative to `now`. The key works only against the simulator.
 */

export const KRAKEN_DEMO_API_KEY = 'Egh3ZJft+ZwcoNw4vdz+QZAj599hLsNkg1ADJkx2nt1df0UR31yqi+DN';
export const KRAKEN_DEMO_SECRET = 'R+qwr4LoD5Ihwstrq40dcsiLxiKGGMBUoPPci3GIKe/pIUe5Vx9My+SC2sgidMfltHPMZw6rebrLGjToDWq1SQ==';

/** Kraken's times: seconds with four decimals, as a JSON number. */
export const krakenTime = (ms: number) => Math.round(ms * 10) / 10_000;

const id = (prefix: string, n: number) => `${prefix}${String(n).padStart(5, '0')}-ABCDE-FGHIJK`;

export function krakenLedgerEntry(
  time: number,
  type: string,
  subtype: string,
  asset: string,
  amount: string,
  fee = '0.0000',
  refid = 'NONE',
): KrakenWireLedgerEntry {
  return { refid, time, type, subtype, aclass: 'currency', asset, amount, fee, balance: '0' };
}

export function krakenDemoAccount(now: number): KrakenSimAccount {
  const day = 86_400_000;
  const trades: Record<string, KrakenWireTrade> = {};
  const ledger: Record<string, KrakenWireLedgerEntry> = {};
  for (let i = 0; i < 120; i += 1) {
    const btc = i % 2 === 0;
    const buy = i % 3 !== 2;
    const time = krakenTime(now - 60 * day + i * 11 * 3_600_000 + 137);
    const vol = btc ? '0.00250000' : '0.05000000';
    const price = btc ? `${90_000 + i * 13}.1` : `${3_000 + i}.45`;
    trades[id('T', i)] = {
      ordertxid: id('O', i),
      postxid: 'TKH2SE-M7IF5-CFI7LT',
      pair: btc ? 'XXBTZUSD' : 'XETHZUSD',
      time,
      type: buy ? 'buy' : 'sell',
      ordertype: 'limit',
      price,
      cost: '0',
      fee: btc ? '0.58500' : '0.39000',
      vol,
      margin: '0.00000',
      misc: '',
      trade_id: 40_000_000 + i,
      maker: i % 4 === 0,
    };
    // Kraken also writes each trade into the ledger; those entries are read from TradesHistory instead.
    if (i < 2) ledger[id('LT', i)] = krakenLedgerEntry(time, 'trade', '', btc ? 'XXBT' : 'XETH', buy ? vol : `-${vol}`, '0.0000', id('T', i));
  }
  const at = (daysAgo: number) => krakenTime(now - daysAgo * day);
  // The trade that opened the BTC margin position: a position, not coins bought.
  trades['TMRGN1-ABCDE-FGHIJK'] = {
    ordertxid: 'OLWNFG-LLH4R-D6SFFP',
    postxid: 'TF5GVO-T7ZZ2-6NBKBI',
    pair: 'XXBTZUSD',
    time: at(9),
    type: 'buy',
    ordertype: 'limit',
    price: '72000.0',
    cost: '36000.00000',
    fee: '57.60000',
    vol: '0.50000000',
    margin: '7200.00000',
    misc: '',
    posstatus: 'open',
  };
  Object.assign(ledger, {
    'L4UESK-KG3EQ-UFO4T5': krakenLedgerEntry(at(75), 'deposit', '', 'ZUSD', '20000.0000', '0.0000', 'QCCBMEY-RN3RG-BFZSGH'),
    'LKHR7G-3VVYW-AGO2XA': krakenLedgerEntry(at(70), 'deposit', '', 'XXBT', '1.2500000000', '0.0000000000', 'FTQcuak-V6Za8qrWnhzTx67yYHz8Tg'),
    'LQ2UNG-4MWIR-5BDE3T': krakenLedgerEntry(at(65), 'deposit', '', 'DOT', '250.0000000000', '0.0000000000', 'FTQcuak-V6Za8qrWnhzTx67yYHz8Tg2'),
    'LWD3GY-7RTJ6-ZPSLTO': krakenLedgerEntry(at(64), 'transfer', 'spottostaking', 'DOT', '-250.0000000000', '0.0000000000', 'BOG5AE5-KSCNR4-VPNPEV'),
    'L5YZSL-2YWEW-WAJDDS': krakenLedgerEntry(at(64), 'transfer', 'stakingfromspot', 'DOT.S', '250.0000000000', '0.0000000000', 'RUSB7W6-ESIXUX-K6PVTM'),
    'LJZWQE-2KJ4Q-RVVRSL': krakenLedgerEntry(at(50), 'staking', '', 'DOT.S', '0.8512300000', '0.0000000000', 'RUTPWNC-IFXOB-UQGZCM'),
    'LBIO6H-4WCQO-KXEHTO': krakenLedgerEntry(at(43), 'staking', '', 'DOT.S', '0.8498100000', '0.0000000000', 'RUTPWNC-IFXOB-UQGZCN'),
    // ETH into flexible Earn and part of it back: each leg in its own wallet, signed.
    'LEA1QX-5ZK2P-ALLOC1': krakenLedgerEntry(at(45), 'earn', 'allocation', 'XETH', '-1.7500000000', '0.0000000000', 'ELFIRE-ALLOC-000001'),
    'LEA2QX-5ZK2P-ALLOC2': krakenLedgerEntry(at(45), 'earn', 'allocation', 'ETH.F', '1.7500000000', '0.0000000000', 'ELFIRE-ALLOC-000001'),
    'LMXD4I-QN3HR-5CHU4N': krakenLedgerEntry(at(40), 'earn', 'reward', 'ETH.F', '0.0008123400', '0.0000000000', 'RUFW2SJ-N6FDF-HEBFE2'),
    'LED1QX-5ZK2P-DEALC1': krakenLedgerEntry(at(20), 'earn', 'deallocation', 'ETH.F', '-0.2500000000', '0.0000000000', 'ELFIRE-DEALC-000001'),
    'LED2QX-5ZK2P-DEALC2': krakenLedgerEntry(at(20), 'earn', 'deallocation', 'XETH', '0.2500000000', '0.0000000000', 'ELFIRE-DEALC-000001'),
    // USD sent to Kraken Futures (a separate API, not read): only the spot side is in this ledger.
    'LFUT7X-9QW3E-TOFUT1': krakenLedgerEntry(at(15), 'transfer', 'spottofutures', 'ZUSD', '-1000.0000', '0.0000', 'BOGFUT-KSCNR4-FUT001'),
    'LO3Q4W-UGOIK-MZW2A6': krakenLedgerEntry(at(30), 'withdrawal', '', 'XETH', '-0.5000000000', '0.0035000000', 'FTv8Xe7-VXqqzPWLhRW1mnJr8hGgNp'),
    'LTUYVC-ZKAGM-2AYYBC': krakenLedgerEntry(at(12), 'rollover', '', 'ZUSD', '0.0000', '0.5400', 'PAXK2A-HD5NJ-WNTXNB'),
    'LR4Y7I-CYVAT-SZCO57': krakenLedgerEntry(at(10), 'margin', '', 'ZUSD', '120.5000', '2.1000', 'PBCL5T-3GZ6D-EOGPWY'),
    'LB2MNC-XWKJA-7E2KH3': krakenLedgerEntry(at(8), 'margin', '', 'ZUSD', '-45.2500', '1.0500', 'PBCL5T-3GZ6D-EOGPWZ'),
  });

  return {
    apiKey: KRAKEN_DEMO_API_KEY,
    secret: KRAKEN_DEMO_SECRET,
    permissions: ['query-funds', 'query-open-trades', 'query-closed-trades', 'query-ledger'],
    tier: KRAKEN_TIERS.starter,
    balances: {
      XXBT: { balance: '1.2345000000', hold_trade: '0.1000000000' },
      XETH: { balance: '8.5000000000', hold_trade: '0.0000000000' },
      SOL: { balance: '120.0000000000', hold_trade: '0.0000000000' },
      ZUSD: { balance: '15320.5500', hold_trade: '500.0000', credit: '0.0000', credit_used: '0.0000' },
      USDC: { balance: '2100.00000000', hold_trade: '0.00000000' },
      'DOT.S': { balance: '251.7010400000', hold_trade: '0.0000000000' },
      'ETH.F': { balance: '1.5008123400', hold_trade: '0.0000000000' },
      XXDG: { balance: '0.0000000000', hold_trade: '0.0000000000' },
    },
    allocations: [
      {
        strategy_id: 'ESRFUO3-Q62XD-WIOIL7',
        native_asset: 'DOT',
        amount_allocated: {
          unbonding: { native: '20.0000000000', converted: '101.2000', allocation_count: 1, allocations: [] },
          total: { native: '251.7010400000', converted: '1273.6073' },
        },
        total_rewarded: { native: '1.7010400000', converted: '8.6073' },
      },
      {
        strategy_id: 'ESDQCOL-WTZEU-NU55QF',
        native_asset: 'ETH',
        amount_allocated: { total: { native: '1.5008123400', converted: '4652.5183' } },
        total_rewarded: { native: '0.0008123400', converted: '2.5183' },
      },
      {
        strategy_id: 'EXB2XSQ-RXBSX-TPLMKK',
        native_asset: 'XBT',
        amount_allocated: { total: { native: '0.0000000000', converted: '0.0000' } },
        total_rewarded: { native: '0.0000120000', converted: '1.1000' },
      },
    ],
    positions: {
      'TF5GVO-T7ZZ2-6NBKBI': {
        ordertxid: 'OLWNFG-LLH4R-D6SFFP',
        posstatus: 'open',
        pair: 'XXBTZUSD',
        time: at(9),
        type: 'buy',
        ordertype: 'limit',
        cost: '36000.00000',
        fee: '57.60000',
        vol: '0.50000000',
        vol_closed: '0.00000000',
        margin: '7200.00000',
        value: '46028.7',
        net: '+10028.7000',
        terms: '0.0100% per 4 hours',
        rollovertm: String(Math.floor(now / 1000) + 3600),
        misc: '',
        oflags: '',
      },
      'T24DOR-TAFLM-ID3NYP': {
        ordertxid: 'OQCLML-BW3P3-BUCMWZ',
        posstatus: 'open',
        pair: 'XETHZUSD',
        time: at(6),
        type: 'sell',
        ordertype: 'market',
        cost: '12800.00000',
        fee: '33.28000',
        vol: '4.00000000',
        vol_closed: '1.00000000',
        margin: '2560.00000',
        value: '9300.00',
        net: '+300.0000',
        terms: '0.0100% per 4 hours',
        rollovertm: String(Math.floor(now / 1000) + 7200),
        misc: '',
        oflags: '',
      },
    },
    trades,
    ledger,
  };
}
