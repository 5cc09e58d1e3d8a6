import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * KuCoin request signing (API key version 2), re-derived on the simulator side:
 * - `KC-API-SIGN` = Base64(HMAC-SHA256(secret, timestamp + METHOD + endpoint + body)), where
 *   `timestamp` is the `KC-API-TIMESTAMP` header (ms since the epoch), `endpoint` is the path with
 *   the query string exactly as sent, and `body` the raw JSON body ('' for GET);
 * - `KC-API-PASSPHRASE` = Base64(HMAC-SHA256(secret, passphrase)) for version 2 keys (version 1
 *   keys sent the passphrase itself, which KuCoin no longer issues).
 */
export function signKucoinRequest(secret: string, timestamp: string, method: string, endpoint: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}${method.toUpperCase()}${endpoint}${body}`, 'utf8').digest('base64');
}

export function signKucoinPassphrase(secret: string, passphrase: string): string {
  return createHmac('sha256', secret).update(passphrase, 'utf8').digest('base64');
}

export function sameBase64(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'base64');
  const b = Buffer.from(given, 'base64');
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}
