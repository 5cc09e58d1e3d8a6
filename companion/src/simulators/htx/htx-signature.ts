import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * HTX signature version 2, re-derived on the simulator side as HTX documents it:
 *
 *   payload   = METHOD + "\n" + host (lower case) + "\n" + path + "\n" + sorted query
 *   Signature = Base64(HMAC-SHA256(secret, payload))
 *
 * The query holds `AccessKeyId`, `SignatureMethod=HmacSHA256`, `SignatureVersion=2`,
 * `Timestamp=YYYY-MM-DDThh:mm:ss` (UTC) and, for GET, the request's own parameters, each
 * URL-encoded and sorted by name in ASCII order (upper case before lower case); `Signature`
 * itself is appended afterwards and is not part of the payload. POST bodies are not signed.
 */
export function htxPayload(method: string, host: string, path: string, encodedPairs: readonly string[]): string {
  const sorted = [...encodedPairs].sort((a, b) => {
    const [ka, kb] = [decodeURIComponent(a.split('=')[0] ?? ''), decodeURIComponent(b.split('=')[0] ?? '')];
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  return `${method.toUpperCase()}\n${host.toLowerCase()}\n${path}\n${sorted.join('&')}`;
}

export function signHtxPayload(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload, 'utf8').digest('base64');
}

/** Encodes a parameter the way HTX expects in the payload (RFC 3986, upper-case hex). */
export function htxEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Signs a request for tests, independently of ccxt: returns the full query string including `Signature`. */
export function signedHtxQuery(options: {
  method?: string;
  secret: string;
  accessKeyId: string;
  host: string;
  path: string;
  timestamp: string;
  params?: Record<string, string>;
}): string {
  const pairs = Object.entries({
    AccessKeyId: options.accessKeyId,
    SignatureMethod: 'HmacSHA256',
    SignatureVersion: '2',
    Timestamp: options.timestamp,
    ...options.params,
  }).map(([k, v]) => `${htxEncode(k)}=${htxEncode(v)}`);
  const signature = signHtxPayload(options.secret, htxPayload(options.method ?? 'GET', options.host, options.path, pairs));
  return `${pairs.join('&')}&Signature=${htxEncode(signature)}`;
}

export function isValidHtxSignature(secret: string, signature: string, payload: string): boolean {
  const expected = Buffer.from(signHtxPayload(secret, payload), 'base64');
  const given = Buffer.from(signature, 'base64');
  return given.length === expected.length && timingSafeEqual(expected, given);
}

/** HTX's timestamp format: `2017-05-11T15:19:30`, UTC, no milliseconds, no zone. */
export function htxTimestamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}
