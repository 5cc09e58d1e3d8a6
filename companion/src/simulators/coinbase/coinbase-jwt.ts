import { createPrivateKey, createPublicKey, type KeyObject, randomBytes, sign, verify } from 'node:crypto';

/**
 * Coinbase Developer Platform (CDP) API key authentication, as the simulator checks it.
 *
 * Every private request carries `Authorization: Bearer <JWT>`, a JWT signed with the key's EC
 * P-256 private key (ES256, signature = raw r‖s, base64url), with
 * - header `{ alg: "ES256", kid: <key name>, nonce: <random hex>, typ: "JWT" }`;
 * - claims `{ sub: <key name>, iss: "coinbase-cloud", aud: ["retail_rest_api_proxy"], nbf, iat,
 *   exp: nbf + 120, uri: "GET api.coinbase.com/api/v3/brokerage/accounts" }`: the method, host and
 *   path of this one request, without the query string.
 * The key name looks like `organizations/{org_id}/apiKeys/{key_id}`. Coinbase keeps only the
 * public key; so does the simulator (`publicKeyOf`).
 */

export interface CoinbaseJwtClaims {
  sub: string;
  iss: string;
  aud: string[];
  nbf: number;
  iat: number;
  exp: number;
  uri: string;
}

export type JwtRejection = 'malformed' | 'unknown_key' | 'bad_signature' | 'expired' | 'not_yet_valid' | 'wrong_uri';

/** How far a token's `nbf` may lie in the server's future: Coinbase tolerates a little drift. */
const NOT_BEFORE_LEEWAY_S = 5;
const MAX_LIFETIME_S = 120;

export function publicKeyOf(privateKeyPem: string): KeyObject {
  return createPublicKey(createPrivateKey(privateKeyPem));
}

const b64url = (input: Buffer | string) => Buffer.from(input).toString('base64url');

/** Signs a token as Coinbase's own SDK does (node:crypto, independently of ccxt); for tests. */
export function signCoinbaseJwt(keyName: string, privateKeyPem: string, claims: Partial<CoinbaseJwtClaims> & { uri: string; nbf: number }): string {
  const header = { alg: 'ES256', kid: keyName, nonce: randomBytes(16).toString('hex'), typ: 'JWT' };
  const body: CoinbaseJwtClaims = {
    sub: keyName,
    iss: 'coinbase-cloud',
    aud: ['retail_rest_api_proxy'],
    iat: claims.nbf,
    exp: claims.nbf + MAX_LIFETIME_S,
    ...claims,
  };
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(body))}`;
  const signature = sign('sha256', Buffer.from(input), { key: createPrivateKey(privateKeyPem), dsaEncoding: 'ieee-p1363' });
  return `${input}.${b64url(signature)}`;
}

/**
 * Verifies a bearer token for one request. `expectedUris` are the `METHOD host/path` forms the
 * request may have been signed for; `nowSeconds` is the server's clock.
 */
export function verifyCoinbaseJwt(
  token: string,
  keys: (keyName: string) => KeyObject | undefined,
  expectedUris: readonly string[],
  nowSeconds: number,
): { keyName: string } | { rejection: JwtRejection } {
  const parts = token.split('.');
  if (parts.length !== 3) return { rejection: 'malformed' };
  const [headerPart = '', claimsPart = '', signaturePart = ''] = parts;
  let header: { alg?: unknown; kid?: unknown; nonce?: unknown };
  let claims: Partial<CoinbaseJwtClaims>;
  try {
    header = JSON.parse(Buffer.from(headerPart, 'base64url').toString('utf8')) as typeof header;
    claims = JSON.parse(Buffer.from(claimsPart, 'base64url').toString('utf8')) as Partial<CoinbaseJwtClaims>;
  } catch {
    return { rejection: 'malformed' };
  }
  if (header.alg !== 'ES256' || typeof header.kid !== 'string' || typeof header.nonce !== 'string' || header.nonce === '') return { rejection: 'malformed' };
  const publicKey = keys(header.kid);
  if (publicKey === undefined || claims.sub !== header.kid) return { rejection: 'unknown_key' };
  const signature = Buffer.from(signaturePart, 'base64url');
  const valid =
    signature.length === 64 && verify('sha256', Buffer.from(`${headerPart}.${claimsPart}`), { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature);
  if (!valid) return { rejection: 'bad_signature' };
  if (claims.iss !== 'coinbase-cloud' || !Array.isArray(claims.aud) || !claims.aud.includes('retail_rest_api_proxy')) return { rejection: 'malformed' };
  if (typeof claims.nbf !== 'number' || typeof claims.exp !== 'number') return { rejection: 'malformed' };
  if (claims.exp - claims.nbf > MAX_LIFETIME_S) return { rejection: 'malformed' };
  if (claims.nbf > nowSeconds + NOT_BEFORE_LEEWAY_S) return { rejection: 'not_yet_valid' };
  if (claims.exp <= nowSeconds) return { rejection: 'expired' };
  if (typeof claims.uri !== 'string' || !expectedUris.includes(claims.uri)) return { rejection: 'wrong_uri' };
  return { keyName: header.kid };
}
