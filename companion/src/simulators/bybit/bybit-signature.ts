import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Bybit v5 request signing (HMAC keys), re-derived on the simulator side: the signature is the
 * lower-case hex HMAC-SHA256, keyed with the API secret, of
 * `timestamp + apiKey + recvWindow + payload`, where `payload` is the query string exactly as
 * sent for GET and the raw JSON body for POST. The four values travel as `X-BAPI-TIMESTAMP`,
 * `X-BAPI-API-KEY`, `X-BAPI-RECV-WINDOW` and `X-BAPI-SIGN`.
 */
export function signBybitRequest(secret: string, timestamp: string, apiKey: string, recvWindow: string, payload: string): string {
  return createHmac('sha256', secret).update(`${timestamp}${apiKey}${recvWindow}${payload}`, 'utf8').digest('hex');
}

export function isValidBybitSignature(secret: string, signature: string, timestamp: string, apiKey: string, recvWindow: string, payload: string): boolean {
  if (!/^[0-9a-f]{64}$/i.test(signature)) return false;
  const expected = Buffer.from(signBybitRequest(secret, timestamp, apiKey, recvWindow, payload), 'hex');
  const given = Buffer.from(signature, 'hex');
  return given.length === expected.length && timingSafeEqual(expected, given);
}
