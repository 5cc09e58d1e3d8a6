import { createHash } from 'node:crypto';
import { inspect } from 'node:util';
import { KEY_BYTES } from './aes-gcm.js';

export type KeyKind = 'file' | 'passphrase' | 'keyring';

/**
 * The 32-byte key that seals every credential, and its id. The id (`file:1a2b3c4d`) is
 * stored beside each ciphertext so a different key is recognised and named, instead of
 * failing as if the data were corrupt. It is the first 32 bits of SHA-256 of the key:
 * enough to tell keys apart, far too little to help guess one.
 */
export interface MasterKey {
  readonly key: Buffer;
  readonly keyId: string;
}

export function keyIdFor(kind: KeyKind, key: Buffer): string {
  return `${kind}:${createHash('sha256').update(key).digest('hex').slice(0, 8)}`;
}

/** Wraps key bytes so that logging or serializing the object shows the id, never the bytes. */
export function masterKey(kind: KeyKind, key: Buffer): MasterKey {
  if (key.length !== KEY_BYTES) throw new Error(`A master key is ${KEY_BYTES} bytes, got ${key.length}`);
  const keyId = keyIdFor(kind, key);
  const out = { keyId } as MasterKey;
  Object.defineProperties(out, {
    key: { value: key, enumerable: false },
    toJSON: { value: () => ({ keyId }), enumerable: false },
    [inspect.custom]: { value: () => `MasterKey(${keyId})`, enumerable: false },
  });
  return Object.freeze(out);
}
