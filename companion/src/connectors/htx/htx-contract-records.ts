import { windowedHistory } from '../ccxt/windowed-history.js';
import type { ActivityPage, CursorStore } from '../types.js';
import { htxAccountChangeActivities } from './htx-futures-bills.js';
import { htxAmount, htxString } from './htx-raw.js';

/**
 * The coin-margined accounts' financial records: every signed change of the account, with the
 * USDT-M bills' `type` codes (htx-futures-bills.ts maps both the same way).
 *
 * - Swaps, `POST /swap-api/v3/swap_financial_record` `{ contract: "BTC-USD", start_time, end_time, direct, from_id }`
 *   (one contract a request);
 * - delivery futures, `POST /api/v3/contract_financial_record` `{ symbol: "BTC", … }` (one coin a request).
 *
 * `{ "code": 200, "msg": "", "data": [{ "query_id": 138798248, "id": 117840, "ts": 1638758435635, "symbol": "BTC",
 *    "contract_code": "BTC-USD", "type": 5, "amount": -0.000045454545454545 }], "ts": … }`: `amount`
 * is a bare JSON number with up to 18 decimals, so the caller re-reads the answer losslessly
 * (htx-lossless-body.ts) and every field arrives here as its digits.
 *
 * HTX answers at most 48 hours a request, within the last 90 days
 * (https://www.htx.com/en-us/opend/newApiPages/?id=5d5190ae-77b6-11ed-9966-0242ac110003). With
 * `direct=next` the rows come oldest first and the next page starts at `from_id` = the largest
 * `query_id` of the last page; HTX does not say whether that row comes again or how many rows a
 * page holds, so rows at or below `from_id` are dropped and a window is read until a page brings
 * nothing new. The walk is ../ccxt/windowed-history.ts, one cursor per contract (swaps) or coin
 * (delivery): `<cursorKey>` = `start|end|from_id`.
 */
export const HTX_RECORD_WINDOW_MS = 48 * 3_600_000;
export const HTX_RECORD_HORIZON_MS = 90 * 86_400_000;
/** Our clock and HTX's may differ a little: never ask for a start HTX considers too old. */
const HORIZON_MARGIN_MS = 10 * 60_000;

export function htxContractRecordHistory(p: {
  /** `records:coin-m:BTC-USD`, `records:coin-m-delivery:BTC`. */
  cursorKey: string;
  cursors: CursorStore;
  now: number;
  /** The coin-margined account (`coin-m`, `coin-m-delivery`) and spot, the other side of types 14 and 15. */
  futuresKey: string;
  spotKey: string;
  /** providerRef prefix; ids of the swap and the delivery records are separate sequences. */
  refPrefix: string;
  what: string;
  /** How far back the first sync reads; HTX's 90 days by default. */
  backfillMs?: number;
  signal: AbortSignal;
  fetchPage(params: { start_time: number; end_time: number; direct: 'next'; from_id?: number | string }): Promise<Record<string, unknown>[]>;
}): AsyncGenerator<ActivityPage> {
  const horizonMs = Math.min(p.backfillMs ?? HTX_RECORD_HORIZON_MS, HTX_RECORD_HORIZON_MS) - HORIZON_MARGIN_MS;
  // A contract not synced for longer than HTX keeps records resumes at the oldest HTX still serves.
  const cursors: CursorStore = {
    get: (key) => {
      const value = p.cursors.get(key);
      if (key !== p.cursorKey || value === undefined) return value;
      return Number(value.split('|')[0]) < p.now - horizonMs ? undefined : value;
    },
  };
  const queryIdOf = (row: Record<string, unknown>) => BigInt(htxString(row, 'query_id', p.what));
  return windowedHistory<Record<string, unknown>>({
    cursorKey: p.cursorKey,
    cursors,
    now: p.now,
    windowMs: HTX_RECORD_WINDOW_MS,
    horizonMs,
    settleMs: 60_000,
    signal: p.signal,
    fetchPage: async (startAt, endAt, page) => {
      const from = page === undefined ? undefined : BigInt(page);
      const fromId = from === undefined ? undefined : Number.isSafeInteger(Number(from)) ? Number(from) : String(from);
      const rows = await p.fetchPage({ start_time: startAt, end_time: endAt, direct: 'next', ...(fromId === undefined ? {} : { from_id: fromId }) });
      const fresh = from === undefined ? rows : rows.filter((row) => queryIdOf(row) > from);
      const highest = fresh.reduce<bigint | undefined>((max, row) => (max === undefined || queryIdOf(row) > max ? queryIdOf(row) : max), undefined);
      return { items: fresh, next: highest === undefined ? undefined : highest.toString() };
    },
    refOf: (row) => `${p.refPrefix}:${htxString(row, 'id', p.what)}`,
    timeOf: (row) => Number(htxString(row, 'ts', p.what)),
    isPending: () => false,
    toActivity: (row) =>
      htxAccountChangeActivities(
        {
          id: htxString(row, 'id', p.what),
          type: htxString(row, 'type', p.what),
          currency: htxString(row, 'symbol', p.what),
          amount: htxAmount(row, 'amount', p.what),
          time: Number(htxString(row, 'ts', p.what)),
          raw: row,
        },
        { futuresKey: p.futuresKey, spotKey: p.spotKey, refPrefix: p.refPrefix },
      ),
  });
}
