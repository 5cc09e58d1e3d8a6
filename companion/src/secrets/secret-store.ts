import { randomUUID } from 'node:crypto';
import { BaseError, NotFoundError, ValidationError } from '@omnifolio/shared/errors';
import { eq } from 'drizzle-orm';
import type { Db } from '../storage/database.js';
import { secrets } from '../storage/schema/secrets.js';
import { open, seal } from './aes-gcm.js';
import type { KeyProvider, MasterKey } from './key-provider.js';
import { type RevealedSecret, revealSecret } from './revealed-secret.js';
import { SecretIntegrityError, SecretKeyMismatchError } from './secret-errors.js';

export type { RevealedSecret } from './revealed-secret.js';

/**
 * Credentials encrypted at rest in the `secrets` table.
 *
 * Row format version 1: the value is a JSON object of strings, sealed with AES-256-GCM
 * under the master key, a random 12-byte IV per write, and the row id as additional
 * authenticated data, so a ciphertext copied into another row does not open there.
 * `iv`, `ciphertext` and `auth_tag` are base64; `key_id` names the key that sealed it.
 *
 * Decrypted values are returned to the caller and nothing else: not logged, not kept, not
 * put into error messages.
 */
export interface SecretStore {
  /** Seals `value` in a new row and returns its id. */
  put(value: Record<string, string>): Promise<string>;
  /** Opens a row. Throws NotFoundError, SecretKeyMismatchError or SecretIntegrityError. */
  get(id: string): Promise<RevealedSecret>;
  /** Seals a new value into an existing row (new IV, current key). Throws NotFoundError. */
  replace(id: string, value: Record<string, string>): Promise<void>;
  /** Removes a row. Deleting an id that is not there is not an error (a retried delete). */
  delete(id: string): Promise<void>;
}

export interface CreateSecretStoreOptions {
  /** Clock for `created_at`. */
  now?: () => Date;
}

const FORMAT_VERSION = 1;
/** Fields that would shadow the masking members of a RevealedSecret. */
const RESERVED_FIELDS = new Set(['toJSON', 'toString', '__proto__', 'constructor']);

export function createSecretStore(db: Db, keyProvider: KeyProvider, options: CreateSecretStoreOptions = {}): SecretStore {
  const now = options.now ?? (() => new Date());
  let loading: Promise<MasterKey> | undefined;

  /** Loads the key once; a failed load (locked keyring) is tried again on the next call. */
  function masterKey(): Promise<MasterKey> {
    loading ??= keyProvider.load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  }

  function sealRow(key: MasterKey, id: string, value: Record<string, string>) {
    const plaintext = Buffer.from(JSON.stringify(value), 'utf8');
    try {
      const sealed = seal(key.key, plaintext, Buffer.from(id, 'utf8'));
      return {
        keyId: key.keyId,
        version: FORMAT_VERSION,
        iv: sealed.iv.toString('base64'),
        ciphertext: sealed.ciphertext.toString('base64'),
        authTag: sealed.authTag.toString('base64'),
      };
    } finally {
      // Best effort: the JSON string itself cannot be wiped, but this copy can.
      plaintext.fill(0);
    }
  }

  return {
    async put(value) {
      const fields = checkValue(value);
      const key = await masterKey();
      const id = `sec_${randomUUID()}`;
      db.insert(secrets)
        .values({ id, createdAt: now().toISOString(), ...sealRow(key, id, fields) })
        .run();
      return id;
    },

    async get(id) {
      const row = db.select().from(secrets).where(eq(secrets.id, id)).get();
      if (!row) throw notFound(id);
      if (row.version !== FORMAT_VERSION) {
        throw new BaseError(`The stored secret ${id} was written by a newer version of Omnifolio (format ${row.version}).`, {
          hints: ['Update Omnifolio, or re-enter the credentials.'],
        });
      }
      const key = await masterKey();
      if (row.keyId !== key.keyId) throw new SecretKeyMismatchError(row.keyId, key.keyId);

      let plaintext: Buffer;
      try {
        plaintext = open(
          key.key,
          {
            iv: Buffer.from(row.iv, 'base64'),
            ciphertext: Buffer.from(row.ciphertext, 'base64'),
            authTag: Buffer.from(row.authTag, 'base64'),
          },
          Buffer.from(id, 'utf8'),
        );
      } catch {
        throw new SecretIntegrityError(id);
      }
      try {
        return revealSecret(parseFields(plaintext, id));
      } finally {
        plaintext.fill(0);
      }
    },

    async replace(id, value) {
      const fields = checkValue(value);
      const key = await masterKey();
      const result = db
        .update(secrets)
        .set(sealRow(key, id, fields))
        .where(eq(secrets.id, id))
        .run();
      if (result.changes === 0) throw notFound(id);
    },

    async delete(id) {
      db.delete(secrets).where(eq(secrets.id, id)).run();
    },
  };
}

/** Accepts a flat object of strings; names the offending field, never its value. */
function checkValue(value: unknown): Record<string, string> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ValidationError('Credentials must be an object of text fields.', [{ path: '', message: 'Expected an object' }]);
  }
  const issues: { path: string; message: string }[] = [];
  for (const [name, field] of Object.entries(value)) {
    if (name === '' || RESERVED_FIELDS.has(name)) issues.push({ path: name, message: 'This field name is not allowed' });
    else if (typeof field !== 'string') issues.push({ path: name, message: 'Expected text' });
  }
  if (issues.length > 0) throw new ValidationError('Credentials must be an object of text fields.', issues);
  return value as Record<string, string>;
}

function parseFields(plaintext: Buffer, id: string): Record<string, string> {
  // Authenticated, so this only fails if we wrote something else than we read: a bug.
  const parsed: unknown = JSON.parse(plaintext.toString('utf8'));
  if (parsed === null || typeof parsed !== 'object' || Object.values(parsed).some((v) => typeof v !== 'string')) {
    throw new BaseError(`The stored secret ${id} does not hold text fields.`, { hints: ['Re-enter the credentials.'] });
  }
  return parsed as Record<string, string>;
}

function notFound(id: string): NotFoundError {
  return new NotFoundError(`No stored credentials with id ${id}.`, {
    hints: ['The connection refers to credentials that were deleted; enter them again.'],
  });
}
