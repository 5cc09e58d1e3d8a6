import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord } from '@omnifolio/shared/schemas';
import type { ActivityPage, CursorStore } from '../types.js';
import { htxAmount, htxString, htxUnreadable } from './htx-raw.js';

/**
 * Interest on margin loans, from HTX's loan orders:
 * - cross margin, `GET /v1/cross-margin/loan-orders?start-date&end-date&size[&from&direct=next]`;
 * - isolated margin, `GET /v1/margin/loan-orders?symbol&start-date&end-date&size[&from&direct=next]`,
 *   one symbol (one isolated account) a request.
 *
 * `{ "id": 3416576, "currency": "usdt", "loan-amount": "1000", "loan-balance": "1000",
 *    "interest-amount": "0.4166", "interest-balance": "0.4166", "created-at": …, "accrued-at": …,
 *    "state": "accrual" }` (isolated rows also carry `symbol`). `interest-amount` is all the
 * interest the loan has accrued so far, `loan-balance` / `interest-balance` what is still owed;
 * `state` is `created`, `accrual` (lent, accruing), `cleared` (repaid) or `invalid`/`failed`.
 *
 * What the history records, and why. The margin accounts' balances are net of what is owed
 * (htx-balances.ts: free = trade + loan + interest; HTX itself defines "margin account balance =
 * user's equity – unpaid principal – unpaid interest", https://www.huobi.com/support/en-us/detail/360000502621/):
 * - a loan adds L coins to `trade` and −L to `loan`: the net balance does not move;
 * - repaying principal takes R from `trade` and R off `loan`; repaying interest takes I from
 *   `trade` and I off `interest`: the net balance does not move either;
 * - accruing interest adds −I to `interest`: the net balance falls by I. This is the only part of a
 *   loan that changes what the user owns.
 * So a loan and its repayments are no activity (recording them would move the reconstructed
 * balance where the real one did not), and its interest is a `fee` in the loan's currency and
 * account, recorded as it accrues: each sync records the growth of `interest-amount` since the
 * amount already recorded, with providerRef `loan:<account>:<id>:interest:<cumulative amount>`.
 *
 * The cursor `<cursorKey>` = `{ "since": "yyyy-mm-dd", "interest": { "<loan id>": "<recorded>" } }`:
 * each sync reads every loan created since `since` (the first sync: HTX's default window, 61 days),
 * newest first, pages of `size` continued with `from` = the last id and `direct=next`; afterwards
 * `since` moves to the day before the oldest loan still accruing (or today), so a loan is read
 * again until it is cleared and never after, and the recorded amounts of loans older than `since`
 * are forgotten (they are not read again).
 */
export const HTX_LOAN_LOOKBACK_DAYS = 61;
export const HTX_LOAN_PAGE = 100;
const DAY_MS = 86_400_000;

interface LoanCursor {
  since: string;
  interest: Record<string, string>;
}

const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function parseCursor(value: string | undefined, now: number): LoanCursor {
  const fresh = { since: dateOf(now - HTX_LOAN_LOOKBACK_DAYS * DAY_MS), interest: {} };
  if (value === undefined || value === '') return fresh;
  try {
    const parsed = JSON.parse(value) as Partial<LoanCursor>;
    if (typeof parsed.since !== 'string' || !/^\d{4}-\d\d-\d\d$/.test(parsed.since) || parsed.interest === null || typeof parsed.interest !== 'object')
      return fresh;
    return { since: parsed.since, interest: Object.fromEntries(Object.entries(parsed.interest).filter(([, v]) => typeof v === 'string')) };
  } catch {
    return fresh;
  }
}

export async function* htxMarginLoanHistory(p: {
  /** `loans:cross-margin`, `loans:isolated-margin`. */
  cursorKey: string;
  cursors: CursorStore;
  now: number;
  accountKey: string;
  /** The requests' fixed parameters: `[{}]` for cross margin, one `{ symbol }` per isolated account. */
  scopes: readonly Record<string, string>[];
  pageLimit?: number;
  signal: AbortSignal;
  fetchPage(params: Record<string, string>): Promise<Record<string, unknown>[]>;
}): AsyncGenerator<ActivityPage> {
  const what = 'a margin loan order';
  const size = p.pageLimit ?? HTX_LOAN_PAGE;
  const cursor = parseCursor(p.cursors.get(p.cursorKey), p.now);
  const loans = new Map<string, Record<string, unknown>>();
  for (const scope of p.scopes) {
    let from: string | undefined;
    for (;;) {
      p.signal.throwIfAborted();
      const rows = await p.fetchPage({
        ...scope,
        'start-date': cursor.since,
        'end-date': dateOf(p.now),
        size: String(size),
        ...(from === undefined ? {} : { from, direct: 'next' }),
      });
      const fresh = rows.filter((row) => !loans.has(htxString(row, 'id', what)));
      for (const row of fresh) loans.set(htxString(row, 'id', what), row);
      const last = rows.at(-1);
      if (rows.length < size || fresh.length === 0 || last === undefined) break;
      from = htxString(last, 'id', what);
    }
  }

  const activities: ActivityRecord[] = [];
  const recorded: Record<string, string> = { ...cursor.interest };
  let oldestOpen = p.now;
  for (const [id, row] of [...loans].sort(([, a], [, b]) => Number(a['created-at']) - Number(b['created-at']))) {
    const state = htxString(row, 'state', what);
    if (state !== 'accrual' && state !== 'cleared') continue;
    const createdAt = Number(htxString(row, 'created-at', what));
    if (!Number.isFinite(createdAt)) throw htxUnreadable(`${what}: created-at`);
    if (state === 'accrual') oldestOpen = Math.min(oldestOpen, createdAt);
    const total = dec(htxAmount(row, 'interest-amount', what));
    const before = dec(recorded[id] ?? '0');
    if (total.lte(before)) continue;
    const cumulative = toDecimalString(total);
    const accruedAt = Number(row['accrued-at'] ?? createdAt);
    activities.push({
      accountKey: p.accountKey,
      providerRef: `loan:${p.accountKey}:${id}:interest:${cumulative}`,
      type: 'fee',
      executedAt: new Date(Number.isFinite(accruedAt) ? accruedAt : createdAt).toISOString(),
      asset: htxString(row, 'currency', what).toUpperCase(),
      quantity: toDecimalString(total.minus(before)),
      quoteAsset: null,
      price: null,
      fee: null,
      feeAsset: null,
      raw: row,
    });
    recorded[id] = cumulative;
  }
  // A day of slack: HTX's dates may be in its own time zone.
  const since = dateOf(oldestOpen - DAY_MS);
  const sinceMs = Date.parse(`${since}T00:00:00Z`);
  const kept = Object.fromEntries(
    Object.entries(recorded).filter(([id]) => {
      const row = loans.get(id);
      return row !== undefined && Number(row['created-at']) >= sinceMs;
    }),
  );
  yield { activities, cursors: { [p.cursorKey]: JSON.stringify({ since, interest: kept }) } };
}
