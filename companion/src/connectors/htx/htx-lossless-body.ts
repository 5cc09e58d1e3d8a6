import { parse } from 'lossless-json';
import type { CcxtSession } from '../ccxt/ccxt-session.js';
import { htxUnreadable } from './htx-raw.js';

/**
 * The last answer ccxt received, parsed again with every JSON number kept as its digits.
 *
 * HTX's v1 contract API (coin-margined swaps) writes amounts as bare JSON numbers with up to 18
 * decimals (`"margin_balance": 0.152340118834755271`); ccxt's `JSON.parse` would round them to a
 * double. ccxt keeps the raw text it received (`last_http_response`), so reading that with
 * lossless-json gives back exactly what HTX sent. Call it right after the request, in the same
 * session: the next request replaces the text.
 */
export function htxLosslessLastBody(session: CcxtSession, what: string): unknown {
  const text = (session.exchange as unknown as { last_http_response?: unknown }).last_http_response;
  if (typeof text !== 'string') throw htxUnreadable(what);
  try {
    return parse(text, null, (digits: string) => digits);
  } catch {
    throw htxUnreadable(what);
  }
}
