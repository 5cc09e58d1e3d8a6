import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { KEY_BYTES } from './aes-gcm.js';
import type { KeyProvider } from './key-provider.js';
import { type MasterKey, masterKey } from './master-key.js';
import { createPrivateFileExclusive, readPrivateFile } from './private-file.js';
import { DamagedKeyFileError } from './secret-errors.js';

export const KEY_FILE_NAME = 'secret.key';

/**
 * The default key: 32 random bytes in `secret.key` in the data directory, mode 0600.
 * Created on first use; refused if group or others can read it.
 *
 * It protects the database against anyone who gets the database without the data
 * directory (a synced or backed-up `.sqlite`, a shared support dump), not against someone
 * who can read this user's files. The passphrase and keyring providers cover that.
 */
export class FileKeyProvider implements KeyProvider {
  readonly kind = 'file' as const;
  readonly path: string;
  private loaded: MasterKey | undefined;

  constructor(dataDir: string) {
    this.path = join(dataDir, KEY_FILE_NAME);
  }

  get description(): string {
    return `the key file ${this.path}`;
  }

  async load(): Promise<MasterKey> {
    if (this.loaded) return this.loaded;
    let bytes = readPrivateFile(this.path);
    if (bytes === undefined) {
      // If another process wins the race, its key is the one to use.
      createPrivateFileExclusive(this.path, randomBytes(KEY_BYTES));
      bytes = readPrivateFile(this.path);
    }
    if (bytes === undefined) throw new DamagedKeyFileError(this.path, 'it disappeared right after it was created');
    if (bytes.length !== KEY_BYTES) throw new DamagedKeyFileError(this.path, `it holds ${bytes.length} bytes, a key has ${KEY_BYTES}`);
    this.loaded = masterKey('file', bytes);
    return this.loaded;
  }
}
