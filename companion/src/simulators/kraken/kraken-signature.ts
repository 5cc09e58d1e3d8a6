import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Kraken spot REST signing, re-derived on the simulator side:
 * API-Sign = Base64(HMAC-SHA512(Base64Decode(secret), uriPath + SHA256(nonce + postData))),
 * where `uriPath` is the request path (`/0/private/Balance`), `postData` the url-encoded body
 * exactly as sent (it includes `nonce=…`), and SHA256 is the raw 32-byte digest.
 */
export function signKrakenRequest(secret: string, uriPath: string, nonce: string, postData: string): string {
  const digest = createHash('sha256').update(`${nonce}${postData}`, 'utf8').digest();
  return createHmac('sha512', Buffer.from(secret, 'base64'))
    .update(Buffer.concat([Buffer.from(uriPath, 'utf8'), digest]))
    .digest('base64');
}

export function isValidKrakenSignature(secret: string, signature: string, uriPath: string, nonce: string, postData: string): boolean {
  const expected = Buffer.from(signKrakenRequest(secret, uriPath, nonce, postData), 'base64');
  const given = Buffer.from(signature, 'base64');
  return given.length === expected.length && timingSafeEqual(expected, given);
}
