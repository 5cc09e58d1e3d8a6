import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord } from '@omnifolio/shared/schemas';
import { windowedHistory } from '../ccxt/windowed-history.js';
import type { ActivityPage, CursorStore } from '../types.js';
import { HTX_ACCOUNTS } from './htx-accounts.js';
import { htxAmount, htxString } from './htx-raw.js';

/**
 * Transfers between spot and the margin and OTC accounts, from the spot account's ledger,
 * `GET /v2/account/ledger?accountId&transactTypes=transfer&startTime&endTime&limit[&fromId]`
 * (newest first; the answer's `nextId` names the next page):
 * `{ "accountId": 10000001, "currency": "usdt", "transactAmt": 10.000000000000000000, "transactType": "transfer",
 *    "transferType": "margin-transfer-out", "transactId": 0, "transactTime": 1629882331066,
 *    "transferer": 28483123, "transferee": 13496526 }`
 * `transactAmt` is the spot account's signed change (+ arrived in spot). `transferType` names the
 * other account (counterpartOf below). Each is two `transfer` activities, spot's signed change and
 * its opposite in the other account. Transfers with USDT-M and the coin-margined accounts come
 * from those accounts' own histories, in both accounts, and sub-user transfers have no account of
 * this connection on the other side, so they are left out here.
 *
 * The walk (../ccxt/windowed-history.ts) goes forward in windows of at most 10 days from 180 days
 * back (what HTX keeps); a page continues with `fromId` = the answer's `nextId`.
 */
export const HTX_LEDGER_WINDOW_MS = 10 * 86_400_000;
export const HTX_LEDGER_HORIZON_MS = 180 * 86_400_000;
export const HTX_LEDGER_PAGE = 500;
const HORIZON_MARGIN_MS = 10 * 60_000;
const CURSOR = 'ledger:spot';

/**
 * The other account of a spot transfer, by HTX's `transferType`; undefined when it is none of this
 * connection's or another history records it. HTX's page lists `spot-to-super-margin`,
 * `super-margin-to-spot`, `margin-transfer-in|out`, `otc-to-spot`, `spot-to-otc`,
 * `spot-to-linear-swap`, `linear-swap-to-spot`, `spot-to-futures`, `futures-to-spot`,
 * `dm-spot-to-swap`, `dm-swap-to-spot`, sub-user and lock types
 * (https://www.htx.com/en-us/opend/newApiPages/?id=7ec501f7-7773-11ed-9966-0242ac110003); the
 * older `super-margin-transfer-*` and `pro-to-otc` / `otc-to-pro` are read too. Transfers with
 * USDT-M (`*linear-swap*`) come from its bills, those with the coin-margined swaps (`dm-*swap*`)
 * and delivery futures (`*futures*`) from their financial records (htx-contract-records.ts):
 * each is recorded there in both accounts, so never here.
 */
function counterpartOf(transferType: string): string | undefined {
  if (transferType.includes('super-margin')) return HTX_ACCOUNTS.crossMargin.key;
  if (transferType.startsWith('margin-')) return HTX_ACCOUNTS.isolatedMargin.key;
  if (['otc-to-spot', 'spot-to-otc', 'otc-to-pro', 'pro-to-otc'].includes(transferType)) return HTX_ACCOUNTS.otc.key;
  return undefined;
}

export function htxLedgerTransferActivities(row: Record<string, unknown>): ActivityRecord[] {
  const what = 'a spot ledger row';
  if (htxString(row, 'transactType', what) !== 'transfer') return [];
  const other = counterpartOf(htxString(row, 'transferType', what));
  if (other === undefined) return [];
  const amount = dec(htxAmount(row, 'transactAmt', what));
  if (amount.isZero()) return [];
  const time = Number(htxString(row, 'transactTime', what));
  // HTX's transactId is 0 on transfers; time, type, currency and amount identify one.
  const ref = `ledger:${time}:${htxString(row, 'transferType', what)}:${htxString(row, 'currency', what)}:${toDecimalString(amount)}`;
  const side = (accountKey: string, quantity: string): ActivityRecord => ({
    accountKey,
    providerRef: `${ref}:${accountKey}`,
    type: 'transfer',
    executedAt: new Date(time).toISOString(),
    asset: htxString(row, 'currency', what).toUpperCase(),
    quantity,
    quoteAsset: null,
    price: null,
    fee: null,
    feeAsset: null,
    raw: row,
  });
  return [side(HTX_ACCOUNTS.spot.key, toDecimalString(amount)), side(other, toDecimalString(amount.neg()))];
}

export function htxSpotLedgerHistory(p: {
  cursors: CursorStore;
  now: number;
  pageLimit?: number;
  signal: AbortSignal;
  /** One page: the rows and the answer's `nextId` (undefined when there is no further page). */
  fetchPage(params: Record<string, string>): Promise<{ rows: Record<string, unknown>[]; nextId: string | undefined }>;
}): AsyncGenerator<ActivityPage> {
  const limit = p.pageLimit ?? HTX_LEDGER_PAGE;
  const horizonMs = HTX_LEDGER_HORIZON_MS - HORIZON_MARGIN_MS;
  const cursors: CursorStore = {
    get: (key) => {
      const value = p.cursors.get(key);
      if (key !== CURSOR || value === undefined) return value;
      return Number(value.split('|')[0]) < p.now - horizonMs ? undefined : value;
    },
  };
  return windowedHistory<Record<string, unknown>>({
    cursorKey: CURSOR,
    cursors,
    now: p.now,
    windowMs: HTX_LEDGER_WINDOW_MS,
    horizonMs,
    settleMs: 60_000,
    signal: p.signal,
    fetchPage: async (startAt, endAt, page) => {
      const { rows, nextId } = await p.fetchPage({
        transactTypes: 'transfer',
        startTime: String(startAt),
        endTime: String(endAt),
        limit: String(limit),
        ...(page === undefined ? {} : { fromId: page }),
      });
      return { items: rows, next: rows.length >= limit ? nextId : undefined };
    },
    refOf: (row) => `ledger:${String(row.transactTime)}:${String(row.transferType)}:${String(row.currency)}:${String(row.transactAmt)}`,
    timeOf: (row) => Number(htxString(row, 'transactTime', 'a spot ledger row')),
    isPending: () => false,
    toActivity: htxLedgerTransferActivities,
  });
}
