import { createPrivateKey } from 'node:crypto';
import { AuthError } from '@omnifolio/shared/errors';

/**
 * A Coinbase Developer Platform key as people paste it, made into what ccxt signs with.
 *
 * The CDP portal hands out a key name, `organizations/{org_id}/apiKeys/{key_id}`, and an EC
 * P-256 private key in PEM (`-----BEGIN EC PRIVATE KEY-----` … `-----END EC PRIVATE KEY-----`).
 * ccxt wants the key name as `apiKey` and the PEM as `secret`, and reads only the SEC1 form. What
 * goes wrong when pasting, and is repaired or explained here:
 * - the PEM copied out of the downloaded JSON file keeps its `\n` escapes on one line: unescaped;
 * - a single-line form field drops the line breaks (or makes them spaces): the PEM is rebuilt;
 * - a PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`, what `openssl pkcs8` or some tools write):
 *   converted to SEC1, same key;
 * - an Ed25519 key (CDP's newer default, 88 base64 characters): not supported, the key must be
 *   created with the ECDSA algorithm;
 * - key name and private key swapped, or only the key id pasted: said so.
 */
export interface CoinbaseCredentials {
  apiKey: string;
  secret: string;
}

/**
 * The PEM rebuilt from its label and Base64 body, whatever happened to the line breaks: a
 * single-line form field drops them (or turns them into spaces), some editors add `\r`.
 * Anything that is not `-----BEGIN X----- body -----END X-----` is returned as it was.
 */
function canonicalPem(text: string): string {
  const match = /^-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\s]*)-----END \1-----$/.exec(text);
  if (match === null) return text;
  const body = (match[2] ?? '').replace(/\s+/g, '');
  const lines = body.match(/.{1,64}/g) ?? [];
  return [`-----BEGIN ${match[1]}-----`, ...lines, `-----END ${match[1]}-----`].join('\n');
}

const KEY_NAME = /^organizations\/[^/\s]+\/apiKeys\/[^/\s]+$/;

const credentialError = (message: string, hints: string[] = []) =>
  new AuthError(message, {
    hints: [
      ...hints,
      'On coinbase.com: Settings › API › Create API key; choose the ECDSA signature algorithm and only the "View" permission, then copy the key name and the whole private key.',
    ],
  });

export function readCoinbaseCredentials(credentials: Record<string, string | undefined>): CoinbaseCredentials {
  const apiKey = (credentials.apiKey ?? '').trim();
  const pasted = canonicalPem((credentials.secret ?? '').replace(/\\n/g, '\n').trim());
  if (apiKey.startsWith('-----BEGIN')) {
    throw credentialError(
      'The private key was entered as the API key name: put the key name (organizations/…/apiKeys/…) in "API key name" and the private key in "Private key".',
    );
  }
  if (!KEY_NAME.test(apiKey)) {
    throw credentialError(
      'The API key name should look like organizations/{organization id}/apiKeys/{key id}; copy the whole "name" shown when the key was created.',
      ['A key id alone (a UUID) belongs to the newer Ed25519 keys, which Omnifolio cannot use: create an ECDSA key instead.'],
    );
  }
  if (/^[A-Za-z0-9+/]{86}==$/.test(pasted)) {
    throw credentialError('This is an Ed25519 key; Omnifolio needs a Coinbase key created with the ECDSA signature algorithm.');
  }
  if (!pasted.startsWith('-----BEGIN') || !/-----END [A-Z ]+-----$/.test(pasted)) {
    throw credentialError('Paste the whole private key, from -----BEGIN EC PRIVATE KEY----- to -----END EC PRIVATE KEY----- inclusive.');
  }
  let key: ReturnType<typeof createPrivateKey>;
  try {
    key = createPrivateKey(pasted);
  } catch {
    throw credentialError('The private key could not be read: paste it again, whole, from -----BEGIN EC PRIVATE KEY----- to -----END EC PRIVATE KEY-----.');
  }
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw credentialError('This private key is not an ECDSA P-256 key; Coinbase keys for Omnifolio must use the ECDSA signature algorithm.');
  }
  const secret = pasted.startsWith('-----BEGIN EC PRIVATE KEY-----') ? `${pasted}\n` : (key.export({ format: 'pem', type: 'sec1' }) as string);
  return { apiKey, secret };
}
