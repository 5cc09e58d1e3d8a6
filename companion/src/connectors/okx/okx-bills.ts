import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord } from '@omnifolio/shared/schemas';
import { okxUnreadable } from './okx-raw.js';

/**
 * OKX's two ledgers as activities. Each bill is one balance change (`balChg`, signed) of one
 * account; only the kinds no dedicated history records become activities here, so nothing is
 * counted twice (spot and margin fills come from fills-history, deposits and withdrawals from
 * their own histories, which reach further back than the ledgers).
 *
 * Trading account, `GET /api/v5/account/bills-archive` (last three months):
 * `{ "billId": "…", "instType": "SWAP", "instId": "LTC-USDT-SWAP", "ccy": "USDT", "type": "2", "subType": "5",
 *    "balChg": "14.3", "pnl": "14.51", "fee": "-0.21", "sz": "2", "px": "90.1", "ts": "…", … }`
 * - type 1 (transfer; subType 11 in, 12 out) → `transfer` with the signed `balChg`;
 * - type 2 (trade), 3 (delivery), 5 (liquidation), 9 (ADL) of SWAP, FUTURES and OPTION → a
 *   derivatives fill as `realized_pnl`: quantity `pnl` and the charged fee; a fill that realizes
 *   nothing (opening a position) is its fee, as `fee`;
 *   `balChg` is not used there, because with isolated margin it includes the margin moved into
 *   the position, which stays in the account's equity;
 * - type 8 (funding fee; 173 paid, 174 received) → `funding` with the signed `balChg`;
 * - type 7 (interest deduction on a loan) → `fee`.
 *
 * Funding account, `GET /api/v5/asset/bills` (last month): `{ "billId", "ccy", "balChg", "bal", "type", "ts" }`
 * - 130 from / 131 to the trading account, 20–23 sub-account transfers → `transfer`, signed;
 * - 75/76 Simple Earn flexible subscription/redemption, 80/82 On-chain Earn (staking) subscription/
 *   redemption → `transfer` in the funding account and its mirror in the `earn` or `staking`
 *   account, which have no ledger of their own;
 * - 83 staking yield, 89 deposit yield, 28/229 airdrops, 48 event rewards, 150–152 and 172
 *   commissions and referral rewards, 68/173/300 fee rebates → `reward`.
 */

export type OkxBill = Record<string, string>;

const need = (row: unknown, keys: readonly string[], what: string): OkxBill => {
  if (row === null || typeof row !== 'object' || !keys.every((k) => typeof (row as Record<string, unknown>)[k] === 'string')) throw okxUnreadable(what);
  return row as OkxBill;
};

const DERIVATIVES = new Set(['SWAP', 'FUTURES', 'OPTION']);
const POSITION_CLOSING_TYPES = new Set(['2', '3', '5', '9']);

interface Accounts {
  trading: string;
  funding: string;
  earn: string;
  staking: string;
}

const record = (accountKey: string, providerRef: string, type: ActivityRecord['type'], row: OkxBill, quantity: string, fee: string | null = null) => ({
  accountKey,
  providerRef,
  type,
  executedAt: new Date(Number(row.ts)).toISOString(),
  asset: row.ccy as string,
  quantity,
  quoteAsset: null,
  price: null,
  fee,
  feeAsset: fee === null ? null : (row.ccy as string),
  raw: row,
});

/** A trading-account bill as an activity; undefined for the kinds recorded elsewhere or not read. */
export function okxTradingBillActivity(raw: unknown, accountKey: string): ActivityRecord | undefined {
  const row = need(raw, ['billId', 'ccy', 'type', 'balChg', 'ts'], 'a trading account bill');
  const ref = `bill:${row.billId}`;
  const balChg = dec(row.balChg as string);
  switch (row.type) {
    case '1':
      return balChg.isZero() ? undefined : record(accountKey, ref, 'transfer', row, toDecimalString(balChg));
    case '8':
      return balChg.isZero() ? undefined : record(accountKey, ref, 'funding', row, toDecimalString(balChg));
    case '7':
      return balChg.isZero() ? undefined : record(accountKey, ref, 'fee', row, toDecimalString(balChg.abs()));
    default: {
      if (!POSITION_CLOSING_TYPES.has(row.type as string) || !DERIVATIVES.has(row.instType ?? '')) return undefined;
      const pnl = dec(row.pnl === undefined || row.pnl === '' ? '0' : row.pnl);
      const fee = dec(row.fee === undefined || row.fee === '' ? '0' : row.fee);
      // A charged fee is negative; a maker rebate (positive) is part of what the fill earned.
      const charged = fee.isNegative();
      if (pnl.isZero() && fee.isZero()) return undefined;
      // Opening a position realizes nothing; what it cost is its fee.
      if (pnl.isZero() && charged) return record(accountKey, ref, 'fee', row, toDecimalString(fee.abs()));
      if (pnl.plus(charged ? 0 : fee).isZero()) return undefined;
      return record(accountKey, ref, 'realized_pnl', row, toDecimalString(charged ? pnl : pnl.plus(fee)), charged ? toDecimalString(fee.abs()) : null);
    }
  }
}

const TRANSFER_TYPES = new Set(['20', '21', '22', '23', '130', '131']);
const REWARD_TYPES = new Set(['28', '48', '68', '83', '89', '150', '151', '152', '172', '173', '229', '300']);
/** Funding-account bill types that move funds to or from an account that has no ledger of its own. */
const EARN_TYPES: Record<string, keyof Accounts> = { '75': 'earn', '76': 'earn', '80': 'staking', '82': 'staking' };

/** A funding-account bill as activities: none, one, or a transfer and its mirror in Earn. */
export function okxFundingBillActivities(raw: unknown, accounts: Accounts): ActivityRecord[] {
  const row = need(raw, ['billId', 'ccy', 'type', 'balChg', 'ts'], 'a funding account bill');
  const ref = `asset-bill:${row.billId}`;
  const balChg = dec(row.balChg as string);
  if (balChg.isZero()) return [];
  const type = row.type as string;
  if (TRANSFER_TYPES.has(type)) return [record(accounts.funding, ref, 'transfer', row, toDecimalString(balChg))];
  const other = EARN_TYPES[type];
  if (other !== undefined)
    return [
      record(accounts.funding, ref, 'transfer', row, toDecimalString(balChg)),
      record(accounts[other], `${ref}:${other}`, 'transfer', row, toDecimalString(balChg.neg())),
    ];
  if (REWARD_TYPES.has(type) && balChg.isPositive()) return [record(accounts.funding, ref, 'reward', row, toDecimalString(balChg))];
  return [];
}

/**
 * Simple Earn interest, `GET /api/v5/finance/savings/lending-history`:
 * `{ "ccy": "USDT", "amt": "1500", "earnings": "0.0123", "rate": "0.02", "ts": "…" }`. Earnings are
 * reinvested into the savings balance, so they are interest in the `earn` account.
 */
export function okxLendingInterestActivity(raw: unknown, accountKey: string): ActivityRecord | undefined {
  const row = need(raw, ['ccy', 'earnings', 'ts'], 'a Simple Earn interest record');
  const earnings = dec(row.earnings as string);
  if (!earnings.isPositive()) return undefined;
  return record(accountKey, `earn-interest:${row.ccy}:${row.ts}`, 'interest', row, toDecimalString(earnings));
}
