import { dec, toDecimalString } from '@omnifolio/shared/money';
import type { ActivityRecord } from '@omnifolio/shared/schemas';
import type { CcxtSession } from '../ccxt/ccxt-session.js';
import { callImplicitApi } from '../ccxt/implicit-api.js';
import { timeWindowHistory } from '../ccxt/time-window-history.js';
import type { ActivityPage, ConnectorContext } from '../types.js';
import { BINANCE_ACCOUNTS } from './binance-accounts.js';
import { unreadable } from './binance-raw.js';
import { optionalWallet } from './binance-wallets.js';

/**
 * Moves into and out of isolated margin pairs, from Binance's margin transfer history
 * `GET /sapi/v1/margin/transfer?isolatedSymbol=<PAIR>` (weight 1, IP;
 * https://developers.binance.com/docs/margin_trading/transfer):
 * `{ "rows": [{ "amount": "0.10000000", "asset": "BNB", "status": "CONFIRMED", "timestamp": 1566898617000,
 *    "txId": 5240372201, "type": "ROLL_IN", "transFrom": "SPOT", "transTo": "ISOLATED_MARGIN" }], "total": 1 }`.
 *
 * Binance answers one pair per request (`isolatedSymbol`), newest first, `startTime`/`endTime` at
 * most 30 days apart, paged by `current` (from 1) and `size` (≤ 100). The pairs asked are those
 * `GET /sapi/v1/margin/isolated/account` lists now (weight 10, IP) and every pair seen in an
 * earlier sync (`isolated-transfers:pairs`): a pair the user deleted since is no longer listed,
 * its transfers still happened. Each pair is its own forward walk in 30-day windows
 * (`isolated-transfers:<PAIR>:from`). The current documentation names no retention (it dropped
 * the old `archived` flag for records "from 6 months ago"); the first sync reads six months, the
 * same as the universal transfer history these movements are made through today.
 *
 * A transfer is two signed `transfer` activities: the isolated leg in `isolated-margin`
 * (`isolated-transfer:<txId>:<PAIR>`, +amount for `ROLL_IN`, −amount for `ROLL_OUT`) and the
 * other leg in the wallet it came from or went to (`isolated-transfer:<txId>:spot` from `SPOT`,
 * `:margin` from `CROSS_MARGIN`). A move between two isolated pairs is listed under both pairs,
 * each answer giving its own leg, so only the isolated leg is recorded from each. A counterpart
 * Binance does not allow (futures, funding) or names otherwise is left out: the isolated leg is
 * still recorded, so the isolated account's history stays whole.
 *
 * The universal transfer walk (binance-wallet-transfer-history.ts) does not ask the isolated
 * types (`MARGIN_ISOLATEDMARGIN`, `ISOLATEDMARGIN_MARGIN`, `ISOLATEDMARGIN_ISOLATEDMARGIN`), so
 * this history is the only one that records these movements: nothing is counted twice.
 */

const DAY_MS = 86_400_000;
const RETENTION_MS = 180 * DAY_MS;
const WINDOW_MS = 30 * DAY_MS;
const PAGE_SIZE = 100;
/** Transfers are read up to a minute ago, so a clock slightly ahead of Binance's cannot skip one. */
const SETTLE_MARGIN_MS = 60_000;
const PAIRS_CURSOR = 'isolated-transfers:pairs';

/** The wallets on the far side of an isolated transfer that this connector reads, by Binance's `transFrom`/`transTo` name. */
const COUNTERPART_ACCOUNTS: Record<string, { accountKey: string; suffix: string }> = {
  SPOT: { accountKey: BINANCE_ACCOUNTS.spot.key, suffix: 'spot' },
  CROSS_MARGIN: { accountKey: BINANCE_ACCOUNTS.margin.key, suffix: 'margin' },
};

export interface RawIsolatedTransfer {
  amount: string;
  asset: string;
  status: string;
  timestamp: number;
  txId: number | string;
  type: string;
  transFrom: string;
  transTo: string;
}

function isRawIsolatedTransfer(value: unknown): value is RawIsolatedTransfer {
  if (value === null || typeof value !== 'object') return false;
  const row = value as Record<string, unknown>;
  return (
    typeof row.amount === 'string' &&
    typeof row.asset === 'string' &&
    typeof row.status === 'string' &&
    typeof row.timestamp === 'number' &&
    (typeof row.txId === 'number' || typeof row.txId === 'string') &&
    (row.type === 'ROLL_IN' || row.type === 'ROLL_OUT') &&
    typeof row.transFrom === 'string' &&
    typeof row.transTo === 'string'
  );
}

/** The legs of one confirmed transfer into (`ROLL_IN`) or out of (`ROLL_OUT`) the isolated pair `pair`; nothing for a failed one. */
export function binanceIsolatedTransferActivities(pair: string, row: RawIsolatedTransfer): ActivityRecord[] {
  if (row.status !== 'CONFIRMED') return [];
  const amount = dec(row.amount).abs();
  const into = row.type === 'ROLL_IN';
  const leg = (accountKey: string, suffix: string, quantity: ReturnType<typeof dec>): ActivityRecord => ({
    accountKey,
    providerRef: `isolated-transfer:${row.txId}:${suffix}`,
    type: 'transfer',
    executedAt: new Date(row.timestamp).toISOString(),
    asset: row.asset,
    quantity: toDecimalString(quantity),
    quoteAsset: null,
    price: null,
    fee: null,
    feeAsset: null,
    raw: { ...row, isolatedSymbol: pair },
  });
  const legs = [leg(BINANCE_ACCOUNTS.isolated.key, pair, into ? amount : amount.neg())];
  const counterpart = COUNTERPART_ACCOUNTS[into ? row.transFrom : row.transTo];
  if (counterpart !== undefined) legs.push(leg(counterpart.accountKey, counterpart.suffix, into ? amount.neg() : amount));
  return legs;
}

/** Every transfer of one pair in [startTime, endTime], through `current`/`size` pages. */
async function transfersInWindow(session: CcxtSession, pair: string, startTime: number, endTime: number): Promise<RawIsolatedTransfer[]> {
  const rows: RawIsolatedTransfer[] = [];
  for (let current = 1; ; current += 1) {
    const body = (await session.call((exchange) =>
      callImplicitApi(exchange, 'sapiGetMarginTransfer', { isolatedSymbol: pair, startTime, endTime, current, size: PAGE_SIZE }),
    )) as { total?: unknown; rows?: unknown } | null;
    const page = body?.rows ?? [];
    if (body === null || typeof body !== 'object' || typeof body.total !== 'number' || !Array.isArray(page) || !page.every(isRawIsolatedTransfer)) {
      throw unreadable(`the ${pair} isolated margin transfer history`);
    }
    rows.push(...page);
    if (page.length < PAGE_SIZE || rows.length >= body.total) return rows;
  }
}

/** The pairs the isolated margin account lists now; none when it was never opened (-3003/-11001). */
export async function binanceIsolatedPairs(session: CcxtSession): Promise<string[]> {
  const read = await optionalWallet(session, 'isolated', 'sapiGetMarginIsolatedAccount');
  if (read.absent !== undefined) return [];
  const pairs = read.value !== null && typeof read.value === 'object' ? (read.value as { assets?: unknown }).assets : undefined;
  if (!Array.isArray(pairs)) throw unreadable('the isolated margin account');
  return pairs.map((pair) => {
    const symbol = pair !== null && typeof pair === 'object' ? (pair as { symbol?: unknown }).symbol : undefined;
    if (typeof symbol !== 'string' || symbol === '') throw unreadable('the isolated margin account');
    return symbol;
  });
}

export interface IsolatedTransferHistoryParameters {
  ctx: ConnectorContext;
  session: CcxtSession;
  /** The pairs `binanceIsolatedPairs` listed, when the caller already asked (saves the request). */
  listedPairs?: readonly string[];
}

/**
 * One request for the pair list (weight 10), then one per pair and 30-day window (weight 1 each,
 * of the 12 000 a minute of SAPI IP weight): a first sync asks 6 windows per pair, a later one 1.
 * The pair list is stored with the first page of a new pair, so a pair is never forgotten.
 */
export async function* binanceIsolatedTransferHistory({ ctx, session, listedPairs }: IsolatedTransferHistoryParameters): AsyncGenerator<ActivityPage> {
  const now = session.clock.now();
  const known = (ctx.cursors.get(PAIRS_CURSOR) ?? '').split(',').filter((p) => p !== '');
  const pairs = [...new Set([...known, ...(listedPairs ?? (await binanceIsolatedPairs(session)))])].sort();
  const pairsCursor = pairs.join(',');
  let pairsStored = pairsCursor === known.join(',');
  for (const pair of pairs) {
    for await (const page of timeWindowHistory<RawIsolatedTransfer>({
      cursorKey: `isolated-transfers:${pair}`,
      cursors: ctx.cursors,
      earliestMs: now - RETENTION_MS,
      floorMs: now - RETENTION_MS,
      endMs: now - SETTLE_MARGIN_MS,
      windowMs: WINDOW_MS,
      fetchWindow: (from, to) => transfersInWindow(session, pair, from, to),
      timestampOf: (row) => row.timestamp,
      isPending: (row) => row.status === 'PENDING',
      toActivity: (row) => binanceIsolatedTransferActivities(pair, row),
      signal: ctx.signal,
    })) {
      if (pairsStored) {
        yield page;
        continue;
      }
      pairsStored = true;
      yield { activities: page.activities, cursors: { ...page.cursors, [PAIRS_CURSOR]: pairsCursor } };
    }
  }
}
