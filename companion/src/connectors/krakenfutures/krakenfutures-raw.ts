import { UnavailableError } from '@omnifolio/shared/errors';
import type { Exchange } from 'ccxt';
import { parse } from 'lossless-json';
import type { CcxtSession } from '../ccxt/ccxt-session.js';
import { callImplicitApi } from '../ccxt/implicit-api.js';

/** Kraken Futures answered, but not with the shape we read. Not retried forever: the runner backs off. */
export function krakenFuturesUnreadable(what: string): UnavailableError {
  return new UnavailableError(`Kraken Futures answered something Omnifolio could not read (${what}); it will try again later.`, {
    hints: ['If this keeps happening, Kraken Futures may have changed its API; the companion log has the details.'],
  });
}

export type RawRecord = Record<string, unknown>;

export const isRecord = (value: unknown): value is RawRecord => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Calls one of ccxt's implicit Kraken Futures endpoints (ccxt signs it) and reads the answer again
 * from the text ccxt received, every JSON number kept as its digits.
 *
 * Kraken Futures writes every amount as a bare JSON number (`"quantity": 0.1185308247`,
 * `"new_balance": 15127.2246`); ccxt's `JSON.parse` would turn them into doubles, which lose digits
 * beyond the 17th and print some values differently. ccxt keeps the raw text of the last answer
 * (`last_http_response`); lossless-json gives back exactly what Kraken sent, numbers as decimal
 * strings. Read right after the request, in the same session: the next request replaces the text.
 */
export async function krakenFuturesGet(session: CcxtSession, method: string, what: string, params: object = {}): Promise<RawRecord> {
  await session.call((exchange) => callImplicitApi(exchange, method, params));
  return krakenFuturesLastBody(session.exchange, what);
}

/** The last answer `exchange` received, parsed again with every JSON number kept as its digits. */
export function krakenFuturesLastBody(exchange: Exchange, what: string): RawRecord {
  const text = (exchange as unknown as { last_http_response?: unknown }).last_http_response;
  if (typeof text !== 'string') throw krakenFuturesUnreadable(what);
  let body: unknown;
  try {
    body = parse(text, null, (digits: string) => digits);
  } catch {
    throw krakenFuturesUnreadable(what);
  }
  if (!isRecord(body)) throw krakenFuturesUnreadable(what);
  return body;
}

/** A number Kraken sent (a decimal string after the lossless read), or undefined for null/absent. */
export function decimalOf(value: unknown): string | undefined {
  if (typeof value === 'string' && /^-?\d+(\.\d+)?([Ee][-+]?\d+)?$/.test(value)) return value;
  return undefined;
}

/**
 * Kraken Futures writes currencies in lower case in the cash and margin accounts (`xbt`, `usd`)
 * and upper case in the multi-collateral one (`XBT`); bitcoin is `XBT` everywhere, which the rest
 * of the world (and CoinGecko) calls BTC.
 */
export function krakenFuturesAsset(code: string): string {
  const upper = code.toUpperCase();
  return upper === 'XBT' ? 'BTC' : upper;
}
