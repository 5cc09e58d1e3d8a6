import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * MEXC request signing, re-derived on the simulator side.
 *
 * Spot v3 (Binance-like): `signature` = hex HMAC-SHA256(secret, totalParams), where totalParams is
 * the query string exactly as sent up to `&signature=` followed by the request body; the key
 * travels in `X-MEXC-APIKEY`.
 *
 * Futures (contract API): the `Signature` header = hex HMAC-SHA256(secret, ApiKey + Request-Time +
 * paramString), where paramString is, for GET, the query parameters sorted by name and URL-encoded
 * (`a=1&b=2`), and for POST the raw JSON body.
 */
export function signMexc(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload, 'utf8').digest('hex');
}

export function isValidMexcSignature(secret: string, signature: string, payload: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(signature)) return false; // MEXC accepts lowercase hex only
  return timingSafeEqual(Buffer.from(signMexc(secret, payload), 'hex'), Buffer.from(signature, 'hex'));
}

/** The contract API's paramString for a GET: parameters sorted by name, URL-encoded. */
export function mexcContractParamString(query: URLSearchParams): string {
  return [...query.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
}
