import { Decimal, type DecimalString, toDecimalString } from '@omnifolio/shared/money';
import { LosslessNumber } from 'lossless-json';
import { z } from 'zod';

// ---------------------------------------------------------------------------------------
// GET /v8/finance/chart/NESN.SW?period1=1730419200&period2=1732492800&interval=1d&events=div,split
//   {"chart":{"result":[{"meta":{"currency":"CHF","symbol":"NESN.SW","exchangeName":"EBS",
//      "fullExchangeName":"SIX Swiss Exchange","instrumentType":"EQUITY","gmtoffset":3600,
//      "timezone":"CET","exchangeTimezoneName":"Europe/Zurich","regularMarketPrice":76.54,
//      "regularMarketTime":1732290000,"chartPreviousClose":76.2,"priceHint":2,
//      "dataGranularity":"1d","range":"", …},
//    "timestamp":[1730707200,1730793600, …],
//    "indicators":{"quote":[{"open":[…],"high":[…],"low":[…],"close":[76.16000366210938,null, …],
//      "volume":[…]}],"adjclose":[{"adjclose":[…]}]}}],"error":null}}
// A timestamp is the session's open, so its day is read in the exchange's time zone. Yahoo
// stores prices as 32-bit floats (76.16000366210938 for 76.16); `priceHint` is the number
// of decimals the listing really trades in. A day can have a null close (no trade).
// Error (HTTP 404): {"chart":{"result":null,"error":{"code":"Not Found",
//   "description":"No data found, symbol may be delisted"}}}
// ---------------------------------------------------------------------------------------

/** One trading day's close in the listing's currency. */
export interface YahooDailyClose {
  /** The trading day in the exchange's time zone, YYYY-MM-DD. */
  day: string;
  price: DecimalString;
}

export interface YahooChart {
  /** Yahoo's symbol, e.g. `NESN.SW`. */
  symbol: string;
  /** ISO 4217 of the prices below, after minor units (GBp, ZAc, ILA) are turned into major ones. */
  currency: string;
  exchangeName: string | null;
  /** IANA zone of the exchange, e.g. `Europe/Zurich`. */
  exchangeTimezone: string;
  /** The last traded price, in `currency`; null when Yahoo has none. */
  price: DecimalString | null;
  /** When `price` traded, ISO; null when unknown. */
  priceTime: string | null;
  closes: YahooDailyClose[];
}

/** Thrown for a 200 whose body is not the chart we expect; the client turns it into UnavailableError. */
export class UnreadableChartError extends Error {}

/**
 * Listings quoted in a minor unit: London in pence (GBp), Johannesburg in cents (ZAc), Tel
 * Aviv in agorot (ILA). Holdings are in the major unit, so prices are divided by 100.
 */
const MINOR_UNITS: Record<string, { currency: string; divisor: number }> = {
  GBp: { currency: 'GBP', divisor: 100 },
  GBX: { currency: 'GBP', divisor: 100 },
  ZAc: { currency: 'ZAR', divisor: 100 },
  ILA: { currency: 'ILS', divisor: 100 },
};

const num = z.instanceof(LosslessNumber);
const chartBody = z.object({
  chart: z.object({
    result: z
      .array(
        z.object({
          meta: z.object({
            currency: z.string().nullable().optional(),
            symbol: z.string(),
            exchangeName: z.string().optional(),
            exchangeTimezoneName: z.string(),
            regularMarketPrice: num.nullable().optional(),
            regularMarketTime: num.nullable().optional(),
            priceHint: num.optional(),
          }),
          timestamp: z.array(num).optional(),
          indicators: z.object({ quote: z.array(z.object({ close: z.array(num.nullable()).optional() })) }),
        }),
      )
      .nullable(),
    error: z.object({ code: z.string(), description: z.string() }).nullable(),
  }),
});

/** Yahoo's own error inside a chart body (also sent with 404 and 400), or undefined. */
export function readChartError(body: unknown): { code: string; description: string } | undefined {
  const parsed = z.object({ chart: z.object({ error: z.object({ code: z.string(), description: z.string() }) }) }).safeParse(body);
  return parsed.success ? parsed.data.chart.error : undefined;
}

/**
 * Reads a chart body into exact decimal prices: each number's JSON text (lossless-json),
 * rounded to the listing's `priceHint` decimals to undo the float32 storage, then moved to
 * the major currency unit. Returns null when Yahoo says the symbol has no data.
 */
export function readChart(body: unknown): YahooChart | null {
  const parsed = chartBody.safeParse(body);
  if (!parsed.success) throw new UnreadableChartError('chart: expected { chart: { result: [{ meta, timestamp, indicators }] } }');
  const result = parsed.data.chart.result?.[0];
  if (!result) return null;
  const { meta } = result;
  if (!meta.currency) throw new UnreadableChartError(`chart: ${meta.symbol} has no currency`);
  const minor = MINOR_UNITS[meta.currency];
  const currency = minor?.currency ?? meta.currency.toUpperCase();
  const decimals = meta.priceHint === undefined ? undefined : Number(meta.priceHint.value);
  const exact = (n: LosslessNumber): DecimalString => {
    let d = new Decimal(n.value);
    if (decimals !== undefined && Number.isInteger(decimals) && decimals >= 0 && decimals <= 12) d = d.toDecimalPlaces(decimals, Decimal.ROUND_HALF_EVEN);
    if (minor) d = d.div(minor.divisor);
    return toDecimalString(d);
  };

  const dayOf = new Intl.DateTimeFormat('en-CA', { timeZone: meta.exchangeTimezoneName, year: 'numeric', month: '2-digit', day: '2-digit' });
  const timestamps = result.timestamp ?? [];
  const closeValues = result.indicators.quote[0]?.close ?? [];
  const byDay = new Map<string, DecimalString>();
  timestamps.forEach((t, i) => {
    const close = closeValues[i];
    if (close === null || close === undefined) return;
    const seconds = Number(t.value);
    if (!Number.isFinite(seconds)) throw new UnreadableChartError('chart: a timestamp is not a number');
    // The last bar of a day wins: Yahoo appends today's live bar after the daily ones.
    byDay.set(dayOf.format(new Date(seconds * 1000)), exact(close));
  });

  const priceTimeS = meta.regularMarketTime ? Number(meta.regularMarketTime.value) : Number.NaN;
  return {
    symbol: meta.symbol,
    currency,
    exchangeName: meta.exchangeName ?? null,
    exchangeTimezone: meta.exchangeTimezoneName,
    price: meta.regularMarketPrice ? exact(meta.regularMarketPrice) : null,
    priceTime: Number.isFinite(priceTimeS) ? new Date(priceTimeS * 1000).toISOString() : null,
    closes: [...byDay].sort(([a], [b]) => a.localeCompare(b)).map(([day, price]) => ({ day, price })),
  };
}
