import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM with a random 96-bit IV per message and a full 128-bit tag.
 *
 * Random IVs are safe here: the NIST limit for random 96-bit IVs under one key is 2^32
 * messages, and a person's credential store writes a few hundred in its lifetime.
 */

export const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface Sealed {
  iv: Buffer;
  ciphertext: Buffer;
  authTag: Buffer;
}

export function seal(key: Buffer, plaintext: Uint8Array, aad: Uint8Array): Sealed {
  assertKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, ciphertext, authTag: cipher.getAuthTag() };
}

/** Decrypts and authenticates; throws if the key, IV, ciphertext, tag or AAD differ from sealing. */
export function open(key: Buffer, sealed: Sealed, aad: Uint8Array): Buffer {
  assertKey(key);
  if (sealed.iv.length !== IV_BYTES) throw new Error(`IV must be ${IV_BYTES} bytes, got ${sealed.iv.length}`);
  // Node accepts tags as short as 4 bytes unless told the length; a short tag is forgeable.
  if (sealed.authTag.length !== TAG_BYTES) throw new Error(`auth tag must be ${TAG_BYTES} bytes, got ${sealed.authTag.length}`);
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.authTag);
  return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
}

function assertKey(key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new Error(`AES-256 needs a ${KEY_BYTES}-byte key, got ${key.length}`);
}
