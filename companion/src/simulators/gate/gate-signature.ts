import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Gate API v4 request signing, re-derived on the simulator side: SIGN is the hex
 * HMAC-SHA512(secret, METHOD + "\n" + /api/v4/path + "\n" + query + "\n" + hex(SHA512(body)) + "\n" + Timestamp),
 * where `query` is the query string without URL decoding applied twice (Gate: "the raw query
 * string, not URL-encoded"), `body` is the raw request body ('' for GET) and Timestamp is the
 * `Timestamp` header in whole seconds.
 */
export function signGateRequest(secret: string, method: string, path: string, query: string, body: string, timestamp: string): string {
  const bodyHash = createHash('sha512').update(body, 'utf8').digest('hex');
  return createHmac('sha512', secret).update([method.toUpperCase(), path, query, bodyHash, timestamp].join('\n'), 'utf8').digest('hex');
}

export function isValidGateSignature(secret: string, signature: string, method: string, path: string, query: string, body: string, timestamp: string): boolean {
  const expected = Buffer.from(signGateRequest(secret, method, path, query, body, timestamp), 'hex');
  const given = Buffer.from(/^[0-9a-f]+$/i.test(signature) ? signature : '', 'hex');
  return given.length === expected.length && timingSafeEqual(expected, given);
}
