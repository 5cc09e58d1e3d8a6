import { readFileSync } from 'node:fs';
import {
  type BinanceApiRestrictions,
  type BinanceSimAccount,
  type BinanceWireBalance,
  type BinanceWireDeposit,
  type BinanceWireIsolatedAccount,
  type BinanceWireIsolatedTransfer,
  type BinanceWireMarginInterest,
  type BinanceWireMarginTrade,
  type BinanceWireTrade,
  type BinanceWireWalletTransfer,
  type BinanceWireWithdrawal,
  parseBinanceApplyTime,
  toBinanceApplyTime,
} from './binance-sim-account.js';

interface DemoAccountFile {
  description: string;
  /** The instant the recorded timestamps are relative to. */
  anchor: string;
  apiKey: string;
  secret: string;
  permissions: BinanceApiRestrictions;
  balances: BinanceWireBalance[];
  isolatedMargin: BinanceWireIsolatedAccount;
  trades: BinanceWireTrade[];
  deposits: BinanceWireDeposit[];
  withdrawals: BinanceWireWithdrawal[];
  walletTransfers: BinanceWireWalletTransfer[];
  isolatedTransfers: Record<string, BinanceWireIsolatedTransfer[]>;
  marginTrades: BinanceWireMarginTrade[];
  marginInterest: BinanceWireMarginInterest[];
}

export interface LoadDemoAccountOptions {
  /** The history is shifted so that `anchor` becomes this instant; default now. */
  now?: number;
}

/**
 * The demo Binance account (demo-account.json) as simulator state: a fresh deep copy each
 * call, with every timestamp shifted by (now − anchor) so two years of history always end in
 * the recent past and the last deposits fall inside Binance's 90-day window.
 */
export function loadDemoAccount(options: LoadDemoAccountOptions = {}): BinanceSimAccount {
  const file = JSON.parse(readFileSync(new URL('./demo-account.json', import.meta.url), 'utf8')) as DemoAccountFile;
  const shiftMs = (options.now ?? Date.now()) - Date.parse(file.anchor);
  const shift = (ms: number): number => ms + shiftMs;
  const shiftApplyTime = (applyTime: string): string => toBinanceApplyTime(parseBinanceApplyTime(applyTime) + shiftMs);
  return {
    apiKey: file.apiKey,
    secret: file.secret,
    permissions: { ...file.permissions },
    balances: file.balances,
    isolatedMargin: file.isolatedMargin,
    trades: file.trades.map((t) => ({ ...t, time: shift(t.time) })),
    deposits: file.deposits.map((d) => ({
      ...d,
      insertTime: shift(d.insertTime),
      ...(d.completeTime === undefined ? {} : { completeTime: shift(d.completeTime) }),
    })),
    walletTransfers: file.walletTransfers.map((t) => ({ ...t, timestamp: shift(t.timestamp) })),
    isolatedTransfers: Object.fromEntries(
      Object.entries(file.isolatedTransfers).map(([pair, rows]) => [pair, rows.map((t) => ({ ...t, timestamp: shift(t.timestamp) }))]),
    ),
    marginTrades: file.marginTrades.map((t) => ({ ...t, time: shift(t.time) })),
    marginInterest: file.marginInterest.map((row) => ({ ...row, interestAccuredTime: shift(row.interestAccuredTime) })),
    withdrawals: file.withdrawals.map((w) => ({
      ...w,
      applyTime: shiftApplyTime(w.applyTime),
      ...(w.completeTime === undefined ? {} : { completeTime: shiftApplyTime(w.completeTime) }),
    })),
  };
}
