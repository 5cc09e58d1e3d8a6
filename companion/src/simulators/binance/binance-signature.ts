import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Binance's HMAC request signing, re-derived on the simulator side so that a client whose
 * signing drifts (wrong parameter order, re-encoded query, body ignored) fails here exactly
 * as it would in production.
 *
 * Binance signs `totalParams`: the query string exactly as sent, concatenated with the request
 * body, both without the `signature` parameter. The signature is hex and not case sensitive.
 */
export function signBinancePayload(secret: string, totalParams: string): string {
  return createHmac('sha256', secret).update(totalParams, 'utf8').digest('hex');
}

export interface SignedPayload {
  /** The query string and body as signed: byte for byte, `signature` removed. */
  totalParams: string;
  signature: string | undefined;
}

/** Splits a signed request into what was signed and the signature it carries. */
export function extractSignedPayload(rawQuery: string, body: string): SignedPayload {
  const query = splitSignature(rawQuery);
  const form = splitSignature(body);
  return { totalParams: query.rest + form.rest, signature: query.signature ?? form.signature };
}

export function isValidBinanceSignature(secret: string, payload: SignedPayload): boolean {
  if (payload.signature === undefined || !/^[0-9a-f]{64}$/i.test(payload.signature)) return false;
  const expected = Buffer.from(signBinancePayload(secret, payload.totalParams), 'hex');
  return timingSafeEqual(expected, Buffer.from(payload.signature.toLowerCase(), 'hex'));
}

function splitSignature(encoded: string): { rest: string; signature: string | undefined } {
  if (encoded === '') return { rest: '', signature: undefined };
  const parts = encoded.split('&');
  const signaturePart = parts.find((p) => p.startsWith('signature='));
  return {
    rest: parts.filter((p) => !p.startsWith('signature=')).join('&'),
    signature: signaturePart === undefined ? undefined : decodeURIComponent(signaturePart.slice('signature='.length)),
  };
}
