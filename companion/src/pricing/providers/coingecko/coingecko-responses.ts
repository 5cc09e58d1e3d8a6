import { type DecimalString, toDecimalString } from '@omnifolio/shared/money';
import { LosslessNumber, parse } from 'lossless-json';
import { z } from 'zod';

/**
 * Reads CoinGecko's JSON without letting a price pass through a JS number.
 *
 * CoinGecko writes prices as JSON number literals; `JSON.parse` would turn
 * `0.000012345678901234567` into the nearest double and lose digits. lossless-json keeps
 * every number as a `LosslessNumber` holding the literal text, which becomes a canonical
 * decimal string (`"1.2345e-5"` → `"0.000012345"`) through `shared/money`, exactly.
 */

export class UnreadableBodyError extends Error {
  override name = 'UnreadableBodyError';
}

/** Parses JSON text keeping every number as its literal digits. Throws UnreadableBodyError. */
export function parseLosslessJson(text: string): unknown {
  try {
    return parse(text);
  } catch (error) {
    throw new UnreadableBodyError(`not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const jsonNumber = z.instanceof(LosslessNumber);

// ---------------------------------------------------------------------------------------
// GET /simple/price?ids=bitcoin,tether&vs_currencies=usd,chf&precision=full&include_last_updated_at=true
//   {"bitcoin":{"usd":67187.3358,"chf":60381.2587,"last_updated_at":1717416000},
//    "tether":{"usd":1.0003519427061634,"chf":0.899016290910029,"last_updated_at":1717416000}}
// Unknown ids are simply absent. A vs currency CoinGecko has no price for is absent from
// the coin's object (and is sometimes null): both mean unpriced, never zero.
// ---------------------------------------------------------------------------------------

const simplePriceBody = z.record(z.string(), z.record(z.string(), z.unknown()));

export interface SimplePriceQuote {
  /** Price per vs currency (lowercase code, as CoinGecko writes it), decimal strings. */
  prices: Record<string, DecimalString>;
  /** When CoinGecko last updated this coin's price, ISO 8601 UTC; undefined if it did not say. */
  lastUpdatedAt: string | undefined;
}

export function readSimplePrice(body: unknown, requestedIds: readonly string[], vsCurrencies: readonly string[]): Map<string, SimplePriceQuote> {
  const parsed = simplePriceBody.safeParse(body);
  if (!parsed.success) throw new UnreadableBodyError('simple/price: expected an object of objects keyed by coin id');
  const out = new Map<string, SimplePriceQuote>();
  for (const id of requestedIds) {
    const entry = parsed.data[id];
    if (entry === undefined) continue;
    const prices: Record<string, DecimalString> = {};
    for (const vs of vsCurrencies) {
      const value = entry[vs];
      if (value === undefined || value === null) continue;
      const number = jsonNumber.safeParse(value);
      if (!number.success) throw new UnreadableBodyError(`simple/price: ${id}.${vs} is not a number`);
      prices[vs] = toDecimalString(number.data.value);
    }
    out.set(id, { prices, lastUpdatedAt: readUnixSeconds(entry.last_updated_at) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// GET /exchange_rates
//   {"rates":{"btc":{"name":"Bitcoin","unit":"BTC","value":1,"type":"crypto"},
//             "usd":{"name":"US Dollar","unit":"$","value":67187.3358,"type":"fiat"},
//             "xau":{"name":"Gold - Troy Ounce","unit":"XAU","value":28.6,"type":"commodity"}, …}}
// `value` is how many units of the currency one BTC buys.
// ---------------------------------------------------------------------------------------

/** CoinGecko's kinds today; kept open so a new kind does not break every rate. */
export type ExchangeRateType = 'crypto' | 'fiat' | 'commodity' | (string & {});

export interface ExchangeRate {
  name: string;
  unit: string;
  /** Units of this currency per 1 BTC, a decimal string. */
  value: DecimalString;
  type: ExchangeRateType;
}

const exchangeRatesBody = z.object({
  rates: z.record(z.string(), z.object({ name: z.string(), unit: z.string(), value: jsonNumber, type: z.string() })),
});

export function readExchangeRates(body: unknown): Record<string, ExchangeRate> {
  const parsed = exchangeRatesBody.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UnreadableBodyError(`exchange_rates: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'unexpected shape'}`);
  }
  const out: Record<string, ExchangeRate> = {};
  for (const [code, rate] of Object.entries(parsed.data.rates)) {
    out[code] = { name: rate.name, unit: rate.unit, value: toDecimalString(rate.value.value), type: rate.type };
  }
  return out;
}

function readUnixSeconds(value: unknown): string | undefined {
  if (!(value instanceof LosslessNumber)) return undefined;
  const seconds = Number(value.value);
  if (!Number.isSafeInteger(seconds) || seconds <= 0) return undefined;
  return new Date(seconds * 1000).toISOString();
}
