import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { UnavailableError } from '@omnifolio/shared/errors';
import { KEY_BYTES } from './aes-gcm.js';
import type { KeyProvider } from './key-provider.js';
import { type MasterKey, masterKey } from './master-key.js';
import { DamagedKeyFileError } from './secret-errors.js';

/** The part of `@napi-rs/keyring` we use; tests pass an in-memory stand-in. */
export interface KeyringModule {
  AsyncEntry: new (
    service: string,
    account: string,
    options?: { linux?: { store?: 'secret-service' | 'keyutils' } },
  ) => {
    getPassword(): Promise<string | null>;
    setPassword(password: string): Promise<void>;
  };
}

type KeyringEntry = InstanceType<KeyringModule['AsyncEntry']>;

export interface KeyringKeyProviderOptions {
  dataDir: string;
  /** Keyring service name; the entry's account names the data directory. */
  service?: string;
  /** Loads the keyring binding; defaults to a dynamic import of `@napi-rs/keyring`. */
  loadModule?: () => Promise<KeyringModule>;
}

/**
 * Keeps the key in the OS keyring (macOS Keychain, Windows Credential Manager, the Secret
 * Service of GNOME Keyring or KWallet on Linux), stored as base64 under service
 * `omnifolio`, one entry per data directory.
 *
 * Optional by design: `@napi-rs/keyring` ships its native binary in per-platform npm
 * packages, and headless Linux (servers, CI, containers) has no Secret Service on D-Bus.
 * `isAvailable()` then says false and `chooseKeyProvider` uses the key file.
 *
 * On Linux the entry is pinned to the Secret Service. The library would otherwise fall
 * back to the kernel keyring (keyutils), which forgets everything at reboot: the key, and
 * with it every stored credential, would be gone the next morning.
 */
export class KeyringKeyProvider implements KeyProvider {
  readonly kind = 'keyring' as const;
  readonly service: string;
  readonly account: string;
  readonly #loadModule: () => Promise<KeyringModule>;
  #available: Promise<boolean> | undefined;
  #loading: Promise<MasterKey> | undefined;

  constructor(options: KeyringKeyProviderOptions) {
    this.service = options.service ?? 'omnifolio';
    this.account = `master-key:${resolve(options.dataDir)}`;
    this.#loadModule = options.loadModule ?? (() => import('@napi-rs/keyring'));
  }

  get description(): string {
    return `the OS keyring (${this.service} / ${this.account})`;
  }

  /** True when the binding loads and the keyring answers a read. Never throws. */
  isAvailable(): Promise<boolean> {
    this.#available ??= this.#entry()
      .then((entry) => entry.getPassword())
      .then(
        () => true,
        () => false,
      );
    return this.#available;
  }

  load(): Promise<MasterKey> {
    this.#loading ??= this.#read().catch((error: unknown) => {
      this.#loading = undefined;
      throw error;
    });
    return this.#loading;
  }

  async #read(): Promise<MasterKey> {
    let stored: string | null;
    try {
      const entry = await this.#entry();
      stored = await entry.getPassword();
      if (stored === null) {
        await entry.setPassword(randomBytes(KEY_BYTES).toString('base64'));
        // Read back rather than trust what we wrote: another process may have written first.
        stored = await entry.getPassword();
      }
    } catch (error) {
      throw new UnavailableError('The OS keyring that holds the Omnifolio key cannot be read.', {
        cause: error,
        details: error instanceof Error ? error.message : String(error),
        hints: [
          'Unlock the keyring (log in to the desktop session, or unlock "Login" in Keychain Access / Seahorse).',
          'On a server without a keyring, start the companion with a passphrase (OMNIFOLIO_PASSPHRASE) instead.',
        ],
      });
    }
    const key = stored === null ? Buffer.alloc(0) : Buffer.from(stored, 'base64');
    if (key.length !== KEY_BYTES) {
      throw new DamagedKeyFileError(this.description, `the entry is not a ${KEY_BYTES}-byte key in base64`, {
        hints: ['Remove the "omnifolio" entry for this data directory from the OS keyring and re-enter your credentials.'],
      });
    }
    return masterKey('keyring', key);
  }

  async #entry(): Promise<KeyringEntry> {
    const module = await this.#loadModule();
    return new module.AsyncEntry(this.service, this.account, { linux: { store: 'secret-service' } });
  }
}
