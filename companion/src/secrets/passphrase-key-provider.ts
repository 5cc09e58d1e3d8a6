import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { join } from 'node:path';
import { ValidationError } from '@omnifolio/shared/errors';
import { z } from 'zod';
import { KEY_BYTES, open, seal } from './aes-gcm.js';
import type { KeyProvider } from './key-provider.js';
import { type MasterKey, masterKey } from './master-key.js';
import { createPrivateFileExclusive, readPrivateFile } from './private-file.js';
import { DamagedKeyFileError, WrongPassphraseError } from './secret-errors.js';

export const SALT_FILE_NAME = 'secret.salt';
export const VERIFIER_FILE_NAME = 'secret.verifier';
const SALT_BYTES = 16;

/**
 * scrypt at N=2^15, r=8, p=1: 32 MiB and roughly 100 ms per try on a laptop, OWASP's
 * floor for scrypt. The parameters are written into the verifier file, so raising them
 * later does not lock out data directories created with these.
 */
export const DEFAULT_SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const;

/** The verifier seals this constant; opening it proves the passphrase before any secret is touched. */
const VERIFIER_PLAINTEXT = Buffer.from('omnifolio passphrase verifier v1');
const VERIFIER_AAD = Buffer.from('omnifolio:passphrase-verifier');

const verifierSchema = z.object({
  version: z.literal(1),
  kdf: z.object({
    name: z.literal('scrypt'),
    // Bounded so a tampered file cannot make start-up allocate gigabytes.
    N: z
      .number()
      .int()
      .min(2 ** 14)
      .max(2 ** 20)
      .refine((n) => (n & (n - 1)) === 0, 'N must be a power of two'),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
  }),
  iv: z.string(),
  ciphertext: z.string(),
  authTag: z.string(),
});
type ScryptParams = z.infer<typeof verifierSchema>['kdf'];

/**
 * A key derived from a passphrase the person types (OMNIFOLIO_PASSPHRASE), so a copy of
 * the whole data directory is useless without it. The random salt lives in `secret.salt`
 * and a verifier in `secret.verifier`, both 0600.
 */
export class PassphraseKeyProvider implements KeyProvider {
  readonly kind = 'passphrase' as const;
  readonly saltPath: string;
  readonly verifierPath: string;
  readonly #passphrase: string;
  #loading: Promise<MasterKey> | undefined;

  constructor(dataDir: string, passphrase: string) {
    if (passphrase.length === 0) {
      throw new ValidationError('The passphrase is empty.', [{ path: 'passphrase', message: 'Required' }], {
        hints: ['Set OMNIFOLIO_PASSPHRASE to a passphrase, or unset it to use the key file.'],
      });
    }
    // NFC: the same passphrase typed on macOS (decomposed "é") and elsewhere gives the same key.
    this.#passphrase = passphrase.normalize('NFC');
    this.saltPath = join(dataDir, SALT_FILE_NAME);
    this.verifierPath = join(dataDir, VERIFIER_FILE_NAME);
  }

  get description(): string {
    return 'the passphrase';
  }

  load(): Promise<MasterKey> {
    this.#loading ??= this.#derive().catch((error: unknown) => {
      this.#loading = undefined;
      throw error;
    });
    return this.#loading;
  }

  async #derive(): Promise<MasterKey> {
    const salt = this.#salt();
    const stored = this.#readVerifier();
    const key = await deriveKey(this.#passphrase, salt, stored?.kdf ?? { name: 'scrypt', ...DEFAULT_SCRYPT });

    if (stored) {
      this.#check(key, stored);
    } else {
      const sealed = seal(key, VERIFIER_PLAINTEXT, VERIFIER_AAD);
      const file = {
        version: 1,
        kdf: { name: 'scrypt', ...DEFAULT_SCRYPT },
        iv: sealed.iv.toString('base64'),
        ciphertext: sealed.ciphertext.toString('base64'),
        authTag: sealed.authTag.toString('base64'),
      } satisfies z.infer<typeof verifierSchema>;
      if (!createPrivateFileExclusive(this.verifierPath, Buffer.from(JSON.stringify(file)))) {
        // Another process set the passphrase first; ours must match it.
        const winner = this.#readVerifier();
        if (winner) this.#check(key, winner);
      }
    }
    return masterKey('passphrase', key);
  }

  #salt(): Buffer {
    let salt = readPrivateFile(this.saltPath);
    if (salt === undefined) {
      createPrivateFileExclusive(this.saltPath, randomBytes(SALT_BYTES));
      salt = readPrivateFile(this.saltPath);
    }
    if (salt === undefined || salt.length !== SALT_BYTES) {
      throw new DamagedKeyFileError(this.saltPath, `it holds ${salt?.length ?? 0} bytes, the salt has ${SALT_BYTES}`);
    }
    return salt;
  }

  #readVerifier(): z.infer<typeof verifierSchema> | undefined {
    const bytes = readPrivateFile(this.verifierPath);
    if (bytes === undefined) return undefined;
    try {
      return verifierSchema.parse(JSON.parse(bytes.toString('utf8')));
    } catch (error) {
      throw new DamagedKeyFileError(this.verifierPath, 'it is not a passphrase verifier Omnifolio wrote', { cause: error });
    }
  }

  #check(key: Buffer, stored: z.infer<typeof verifierSchema>): void {
    let plaintext: Buffer;
    try {
      plaintext = open(
        key,
        {
          iv: Buffer.from(stored.iv, 'base64'),
          ciphertext: Buffer.from(stored.ciphertext, 'base64'),
          authTag: Buffer.from(stored.authTag, 'base64'),
        },
        VERIFIER_AAD,
      );
    } catch {
      throw new WrongPassphraseError();
    }
    if (plaintext.length !== VERIFIER_PLAINTEXT.length || !timingSafeEqual(plaintext, VERIFIER_PLAINTEXT)) throw new WrongPassphraseError();
  }
}

function deriveKey(passphrase: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  // Node's default maxmem (32 MiB) is exactly 128·N·r at N=2^15, r=8, and scrypt needs a little more.
  const maxmem = 256 * params.N * params.r;
  return new Promise((resolve, reject) => {
    scrypt(passphrase, salt, KEY_BYTES, { N: params.N, r: params.r, p: params.p, maxmem }, (error, key) => {
      if (error) reject(error);
      else resolve(key);
    });
  });
}
