import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * BloFin request signing, re-derived on the simulator side. BloFin's documented scheme differs
 * from OKX's in two ways that clients get wrong: the prehash is
 * `requestPath + METHOD + timestamp + nonce + body` (path first, with the query string for GET),
 * and the signature is the Base64 of the lower-case HEX digest of HMAC-SHA256 (the hex string's
 * bytes, "not hex2bytes, but string2bytes"), not of the raw digest.
 */
export function signBlofinRequest(secret: string, requestPath: string, method: string, timestamp: string, nonce: string, body: string): string {
  const hex = createHmac('sha256', secret).update(`${requestPath}${method.toUpperCase()}${timestamp}${nonce}${body}`, 'utf8').digest('hex');
  return Buffer.from(hex, 'utf8').toString('base64');
}

export function isValidBlofinSignature(
  secret: string,
  signature: string,
  requestPath: string,
  method: string,
  timestamp: string,
  nonce: string,
  body: string,
): boolean {
  const expected = Buffer.from(signBlofinRequest(secret, requestPath, method, timestamp, nonce, body), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  return given.length === expected.length && timingSafeEqual(expected, given);
}
