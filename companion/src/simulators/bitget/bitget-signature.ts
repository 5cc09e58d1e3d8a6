import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Bitget request signing (HMAC keys), re-derived on the simulator side: `ACCESS-SIGN` =
 * Base64(HMAC-SHA256(secret, timestamp + METHOD + requestPath + ('?' + queryString when there is
 * one) + body)), where `timestamp` is the `ACCESS-TIMESTAMP` header (ms since the epoch), the query
 * string is the one sent and `body` the raw JSON body ('' for GET). The passphrase travels as
 * is in `ACCESS-PASSPHRASE`.
 */
export function signBitgetRequest(secret: string, timestamp: string, method: string, requestPath: string, queryString: string, body: string): string {
  const query = queryString === '' ? '' : `?${queryString}`;
  return createHmac('sha256', secret).update(`${timestamp}${method.toUpperCase()}${requestPath}${query}${body}`, 'utf8').digest('base64');
}

export function isValidBitgetSignature(
  secret: string,
  signature: string,
  timestamp: string,
  method: string,
  requestPath: string,
  queryString: string,
  body: string,
): boolean {
  const expected = Buffer.from(signBitgetRequest(secret, timestamp, method, requestPath, queryString, body), 'base64');
  const given = Buffer.from(signature, 'base64');
  return given.length === expected.length && timingSafeEqual(expected, given);
}
