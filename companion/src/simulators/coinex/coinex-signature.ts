import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * CoinEx API v2 request signing, re-derived on the simulator side:
 *
 *   prepared_str  = METHOD + request_path (with `?query` exactly as sent) + body + X-COINEX-TIMESTAMP
 *   X-COINEX-SIGN = lower-case hex HMAC-SHA256(secret, prepared_str)
 *
 * That is the scheme CoinEx documents today. Its first v2 documentation used
 * SHA-256(prepared_str + secret) instead, which CoinEx still accepts and which ccxt still sends,
 * so the simulator accepts either form; any other string is a wrong signature.
 */
export function signCoinexRequest(secret: string, preparedString: string): string {
  return createHmac('sha256', secret).update(preparedString, 'latin1').digest('hex');
}

/** The older form, SHA-256 over the prepared string with the secret appended. */
export function legacyCoinexSignature(secret: string, preparedString: string): string {
  return createHash('sha256').update(`${preparedString}${secret}`, 'latin1').digest('hex');
}

export function preparedCoinexString(method: string, requestPath: string, body: string, timestamp: string): string {
  return `${method.toUpperCase()}${requestPath}${body}${timestamp}`;
}

export function isValidCoinexSignature(secret: string, signature: string, preparedString: string): boolean {
  const given = Buffer.from(signature, 'utf8');
  return [signCoinexRequest(secret, preparedString), legacyCoinexSignature(secret, preparedString)].some((candidate) => {
    const expected = Buffer.from(candidate, 'utf8');
    return given.length === expected.length && timingSafeEqual(expected, given);
  });
}
