import { Decimal, dec, toDecimalString } from '@omnifolio/shared/money';
import { wallClockOf } from '../../engine/local-day.js';
import type { SlidingWindowPacer } from '../sliding-window-pacer.js';
import type { ActivityPage, ConnectorContext } from '../types.js';
import { type FutuMarket, fillInstant, futuFillActivities } from './futu-activity.js';
import type { OpendSession } from './opend-client.js';
import { PROTO } from './opend-frame.js';
import { ORDER_FILL_STATUS_CANCELLED, type OrderFee, type OrderFill, TRD_SIDE, type TrdHeader } from './opend-wire.js';

const DAY_MS = 86_400_000;
/**
 * OpenD answers Trd_GetHistoryOrderFillList for at most 90 days per request, measured on the
 * market's wall clock: 89 days of real time leave room for a daylight-saving hour.
 */
export const FUTU_WINDOW_MS = 89 * DAY_MS;
/** How far back history is read at most. */
export const FUTU_HISTORY_DEPTH_MS = 10 * 365 * DAY_MS;
/**
 * The backfill stops early once every position held today is explained by the fills read (walked
 * back through them, each is zero) and this many windows further back had no fill: about a year
 * without a trade before the oldest holding was first bought.
 */
export const FUTU_EMPTY_WINDOWS_TO_STOP = 4;
/** Trd_GetOrderFee takes at most 400 orders per request. */
const FEE_ORDERS_PER_REQUEST = 400;
/**
 * Windows overlap their neighbours by a day: the request's times are read in the market's zone,
 * and a fill booked late still lands in a window read again. Fills are told apart by id, so the
 * overlap imports nothing twice.
 */
const OVERLAP_MS = DAY_MS;

/** What has been read of one account's fills in one market. */
interface FillCursor {
  /** Everything from `oldest` to `newest` has been read. */
  oldest: string;
  newest: string;
  /** True once the backfill is over: only new fills are read from then on. */
  complete: boolean;
  /**
   * Today's positions (when the backfill began) less the fills read since, per code: what older
   * fills must still explain. Zero everywhere means every holding's first purchase has been read.
   */
  unexplained: Record<string, string>;
  /** Windows read in a row, going back, without a fill. */
  emptyWindows: number;
  /** Fill ids within the overlap of each edge, so re-reading the overlap imports nothing twice. */
  nearNewest: string[];
  nearOldest: string[];
  /** Orders charged in the window at each edge: a good-till-cancelled order can fill in two windows. */
  chargedNewest: string[];
  chargedOldest: string[];
}

export interface FillHistoryWalk {
  ctx: ConnectorContext;
  session: OpendSession;
  header: TrdHeader;
  market: FutuMarket;
  pacer: SlidingWindowPacer;
  now: number;
  /** Today's signed quantity per code in this market (a short is negative): where a backfill starts. Asked only then. */
  positions: () => Promise<ReadonlyMap<string, string>>;
}

/**
 * One account's fills in one market, a page per window of 89 days. The first sync reads backwards
 * from today until the fills explain today's positions and a year before them is empty, or ten
 * years are read; later syncs read what is new since the last one (and finish a backfill that was
 * interrupted). Backwards suits the holdings timeline, which is worked back from today's balances:
 * each page stored makes the curve right further back. OpenD allows 10 history requests per 30
 * seconds per account, so a long first backfill waits for the pacer: minutes, page by page.
 */
export async function* futuFillHistory(walk: FillHistoryWalk): AsyncGenerator<ActivityPage> {
  const { ctx, header, market, now } = walk;
  const accountKey = String(header.accID);
  const key = `fills:${accountKey}:${market.name}`;
  const cursor: FillCursor = readCursor(ctx.cursors.get(key)) ?? {
    oldest: new Date(now).toISOString(),
    newest: new Date(now).toISOString(),
    complete: false,
    unexplained: Object.fromEntries(await walk.positions()),
    emptyWindows: 0,
    nearNewest: [],
    nearOldest: [],
    chargedNewest: [],
    chargedOldest: [],
  };
  const page = (activities: ActivityPage['activities']): ActivityPage => ({ activities, cursors: { [key]: JSON.stringify(cursor) } });

  // What is new since the last sync, oldest window first.
  let from = Date.parse(cursor.newest) - OVERLAP_MS;
  while (from + OVERLAP_MS < now) {
    const until = Math.min(from + FUTU_WINDOW_MS, now);
    const known = new Set(cursor.nearNewest);
    const read = await readFills(walk, from, until);
    const fills = read.filter((f) => !known.has(String(f.fillID)));
    const charged = new Set(cursor.chargedNewest);
    const activities = futuFillActivities(accountKey, market, fills, await readFees(walk, fills), charged);
    cursor.newest = new Date(until).toISOString();
    cursor.nearNewest = idsWhere(read, market, (at) => at >= until - OVERLAP_MS);
    cursor.chargedNewest = [...charged];
    yield page(activities);
    from = until - OVERLAP_MS;
  }

  // The backfill, newest window first.
  const depth = now - FUTU_HISTORY_DEPTH_MS;
  while (!cursor.complete) {
    const until = Date.parse(cursor.oldest) + OVERLAP_MS;
    const start = Math.max(until - FUTU_WINDOW_MS, depth);
    const known = new Set(cursor.nearOldest);
    const read = await readFills(walk, start, until);
    const fills = read.filter((f) => !known.has(String(f.fillID)));
    const charged = new Set(cursor.chargedOldest);
    const activities = futuFillActivities(accountKey, market, fills, await readFees(walk, fills), charged);
    const executed = fills.filter((f) => String(f.status ?? '0') !== ORDER_FILL_STATUS_CANCELLED);
    for (const fill of executed) {
      const buys = String(fill.trdSide) === TRD_SIDE.buy || String(fill.trdSide) === TRD_SIDE.buyBack;
      const before = dec(cursor.unexplained[fill.code] ?? '0');
      const after = buys ? before.minus(fill.qty) : before.plus(fill.qty);
      if (after.isZero()) delete cursor.unexplained[fill.code];
      else cursor.unexplained[fill.code] = toDecimalString(after);
    }
    cursor.emptyWindows = executed.length === 0 ? cursor.emptyWindows + 1 : 0;
    cursor.oldest = new Date(start).toISOString();
    const explained = Object.values(cursor.unexplained).every((q) => new Decimal(q).isZero());
    cursor.complete = start <= depth || (explained && cursor.emptyWindows >= FUTU_EMPTY_WINDOWS_TO_STOP);
    cursor.nearOldest = idsWhere(read, market, (at) => at <= start + OVERLAP_MS);
    cursor.chargedOldest = [...charged];
    yield page(activities);
  }
}

function readCursor(text: string | undefined): FillCursor | null {
  if (text === undefined) return null;
  const c = JSON.parse(text) as Partial<FillCursor>;
  if (typeof c.oldest !== 'string' || typeof c.newest !== 'string') return null;
  return {
    oldest: c.oldest,
    newest: c.newest,
    complete: c.complete === true,
    unexplained: c.unexplained ?? {},
    emptyWindows: c.emptyWindows ?? 0,
    nearNewest: c.nearNewest ?? [],
    nearOldest: c.nearOldest ?? [],
    chargedNewest: c.chargedNewest ?? [],
    chargedOldest: c.chargedOldest ?? [],
  };
}

/** The ids of the fills whose instant passes the test: those within the overlap of an edge. */
function idsWhere(fills: readonly OrderFill[], market: FutuMarket, test: (at: number) => boolean): string[] {
  return fills.filter((f) => test(Date.parse(fillInstant(f, market)))).map((f) => String(f.fillID));
}

async function readFills(walk: FillHistoryWalk, from: number, until: number): Promise<OrderFill[]> {
  const { ctx, session, header, market, pacer } = walk;
  await pacer.take(`${header.accID}:${PROTO.TrdGetHistoryOrderFillList}`, ctx.signal);
  ctx.meter.requests += 1;
  const { orderFillList = [] } = await session.request<{ orderFillList?: OrderFill[] }>(PROTO.TrdGetHistoryOrderFillList, {
    header,
    filterConditions: { beginTime: wallClockOf(from, market.timeZone), endTime: wallClockOf(until, market.timeZone) },
  });
  return orderFillList;
}

/** Each order's fees, for the orders of these fills, 400 orders per request. */
async function readFees(walk: FillHistoryWalk, fills: readonly OrderFill[]): Promise<Map<string, OrderFee>> {
  const { ctx, session, header, pacer } = walk;
  const orders = [...new Set(fills.flatMap((f) => (f.orderIDEx ? [f.orderIDEx] : [])))];
  const fees = new Map<string, OrderFee>();
  for (let i = 0; i < orders.length; i += FEE_ORDERS_PER_REQUEST) {
    await pacer.take(`${header.accID}:${PROTO.TrdGetOrderFee}`, ctx.signal);
    ctx.meter.requests += 1;
    const { orderFeeList = [] } = await session.request<{ orderFeeList?: OrderFee[] }>(PROTO.TrdGetOrderFee, {
      header,
      orderIdExList: orders.slice(i, i + FEE_ORDERS_PER_REQUEST),
    });
    for (const fee of orderFeeList) fees.set(fee.orderIDEx, fee);
  }
  return fees;
}
