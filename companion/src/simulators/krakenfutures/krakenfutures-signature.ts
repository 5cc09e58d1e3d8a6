import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Kraken Futures request signing, re-derived on the simulator side
 * (https://docs.kraken.com/api/docs/guides/futures-rest, "Authent"):
 *
 * 1. concatenate `postData + Nonce + endpointPath`, where postData is the url-encoded query
 *    string exactly as sent (since February 2024 the encoded form is hashed, not the decoded
 *    one), Nonce the optional `Nonce` header ("" when absent) and endpointPath the path without
 *    the `/derivatives` prefix (`/api/v3/accounts`, `/api/history/v3/account-log`);
 * 2. SHA-256 of that;
 * 3. Base64-decode the API secret;
 * 4. HMAC-SHA-512 of step 2 keyed with step 3;
 * 5. Base64 of step 4.
 *
 * Clients get two details wrong: hashing the secret as text instead of its Base64-decoded bytes,
 * and keeping `/derivatives` in the path.
 */
export function signKrakenFuturesRequest(secretBase64: string, postData: string, nonce: string, endpointPath: string): string {
  const digest = createHash('sha256').update(`${postData}${nonce}${endpointPath}`, 'utf8').digest();
  return createHmac('sha512', Buffer.from(secretBase64, 'base64')).update(digest).digest('base64');
}

export function isValidKrakenFuturesSignature(secretBase64: string, authent: string, postData: string, nonce: string, endpointPath: string): boolean {
  const expected = Buffer.from(signKrakenFuturesRequest(secretBase64, postData, nonce, endpointPath), 'utf8');
  const given = Buffer.from(authent, 'utf8');
  return given.length === expected.length && timingSafeEqual(expected, given);
}

/** The endpointPath Kraken signs: the request path without the `/derivatives` prefix of the trading API. */
export function krakenFuturesEndpointPath(requestPath: string): string {
  return requestPath.startsWith('/derivatives/') ? requestPath.slice('/derivatives'.length) : requestPath;
}
