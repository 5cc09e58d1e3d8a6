import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UnavailableError } from '@omnifolio/shared/errors';
import { FileKeyProvider, KEY_FILE_NAME } from './file-key-provider.js';
import { KeyringKeyProvider } from './keyring-key-provider.js';
import type { KeyKind, MasterKey } from './master-key.js';
import { PassphraseKeyProvider, SALT_FILE_NAME } from './passphrase-key-provider.js';
import { createPrivateFileExclusive } from './private-file.js';
import { PassphraseRequiredError } from './secret-errors.js';

export type { KeyKind, MasterKey } from './master-key.js';

/** Where the key that seals credentials comes from. */
export interface KeyProvider {
  readonly kind: KeyKind;
  /** Where the key lives, for messages: "the key file /home/me/.omnifolio/secret.key". */
  readonly description: string;
  /** The 32-byte key and its id, created on first use. */
  load(): Promise<MasterKey>;
}

/** Written when a data directory starts using the keyring, so it keeps using it. */
export const KEYRING_MARKER_FILE_NAME = 'secret.keyring';

export interface ChooseKeyProviderParameters {
  dataDir: string;
  /** The passphrase, if the person gave one (the caller reads OMNIFOLIO_PASSPHRASE). */
  passphrase?: string;
  /** Use the OS keyring for a new data directory when one is available. Default false. */
  preferKeyring?: boolean;
  /** A keyring provider to use instead of the default one (tests, custom service name). */
  keyring?: KeyringKeyProvider;
}

/**
 * Picks the key provider for a data directory:
 * 1. a passphrase, when one is given;
 * 2. the keyring, when this directory already uses it (it refuses to start without it
 *    rather than create a new key that cannot open the stored credentials);
 * 3. the key file, when `secret.key` exists;
 * 4. refuses when the directory was set up with a passphrase and none is given;
 * 5. the keyring, for a new directory, when preferred and it stores a key;
 * 6. otherwise a new key file.
 *
 * The choice sticks to the data directory because a key that changes between runs (a
 * keyring present in the desktop session but not over ssh) would make every stored
 * credential unreadable.
 */
export async function chooseKeyProvider(parameters: ChooseKeyProviderParameters): Promise<KeyProvider> {
  const { dataDir, passphrase } = parameters;
  if (passphrase !== undefined && passphrase !== '') return new PassphraseKeyProvider(dataDir, passphrase);

  const markerPath = join(dataDir, KEYRING_MARKER_FILE_NAME);
  if (existsSync(markerPath)) {
    const keyring = parameters.keyring ?? new KeyringKeyProvider({ dataDir, service: readMarkerService(markerPath) });
    if (!(await keyring.isAvailable())) {
      throw new UnavailableError('This data directory keeps its key in the OS keyring, and the keyring is not available.', {
        hints: [
          'Start the companion inside your desktop session with the keyring unlocked.',
          `To stop using the keyring, restore the credentials another way and remove ${markerPath}.`,
        ],
      });
    }
    return keyring;
  }

  if (existsSync(join(dataDir, KEY_FILE_NAME))) return new FileKeyProvider(dataDir);
  if (existsSync(join(dataDir, SALT_FILE_NAME))) throw new PassphraseRequiredError(dataDir);

  if (parameters.preferKeyring) {
    const keyring = parameters.keyring ?? new KeyringKeyProvider({ dataDir });
    // Store the key before committing to the keyring: a keyring can answer reads and still
    // refuse writes (a Secret Service without a default collection does), and the marker
    // must never point at a key that was not stored.
    if (
      (await keyring.isAvailable()) &&
      (await keyring.load().then(
        () => true,
        () => false,
      ))
    ) {
      createPrivateFileExclusive(markerPath, Buffer.from(JSON.stringify({ service: keyring.service, account: keyring.account })));
      return keyring;
    }
  }
  return new FileKeyProvider(dataDir);
}

function readMarkerService(path: string): string | undefined {
  try {
    const marker: unknown = JSON.parse(readFileSync(path, 'utf8'));
    const service = marker !== null && typeof marker === 'object' ? (marker as { service?: unknown }).service : undefined;
    return typeof service === 'string' ? service : undefined;
  } catch {
    return undefined;
  }
}
