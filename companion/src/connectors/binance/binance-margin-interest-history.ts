import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord } from '@omnifolio/shared/schemas';
import type { CcxtSession } from '../ccxt/ccxt-session.js';
import { callImplicitApi } from '../ccxt/implicit-api.js';
import { timeWindowHistory } from '../ccxt/time-window-history.js';
import type { ActivityPage, ConnectorContext } from '../types.js';
import { BINANCE_ACCOUNTS } from './binance-accounts.js';
import { unreadable, wholeNumber } from './binance-raw.js';

/**
 * Interest charged on margin loans, from `GET /sapi/v1/margin/interestHistory` (weight 1, IP;
 * https://developers.binance.com/docs/margin_trading/borrow-and-repay/Get-Interest-History):
 * `{ "rows": [{ "txId": 1352286576452864727, "interestAccuredTime": 1672160400000, "asset": "USDT",
 *    "rawAsset": "USDT", "principal": "45.3313", "interest": "0.00024995", "interestRate": "0.00013233",
 *    "type": "ON_BORROW", "isolatedSymbol": "BNBUSDT" }], "total": 1 }`.
 *
 * Without `isolatedSymbol` Binance answers the cross margin account, with it one isolated pair;
 * "Response in descending order", at most 30 days between `startTime` and `endTime`, paged by
 * `current` (from 1) and `size` (≤ 100). The documentation names no retention (the former
 * `archived` flag for records older than six months is gone from it), so a first sync reads six
 * months, like the isolated transfer history. Each walk is forward in 30-day windows
 * (`../ccxt/time-window-history.ts`): `margin-interest:cross:from` and
 * `margin-interest:<PAIR>:from`.
 *
 * Why interest and nothing else of the loans: the margin balances are net (free − borrowed −
 * interest, README), so borrowing and repaying change an asset and its debt by the same amount and
 * leave the net balance where it was. Interest is what makes the debt grow; it is a `fee` in the
 * margin account it was charged to, in the asset Binance names.
 *
 * `txId` is a JSON number above 2^53 (`JSON.parse` rounds it, two charges can collide), so the
 * reference is what names one charge: `margin-interest:<cross|PAIR>:<asset>:<type>:<interestAccuredTime>`
 * (Binance charges each borrowed asset once an hour, plus once when it is borrowed: `ON_BORROW`).
 */

const DAY_MS = 86_400_000;
const RETENTION_MS = 180 * DAY_MS;
const WINDOW_MS = 30 * DAY_MS;
const PAGE_SIZE = 100;
/** Read up to a minute ago, so a clock slightly ahead of Binance's cannot skip a charge. */
const SETTLE_MARGIN_MS = 60_000;

export interface RawMarginInterest {
  interestAccuredTime: number;
  asset: string;
  interest: string;
  type: string;
  isolatedSymbol?: string;
}

/** The row with its time as a number (see wholeNumber), or undefined when it is not a charge. */
function rawMarginInterest(value: unknown): RawMarginInterest | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const row = value as Record<string, unknown>;
  const interestAccuredTime = wholeNumber(row.interestAccuredTime);
  if (interestAccuredTime === undefined || typeof row.asset !== 'string' || typeof row.interest !== 'string' || typeof row.type !== 'string') return undefined;
  return { ...(row as unknown as RawMarginInterest), interestAccuredTime };
}

/** One interest charge as a `fee` in `margin` (cross, `pair` undefined) or `isolated-margin`. */
export function binanceMarginInterestActivity(pair: string | undefined, row: RawMarginInterest): ActivityRecord {
  return {
    accountKey: pair === undefined ? BINANCE_ACCOUNTS.margin.key : BINANCE_ACCOUNTS.isolated.key,
    providerRef: `margin-interest:${pair ?? 'cross'}:${row.asset}:${row.type}:${row.interestAccuredTime}`,
    type: 'fee',
    executedAt: new Date(row.interestAccuredTime).toISOString(),
    asset: row.asset,
    quantity: toDecimalString(dec(row.interest).abs()),
    quoteAsset: null,
    price: null,
    fee: null,
    feeAsset: null,
    raw: row,
  };
}

async function interestInWindow(session: CcxtSession, pair: string | undefined, startTime: number, endTime: number): Promise<RawMarginInterest[]> {
  const rows: RawMarginInterest[] = [];
  const scope = pair === undefined ? 'cross margin' : `${pair} isolated margin`;
  for (let current = 1; ; current += 1) {
    const params = { ...(pair === undefined ? {} : { isolatedSymbol: pair }), startTime, endTime, current, size: PAGE_SIZE };
    const body = (await session.call((exchange) => callImplicitApi(exchange, 'sapiGetMarginInterestHistory', params))) as {
      total?: unknown;
      rows?: unknown;
    } | null;
    const listed = body?.rows ?? [];
    const total = wholeNumber(body?.total);
    const page = Array.isArray(listed) ? listed.map(rawMarginInterest) : [undefined];
    if (total === undefined || page.some((row) => row === undefined)) throw unreadable(`the ${scope} interest history`);
    rows.push(...(page as RawMarginInterest[]));
    if (page.length < PAGE_SIZE || rows.length >= total) return rows;
  }
}

export interface MarginInterestHistoryParameters {
  ctx: ConnectorContext;
  session: CcxtSession;
  /** Whether a cross margin account exists (no account: Binance answers -3003, nothing to read). */
  hasCrossMargin: boolean;
  /** Isolated pairs listed now (`binanceIsolatedPairs`). */
  listedIsolatedPairs: readonly string[];
}

/** Cross margin first, then each isolated pair: six requests each on a first sync, one afterwards. */
export async function* binanceMarginInterestHistory({
  ctx,
  session,
  hasCrossMargin,
  listedIsolatedPairs,
}: MarginInterestHistoryParameters): AsyncGenerator<ActivityPage> {
  const now = session.clock.now();
  // Only the pairs listed now: a pair the user closed is no isolated account any more (Binance
  // answers -11001), and its interest was read by the syncs while it was open.
  const scopes: (string | undefined)[] = [...(hasCrossMargin ? [undefined] : []), ...[...new Set(listedIsolatedPairs)].sort()];
  for (const pair of scopes) {
    yield* timeWindowHistory<RawMarginInterest>({
      cursorKey: `margin-interest:${pair ?? 'cross'}`,
      cursors: ctx.cursors,
      earliestMs: now - RETENTION_MS,
      endMs: now - SETTLE_MARGIN_MS,
      windowMs: WINDOW_MS,
      fetchWindow: (from, to) => interestInWindow(session, pair, from, to),
      timestampOf: (row) => row.interestAccuredTime,
      isPending: () => false,
      toActivity: (row) => binanceMarginInterestActivity(pair, row),
      signal: ctx.signal,
    });
  }
}
