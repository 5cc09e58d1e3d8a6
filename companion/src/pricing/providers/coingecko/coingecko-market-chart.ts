import type { DecimalString } from '@omnifolio/shared/money';
import { toDecimalString } from '@omnifolio/shared/money';
import { LosslessNumber } from 'lossless-json';
import { z } from 'zod';
import { UnreadableBodyError } from './coingecko-responses.js';

// ---------------------------------------------------------------------------------------
// GET /coins/bitcoin/market_chart/range?vs_currency=usd&from=1704067200&to=1706745600&interval=daily&precision=full
//   {"prices":[[1704067200000,42261.0436],[1704153600000,44167.3329], …],
//    "market_caps":[[1704067200000,827783902122.5], …],
//    "total_volumes":[[1704067200000,14893439203.1], …]}
// With `interval=daily` (what the client asks) the points are at 00:00 UTC. Without it the
// granularity is CoinGecko's choice: 5-minutely under a day, hourly up to 90 days, daily
// beyond. The last point of a range is often "now", not a day boundary.
// ---------------------------------------------------------------------------------------

/** One UTC day's closing price: the last point CoinGecko gave for that day. */
export interface DailyClose {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  price: DecimalString;
}

const marketChartBody = z.object({ prices: z.array(z.tuple([z.instanceof(LosslessNumber), z.instanceof(LosslessNumber).nullable()])) });

/**
 * Reduces CoinGecko's points to one close per UTC day, whatever the granularity: the last
 * point of a day. A daily point stamped 00:00 UTC is CoinGecko's price at the start of that
 * day, which is the previous day's close; it is booked to the previous day. Null prices (a
 * coin not yet trading) are skipped, never read as zero.
 */
export function readMarketChartDailyCloses(body: unknown): DailyClose[] {
  const parsed = marketChartBody.safeParse(body);
  if (!parsed.success) throw new UnreadableBodyError('market_chart/range: expected { prices: [[ms, price], …] }');
  const byDay = new Map<string, { ms: number; price: string }>();
  for (const [msNumber, priceNumber] of parsed.data.prices) {
    if (priceNumber === null) continue;
    const ms = Number(msNumber.value);
    if (!Number.isFinite(ms)) throw new UnreadableBodyError('market_chart/range: a timestamp is not a number');
    // A point at exactly 00:00 UTC closes the day before.
    const day = new Date(ms - (ms % 86_400_000 === 0 ? 1 : 0)).toISOString().slice(0, 10);
    const existing = byDay.get(day);
    if (!existing || existing.ms <= ms) byDay.set(day, { ms, price: toDecimalString(priceNumber.value) });
  }
  return [...byDay].sort(([a], [b]) => a.localeCompare(b)).map(([day, v]) => ({ day, price: v.price }));
}
