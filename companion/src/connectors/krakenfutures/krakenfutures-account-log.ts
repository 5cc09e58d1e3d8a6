import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord, ActivityType } from '@omnifolio/shared/schemas';
import { decimalOf, isRecord, krakenFuturesAsset, krakenFuturesUnreadable, type RawRecord } from './krakenfutures-raw.js';

/**
 * Account-log rows (`GET /api/history/v3/account-log`, read losslessly) as activities. Each row is
 * one balance change of one asset in one account (`margin_account`), with `old_balance` and
 * `new_balance`; the ccxt source shows a trade's cash row:
 * `{ "asset": "usd", "contract": "pf_dogeusd", "date": "…", "execution": "a59b8e24-…", "fee": 0.0035, "id": 9,
 *    "info": "futures trade", "margin_account": "flex", "new_balance": 0, "old_balance": 0.0077, "realized_pnl": -0.0042, … }`
 * (0 − 0.0077 = −0.0042 − 0.0035: the change is the realized PnL less the fee).
 *
 * One activity per row, `log:<id>`, its amount the exact change `new_balance − old_balance`, so
 * replaying an account's history gives its balance:
 * - trades, liquidations, assignments, unwinds and settlements: `realized_pnl` of the change plus
 *   the fee (signed: a loss is negative), the fee as its fee; a row that only paid a fee (opening
 *   a position) is a `fee`. Every execution also writes a position-size row (`asset` is the
 *   contract, `pi_xbtusd`), which moves no money: skipped (the position is read from
 *   openpositions);
 * - `funding rate change`: `funding`, signed;
 * - transfers (`transfer` between the cash and margin accounts, one row per side sharing a
 *   `booking_uid`; `cross-exchange transfer` to and from Kraken spot; `subaccount transfer`,
 *   `admin transfer`) and `conversion` (one row per currency, both in `flex`): `transfer`,
 *   signed, in the account of the row. They move value between the user's own accounts, so the
 *   performance engine sees no flow;
 * - `kfee applied`, `interest payment`, `tax withheld`: a `fee` when the balance fell, `interest`
 *   (interest payment) or `reward` (refunds, `tax refund`) when it rose.
 *
 * A row of any other type becomes a signed `transfer` too, so the account's history still adds
 * up; its raw row is kept. A row in an account Omnifolio did not list (never seen on a real
 * account: /accounts lists every margin account) is left out.
 *
 * The account names: `cash`, `flex` and the margin accounts as /accounts names them; the CSV's
 * spelling of a margin account (`f-xbt:usd`) is read as `fi_xbtusd`.
 */

const TRADES = new Set([
  'futures trade',
  'futures liquidation',
  'futures assignee',
  'futures assignor',
  'futures unwind counterparty',
  'futures unwind bankrupt',
  'covered liquidation',
  'settlement',
]);
const FEES = new Set(['kfee applied', 'interest payment', 'tax withheld', 'tax refund']);

export function krakenFuturesLogRows(body: RawRecord): RawRecord[] {
  const logs = body.logs;
  if (!Array.isArray(logs) || !logs.every(isRecord)) throw krakenFuturesUnreadable('the account log');
  return logs;
}

/** The log's name of an account as /accounts keys it. */
export function krakenFuturesLogAccount(marginAccount: string): string {
  const csv = /^f-([a-z0-9]+):([a-z0-9]+)$/.exec(marginAccount.toLowerCase());
  return csv === null ? marginAccount.toLowerCase() : `fi_${csv[1]}${csv[2]}`;
}

export function krakenFuturesLogActivity(row: RawRecord, accountKeys: ReadonlySet<string>): ActivityRecord | undefined {
  const id = decimalOf(row.id) ?? (typeof row.id === 'string' ? row.id : undefined);
  const [info, asset, date, account] = [row.info, row.asset, row.date, row.margin_account];
  const [oldBalance, newBalance] = [decimalOf(row.old_balance), decimalOf(row.new_balance)];
  if (id === undefined || typeof info !== 'string' || typeof asset !== 'string' || typeof date !== 'string' || Number.isNaN(Date.parse(date))) {
    throw krakenFuturesUnreadable('an account log entry');
  }
  // The position-size row of an execution: the contract's size changed, no money moved.
  if (typeof row.contract === 'string' && asset.toLowerCase() === row.contract.toLowerCase()) return undefined;
  if (oldBalance === undefined || newBalance === undefined || typeof account !== 'string') throw krakenFuturesUnreadable(`account log entry ${id}`);
  const accountKey = krakenFuturesLogAccount(account);
  if (!accountKeys.has(accountKey)) return undefined;
  const change = dec(newBalance).minus(oldBalance);
  const fee = dec(decimalOf(row.fee) ?? '0').abs();
  const code = krakenFuturesAsset(asset);
  const record = (type: ActivityType, quantity: ReturnType<typeof dec>, withFee: boolean): ActivityRecord => ({
    accountKey,
    providerRef: `log:${id}`,
    type,
    executedAt: new Date(Date.parse(date)).toISOString(),
    asset: code,
    quantity: toDecimalString(quantity),
    quoteAsset: null,
    price: null,
    fee: withFee ? toDecimalString(fee) : null,
    feeAsset: withFee ? code : null,
    raw: row,
  });
  if (TRADES.has(info)) {
    const pnl = change.plus(fee);
    if (!pnl.isZero()) return record('realized_pnl', pnl, !fee.isZero());
    return fee.isZero() ? undefined : record('fee', fee, false);
  }
  if (change.isZero()) return undefined;
  if (info === 'funding rate change') return record('funding', change, false);
  if (FEES.has(info)) {
    if (change.isNegative()) return record('fee', change.abs(), false);
    return record(info === 'interest payment' ? 'interest' : 'reward', change, false);
  }
  return record('transfer', change, false);
}
