import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * OKX v5 request signing, re-derived on the simulator side: the signature is
 * Base64(HMAC-SHA256(secret, timestamp + METHOD + requestPath + body)), where `timestamp` is the
 * `OK-ACCESS-TIMESTAMP` header (ISO 8601 with milliseconds), `requestPath` includes the query
 * string exactly as sent, and `body` is the raw request body ('' for GET).
 */
export function signOkxRequest(secret: string, timestamp: string, method: string, requestPath: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}${method.toUpperCase()}${requestPath}${body}`, 'utf8').digest('base64');
}

export function isValidOkxSignature(secret: string, signature: string, timestamp: string, method: string, requestPath: string, body: string): boolean {
  const expected = Buffer.from(signOkxRequest(secret, timestamp, method, requestPath, body), 'base64');
  const given = Buffer.from(signature, 'base64');
  return given.length === expected.length && timingSafeEqual(expected, given);
}
